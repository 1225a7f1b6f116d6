import { errors } from '../../errors.js';
import type { Consultation } from '../types.js';
import { eventsOf, type RoutingContext } from './context.js';
import { KeyedSerial } from './serial.js';
import type { RoutingStatus } from './types.js';

/** The lifecycle owner's requeue of a chat her counselor no longer holds. */
export type RequeueChat = (c: Consultation, fromStaffId: string) => Promise<void>;

/**
 * Counselors as routing sees them: connected or not (her chats wait for her grace, then go back
 * to the queue), her status, her capacity, and leaving routing when disabled. Each counselor's
 * changes run one at a time ({@link KeyedSerial}): they read the store and write it across awaits.
 */
export class CounselorPresence {
  /** Presence changes of one counselor, one at a time. */
  private readonly presence = new KeyedSerial();

  constructor(
    private readonly ctx: RoutingContext,
    private readonly requeue: RequeueChat,
  ) {}

  /** Her first socket arrived (or came back): her chats stay hers, and she can be offered clients. */
  online(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      const { router, grace } = this.ctx;
      if (this.ctx.stopped()) return;
      grace.staffBack(staffId);
      if (!(await router.counselor(staffId))) {
        // A counselor account made after start-up; supervisors and admins are not routed to.
        const known = (await this.ctx.repos.counselors.all()).find((c) => c.staffId === staffId);
        if (!known) return;
        await router.updateCounselor(staffId, { connected: true }, { ...known, connected: false, idleSince: this.ctx.clock.now().getTime() });
      } else {
        await router.updateCounselor(staffId, { connected: true });
      }
      eventsOf(this.ctx).changed({ queue: true, counselors: true });
    });
  }

  /** Resolves once every presence change of hers given so far has run (her take waits for her connection's). */
  settled(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => undefined);
  }

  /** Her last socket went: no offers; her chats wait for her grace period, then go back to the queue. */
  offline(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      if (this.ctx.stopped()) return;
      const slot = await this.ctx.router.counselor(staffId);
      if (!slot) return;
      await this.ctx.router.updateCounselor(staffId, { connected: false });
      if (slot.load > 0) this.ctx.grace.startStaff(staffId);
      eventsOf(this.ctx).changed({ queue: true, counselors: true });
    });
  }

  /**
   * She was disabled: out of routing at once (no offer, no transfer to her), then every chat she
   * holds goes back to the front of the queue, history intact. Nothing of hers is handed on: the
   * next counselor gets the session key from the woman's widget, sealed to her own statement.
   */
  remove(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      this.ctx.grace.staffBack(staffId);
      if (this.ctx.stopped()) return;
      await this.ctx.router.removeCounselor(staffId);
      for (const c of await this.ctx.repos.consultations.openForStaff(staffId)) await this.requeue(c, staffId);
      eventsOf(this.ctx).changed({ queue: true, counselors: true });
    });
  }

  /** Her grace ran out: unless she is back, her chats go back to the front of the queue. */
  graceOver(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      if (this.ctx.stopped() || (await this.ctx.router.counselor(staffId))?.connected) return;
      // Her chats go back to the front of the queue, history intact.
      for (const c of await this.ctx.repos.consultations.openForStaff(staffId)) await this.requeue(c, staffId);
      eventsOf(this.ctx).changed({ queue: true, counselors: true });
    });
  }

  /** She goes on or off duty. FORBIDDEN for staff who are not counselors. */
  async setStatus(staffId: string, status: RoutingStatus): Promise<void> {
    // After her presence: a counselor made after start-up has a slot only once `online`, queued
    // when her socket connected, has run; her first status right after connecting waits for it.
    await this.presence.run(staffId, async () => {
      if (!(await this.ctx.router.counselor(staffId))) throw errors.forbidden('not a counselor');
      await this.ctx.repos.counselors.setStatus(staffId, status);
      await this.ctx.router.updateCounselor(staffId, { status });
      eventsOf(this.ctx).changed({ queue: true, counselors: true });
    });
  }

  /** A supervisor sets how many chats she may hold. INVALID_STATE for anyone not a counselor. */
  async setCapacity(staffId: string, capacity: number): Promise<void> {
    const { router } = this.ctx;
    if (!(await router.counselor(staffId)) || !(await this.ctx.repos.counselors.setCapacity(staffId, capacity))) throw errors.invalidState('not a counselor');
    await router.updateCounselor(staffId, { capacity });
    eventsOf(this.ctx).changed({ queue: true, counselors: true });
  }

  /**
   * Capacities as the database holds them now, taken into routing where they differ (issue 17): a
   * capacity written straight to the database — by an operator, a tool, anything but
   * {@link setCapacity} — is offered by from the next poll of the staff change counter, which that
   * write moves, on every node. Counselors with no slot yet take theirs from the database when
   * they connect. A read that raced a supervisor's change is put right by the next poll: her
   * write moved the counter too.
   */
  async capacitiesFromDatabase(): Promise<void> {
    if (this.ctx.stopped()) return;
    let changed = false;
    for (const stored of await this.ctx.repos.counselors.all()) {
      await this.presence.run(stored.staffId, async () => {
        const slot = await this.ctx.router.counselor(stored.staffId);
        if (!slot || slot.capacity === stored.capacity) return;
        await this.ctx.router.updateCounselor(stored.staffId, { capacity: stored.capacity });
        changed = true;
      });
    }
    if (changed) eventsOf(this.ctx).changed({ queue: true, counselors: true });
  }
}
