// Over 300 lines on purpose: this is the one owner of the consultation lifecycle, and its
// transitions (take, end, requeue, transfer, presence) must be read together to see that the
// queue store and the consultation row stay in step; grace timers and policy live elsewhere.
import type { EndReason, HandoverNotePayload, SealedEpochKey, SenderRole } from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../../clock.js';
import { DomainError, errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import type { Scheduler } from '../../scheduler.js';
import { grantsOf } from '../consultations.js';
import { hashToken, newToken } from '../tokens.js';
import type { Consultation, WaitingConsultation } from '../types.js';
import type { RoutingEvents } from './events.js';
import { GracePeriods } from './grace.js';
import { defaultRoutingOptions, type RoutingOptions } from './options.js';
import type { QueueStore } from './queue-store.js';
import { Router } from './router.js';
import { KeyedSerial } from './serial.js';
import type { QueueItem, RoutingStatus, RoutingView } from './types.js';

export interface RoutingDeps {
  repos: Pick<Repositories, 'consultations' | 'counselors' | 'handover' | 'keyGrants' | 'resumeCodes'>;
  sodium: Sodium;
  clock: Clock;
  scheduler: Scheduler;
  store: QueueStore;
  options?: Partial<RoutingOptions> | undefined;
  /** Several nodes: whether other nodes are running now (a live one holds the job lease), asked at boot. */
  clusterRunning?: (() => Promise<boolean>) | undefined;
  /**
   * Several nodes: whether she has a socket on some live node. A grace timer here runs out while
   * she may have come back through another node; asked before her wait or chat ends as gone.
   */
  clientPresent?: ((consultationId: string) => Promise<boolean>) | undefined;
}

type Ended = { endedAt: string; changed: boolean; reason: EndReason };
type AbandonCause = Parameters<RoutingDeps['repos']['consultations']['recordAbandon']>[2];

const ms = (iso: string): number => new Date(iso).getTime();

/** How far past its expiry an offer must be before another node's sweep takes it on. */
const ORPHANED_OFFER_SLACK_MS = 2_000;

/**
 * The one owner of a consultation's lifecycle: start, offer, take, end, requeue, transfer; and of
 * counselors' status, capacity and presence. It keeps the consultation row (through its one
 * repository) and the queue store in step, and tells the socket layer what changed through
 * {@link RoutingEvents}. No sockets, no SQL.
 *
 * The store is the arbiter of who gets whom: a take or a transfer asks it first (one atomic step),
 * then writes the row. The row refuses only when the chat ended or went back to the queue
 * meanwhile, and those changes free the chat's place in the store by its id, so nothing needs
 * undoing. Ends and requeues write the row first (it says whether this call ended it).
 */
export class RoutingService {
  readonly router: Router;
  private readonly grace: GracePeriods;
  /** Presence changes of one counselor, one at a time (see {@link KeyedSerial}). */
  private readonly presence = new KeyedSerial();
  /**
   * Per consultation, one at a time: a take, a requeue, and the timers' ends and questions. Each
   * reads the row, decides, and writes across awaits; a timer that read "waiting" must not end a
   * chat a counselor took meanwhile (nor a requeued one as gone). Ends by a person are not in it:
   * the row's conditional end and the store's leave keep those right in any order.
   */
  private readonly lifecycle = new KeyedSerial();
  private readonly options: RoutingOptions;
  private readonly repos: RoutingDeps['repos'];
  private readonly clock: Clock;
  private readonly sodium: Sodium;
  private events: RoutingEvents | null = null;
  private stopped = false;
  private readonly scheduler: Scheduler;
  private readonly sharedStore: boolean;
  private readonly clusterRunning: () => Promise<boolean>;
  private readonly clientPresent: (consultationId: string) => Promise<boolean>;
  /** The next sweep for offers a dead node left (shared stores only). */
  private sweep: unknown = null;
  /**
   * When each consultation started here, exactly (ms): the row keeps it to 10 minutes only
   * (issue 15), the wait figure wants it exact. In memory, while she waits for her first counselor.
   */
  private readonly startedAt = new Map<string, number>();

  constructor(deps: RoutingDeps) {
    ({ repos: this.repos, clock: this.clock, sodium: this.sodium, scheduler: this.scheduler } = deps);
    this.sharedStore = deps.store.shared;
    this.clusterRunning = deps.clusterRunning ?? (async () => false);
    this.clientPresent = deps.clientPresent ?? (async () => false);
    this.options = { ...defaultRoutingOptions, ...deps.options };
    this.router = new Router(deps.store, () => this.clock.now().getTime(), deps.scheduler, {
      offered: (offer, item) =>
        this.events?.offered(offer.staffId, {
          consultationId: offer.consultationId,
          urgent: item.urgent,
          requeued: item.requeued,
          queuedAt: item.queuedAt,
          expiresAt: new Date(offer.expiresAt).toISOString(),
        }),
      offerWithdrawn: (offer, reason) => this.events?.offerWithdrawn(offer.staffId, offer.consultationId, reason),
      failed: (caught) => this.events?.failed(caught),
    }, this.options);
    const o = this.options;
    const failed = (caught: unknown) => this.events?.failed(caught);
    const grace = { staff: o.counselorGraceMs, client: o.clientGraceMs, clientAway: o.clientAwayMs, clientGone: o.clientGoneMs, silence: o.clientSilenceMs, silenceAnswer: o.clientSilenceAnswerMs };
    this.grace = new GracePeriods(deps.scheduler, grace, {
      staff: (staffId) => void this.presence.run(staffId, () => this.staffGraceOver(staffId)).catch(failed),
      client: (consultationId) => void this.lifecycle.run(consultationId, () => this.clientGraceOver(consultationId, 'timeout')).catch(failed),
      silent: (consultationId, final) =>
        void this.lifecycle.run(consultationId, () => (final ? this.clientGraceOver(consultationId, 'silent') : this.askStillWaiting(consultationId))).catch(failed),
      away: (consultationId, endsInMs) => void this.clientParked(consultationId, endsInMs).catch(failed),
      gone: (consultationId) => void this.lifecycle.run(consultationId, () => this.clientGoneOver(consultationId)).catch(failed),
    }, () => this.clock.now().getTime());
  }

  private get ev(): RoutingEvents {
    if (!this.events) throw new Error('routing events not attached');
    return this.events;
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Loads the persisted queue and loads at start-up. Nobody is connected yet, so nothing is
   * offered; everyone gets her grace period to come back. Says where the state came from.
   */
  async boot(events: RoutingEvents): Promise<'database' | 'cluster'> {
    this.events = events;
    // Joining a running cluster (issue 17): the shared store is live — the queue, loads, offers
    // and who is connected, kept by the other nodes. Restored from the database it would show
    // every counselor offline (no offers to her) and this node's grace timers would requeue the
    // chats of counselors, and end the waits of women, whose sockets are on other nodes.
    if (this.sharedStore && (await this.clusterRunning())) {
      await this.router.adoptOffers();
      this.sweepForOrphanedOffers();
      return 'cluster';
    }
    const items = keepStoredOrder((await this.repos.consultations.waiting()).map(itemFor));
    const now = this.clock.now().getTime();
    const counselors = (await this.repos.counselors.all()).map((c) => ({ ...c, connected: false, idleSince: now }));
    const active = await this.repos.consultations.active();
    await this.router.restore(items, counselors, active);
    for (const w of items) {
      this.grace.startClient(w.consultationId);
      if (!w.requeued) this.grace.clientSpoke(w.consultationId);
    }
    // Nobody is connected yet: an active chat whose woman does not come back is parked, then ends.
    for (const a of active) this.grace.startAway(a.consultationId);
    for (const c of counselors) if (c.load > 0) this.grace.startStaff(c.staffId);
    // A shared store may hold offers whose timers died with the process that made them (this one
    // before a restart, or another node): they are watched from here on, and swept for while the
    // other nodes live.
    await this.router.adoptOffers();
    if (this.sharedStore) this.sweepForOrphanedOffers();
    return 'database';
  }

  /**
   * Every offer timeout, takes on offers at least {@link ORPHANED_OFFER_SLACK_MS} past their
   * expiry that no timer here watches: their node died. A live maker's own timer fires first.
   */
  private sweepForOrphanedOffers(): void {
    if (this.stopped) return;
    this.sweep = this.scheduler.set(this.options.offerTimeoutMs, () => {
      void this.router
        .adoptOffers(ORPHANED_OFFER_SLACK_MS)
        .catch((caught: unknown) => this.events?.failed(caught))
        .finally(() => this.sweepForOrphanedOffers());
    });
  }

  /**
   * A node died (issue 17), and the grace and silence timers it ran died with it: someone who had
   * dropped before it died would never have hers run out. The node that swept it calls this: for
   * everyone no live node has a socket of, the timers start again here, from now, as `boot` starts
   * them after a restart (at most one period longer, never shorter). A woman's silence is timed
   * here again too. Someone timed on a live node as well is timed twice; each timer's end
   * re-checks what it finds (her presence, her counselor's connection, the chat's state).
   */
  async adoptTimers(): Promise<void> {
    if (this.stopped) return;
    // One read of the shared store for the queue and the counselors.
    const view = await this.router.view();
    for (const w of view.waiting) {
      if (!(await this.clientPresent(w.consultationId))) this.grace.startClient(w.consultationId);
      if (!w.requeued) this.grace.clientSpokeIfUntimed(w.consultationId);
    }
    for (const a of await this.repos.consultations.active()) {
      if (!(await this.clientPresent(a.consultationId))) this.grace.startAway(a.consultationId);
    }
    for (const c of view.counselors) if (!c.connected && c.load > 0) this.grace.startStaff(c.staffId);
  }

  /**
   * The admin's offer timeout and grace periods, applied without a restart: offers and grace
   * timers started from now on use them (the presenter reads the same options object).
   */
  applyTimings(t: Pick<RoutingOptions, 'offerTimeoutMs' | 'clientGraceMs' | 'counselorGraceMs'>): void {
    Object.assign(this.options, t);
    this.router.options.offerTimeoutMs = t.offerTimeoutMs;
    this.grace.setPeriods({ staff: t.counselorGraceMs, client: t.clientGraceMs });
  }

  stop(): void {
    this.stopped = true;
    if (this.sweep !== null) this.scheduler.clear(this.sweep);
    this.router.stop();
    this.grace.stop();
  }

  /** Everything routing keeps, as one picture (for the presenters). */
  view(): Promise<RoutingView> {
    return this.router.view();
  }

  // ---- presence ------------------------------------------------------------------------------

  /** Her first socket arrived (or came back): her chats stay hers, and she can be offered clients. */
  staffOnline(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      if (this.stopped) return;
      this.grace.staffBack(staffId);
      if (!(await this.router.counselor(staffId))) {
        // A counselor account made after start-up; supervisors and admins are not routed to.
        const known = (await this.repos.counselors.all()).find((c) => c.staffId === staffId);
        if (!known) return;
        await this.router.updateCounselor(staffId, { connected: true }, { ...known, connected: false, idleSince: this.clock.now().getTime() });
      } else {
        await this.router.updateCounselor(staffId, { connected: true });
      }
      this.ev.changed({ queue: true, counselors: true });
    });
  }

  /** Her last socket went: no offers; her chats wait for her grace period, then go back to the queue. */
  staffOffline(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      if (this.stopped) return;
      const slot = await this.router.counselor(staffId);
      if (!slot) return;
      await this.router.updateCounselor(staffId, { connected: false });
      if (slot.load > 0) this.grace.startStaff(staffId);
      this.ev.changed({ queue: true, counselors: true });
    });
  }

  /**
   * She was disabled: out of routing at once (no offer, no transfer to her), then every chat she
   * holds goes back to the front of the queue, history intact. Nothing of hers is handed on: the
   * next counselor gets the session key from the woman's widget, sealed to her own statement.
   */
  removeCounselor(staffId: string): Promise<void> {
    return this.presence.run(staffId, async () => {
      this.grace.staffBack(staffId);
      if (this.stopped) return;
      await this.router.removeCounselor(staffId);
      for (const c of await this.repos.consultations.openForStaff(staffId)) await this.requeue(c, staffId);
      this.ev.changed({ queue: true, counselors: true });
    });
  }

  private async staffGraceOver(staffId: string): Promise<void> {
    if (this.stopped || (await this.router.counselor(staffId))?.connected) return;
    // Her chats go back to the front of the queue, history intact.
    for (const c of await this.repos.consultations.openForStaff(staffId)) await this.requeue(c, staffId);
    this.ev.changed({ queue: true, counselors: true });
  }

  /** A socket of hers is bound to her consultation again; a counselor whose chat was parked is told. */
  async clientOnline(consultationId: string): Promise<void> {
    // Asked while she was away (the push went nowhere): asked again now that she is here.
    this.ask(consultationId);
    if (!this.grace.clientBack(consultationId)) return;
    const staffId = (await this.repos.consultations.byId(consultationId))?.assignedStaffId;
    if (staffId) this.events?.clientAway(consultationId, staffId, false, null);
  }

  /**
   * Her last socket went: while waiting she keeps her place for the grace period; from an active
   * chat she is parked after the away period, and the chat ends after the gone period.
   */
  async clientOffline(consultationId: string): Promise<void> {
    this.grace.clientGone(consultationId);
    if (this.stopped) return;
    if ((await this.router.position(consultationId)) !== null) this.grace.startClient(consultationId);
    else if ((await this.repos.consultations.byId(consultationId))?.status === 'active') this.grace.startAway(consultationId);
  }

  private async clientParked(consultationId: string, endsInMs: number): Promise<void> {
    const c = await this.repos.consultations.byId(consultationId);
    if (this.stopped || c?.status !== 'active' || !c.assignedStaffId) return;
    // Back through another node (issue 17): not parked; that node starts her periods if she drops there.
    if (await this.clientPresent(consultationId)) return void this.grace.stopAway(consultationId);
    this.events?.clientAway(consultationId, c.assignedStaffId, true, new Date(this.clock.now().getTime() + endsInMs).toISOString());
  }

  private async clientGoneOver(consultationId: string): Promise<void> {
    const c = await this.repos.consultations.byId(consultationId);
    if (this.stopped || c?.status !== 'active' || (await this.clientPresent(consultationId))) return;
    if ((await this.end(c, 'client', 'client_gone')).changed) this.ev.clientGone(consultationId);
  }

  /**
   * A waiting client she sent something (message:send while waiting): her silence counts from now.
   * Anything else is ignored here.
   */
  clientSpoke(c: Consultation): void {
    if (c.status !== 'waiting') return;
    this.grace.clientSpoke(c.id);
    this.events?.clientSpokeHere?.(c.id, false);
  }

  /**
   * She answered `queue:still-waiting`: her place stays and her silence counts again from now.
   * False (nothing changes) when she was not asked: the answer cannot keep a script's place. With
   * several nodes the node that asked may be another one: it is told and counts it there.
   */
  clientStillHere(c: Consultation): boolean {
    if (c.status !== 'waiting') return false;
    const answered = this.grace.clientAnswered(c.id);
    this.events?.clientSpokeHere?.(c.id, true);
    return answered;
  }

  /**
   * Another node saw her speak (`answered`: her answer to the question) while she waits. Counted
   * only where her silence is timed (or, for an answer, where she was asked): a node that does not
   * time her starts nothing, so the answer still cannot keep a place nobody asked about.
   */
  spokeElsewhere(consultationId: string, answered: boolean): void {
    if (answered) this.grace.clientAnswered(consultationId);
    else this.grace.clientSpokeIfTimed(consultationId);
  }

  private async askStillWaiting(consultationId: string): Promise<void> {
    const c = await this.repos.consultations.byId(consultationId);
    const item = (await this.router.queue()).find((q) => q.consultationId === consultationId);
    // Taken meanwhile, ended, or a chat back in the queue (only her grace ends those): not asked.
    if (this.stopped || c?.status !== 'waiting' || item?.requeued !== false) return void this.grace.clientNotWaiting(consultationId);
    this.ask(consultationId);
  }

  /** Pushes the question with the time the grace timers hold for her answer (again after a reconnect). */
  private ask(consultationId: string): void {
    const by = this.grace.answerBy(consultationId);
    if (by !== undefined) this.events?.stillWaiting(consultationId, new Date(by).toISOString());
  }

  /** Her grace ran out while away ('timeout'), or she sent nothing for too long while waiting ('silent'). */
  private async clientGraceOver(consultationId: string, cause: 'timeout' | 'silent'): Promise<void> {
    const c = await this.repos.consultations.byId(consultationId);
    if (this.stopped || !c || c.status !== 'waiting') return;
    // Back through another node within her grace (issue 17): her place stays hers.
    if (cause === 'timeout' && (await this.clientPresent(consultationId))) return;
    // A chat that went back to the queue is not a new start that never spoke: only her grace ends it.
    if (cause === 'silent' && (await this.router.queue()).find((q) => q.consultationId === consultationId)?.requeued !== false) return;
    this.grace.clientNotWaiting(consultationId);
    await this.endWaiting(c, 'client', 'abandoned', cause);
    this.ev.abandoned(consultationId);
    this.ev.changed({ queue: true });
  }

  /**
   * Several nodes: a socket of hers is bound to the consultation on another node (this node's
   * grace timers, which know only its own sockets, ran out). False with one node.
   */
  // ---- the lifecycle -------------------------------------------------------------------------

  /**
   * She starts a consultation: its row and her reconnect token (returned once, stored only as a
   * hash). Nothing is queued yet: the caller binds her socket to it, then calls {@link enqueue},
   * so a second start on the same socket sees the first at once.
   */
  async start(input: { campaign?: string | undefined; urgent?: boolean | undefined }): Promise<{ consultation: Consultation; clientToken: string }> {
    const clientToken = newToken(this.sodium);
    const consultation: Consultation = {
      id: randomId(this.sodium),
      clientTokenHash: hashToken(this.sodium, clientToken),
      status: 'waiting',
      campaign: input.campaign ?? null,
      urgent: input.urgent ?? false,
      queuedAt: this.nowIso(),
      assignedStaffId: null,
      assignedAt: null,
      endedAt: null,
      endReason: null,
      endedBy: null,
    };
    await this.repos.consultations.insert(consultation);
    this.startedAt.set(consultation.id, ms(consultation.queuedAt));
    return { consultation, clientToken };
  }

  /** A started consultation joins the queue and is offered; her place in it. */
  async enqueue(c: Consultation): Promise<number> {
    await this.router.enqueue(itemFor({ id: c.id, urgent: c.urgent, queuedAt: c.queuedAt, requeuedAt: null, campaign: c.campaign }));
    this.grace.clientSpoke(c.id);
    this.ev.changed({ queue: true });
    return (await this.router.position(c.id)) ?? 1;
  }

  /**
   * A counselor takes a waiting client, by hand or by accepting the offer made to her. Of two at
   * once, one wins. Her own take sent again (its answer lost to a drop, a restart or an ack slower
   * than her console waits) is answered with the chat she holds, as the first was: re-sends are safe.
   */
  take(staffId: string, consultationId: string): Promise<Consultation> {
    return this.lifecycle.run(consultationId, () => this.takeNow(staffId, consultationId));
  }

  private async takeNow(staffId: string, consultationId: string): Promise<Consultation> {
    const existing = await this.repos.consultations.byId(consultationId);
    if (!existing) throw errors.unknownConsultation();
    if (existing.status === 'active') return heldBy(existing, staffId);
    if (existing.status === 'ended') throw errors.invalidState('consultation ended');
    const refusal = await this.router.assign(staffId, consultationId);
    if (refusal === 'at_capacity') throw new DomainError('AT_CAPACITY');
    if (refusal === 'unknown_counselor') throw errors.forbidden('not a counselor');
    if (refusal === 'not_waiting') return heldBy(await this.repos.consultations.byId(consultationId), staffId);
    const at = this.nowIso();
    if (!(await this.repos.consultations.assign(consultationId, staffId, at))) {
      // The store said yes, but she ended it meanwhile: her end frees the place it names in the
      // store (the chat, whoever holds it), before or after this.
      const now = await this.repos.consultations.byId(consultationId);
      if (now?.status === 'ended') throw errors.invalidState('consultation ended');
      return heldBy(now, staffId);
    }
    this.grace.clientNotWaiting(consultationId);
    const since = this.startedAt.get(consultationId) ?? ms(existing.queuedAt);
    this.startedAt.delete(consultationId);
    await this.repos.consultations.recordWait(consultationId, Math.max(0, this.clock.now().getTime() - since));
    await this.ev.assigned(consultationId, staffId, at);
    this.ev.changed({ queue: true, counselors: true });
    // Taken while she was away within her place's grace: the active chat's periods start now.
    this.grace.startAway(consultationId);
    return (await this.repos.consultations.byId(consultationId)) as Consultation;
  }

  /**
   * Ends a consultation; ending twice is harmless and reports the first end. A client who ends
   * while still waiting has left the queue: recorded as abandoned with her wait. An active chat's
   * end frees its counselor's place and feeds the estimate.
   */
  async end(c: Consultation, by: SenderRole, reason: EndReason): Promise<Ended> {
    if (c.status === 'ended') return { endedAt: c.endedAt ?? this.nowIso(), changed: false, reason };
    if (c.status === 'waiting') {
      const finalReason: EndReason = reason === 'quick_exit' ? 'quick_exit' : 'abandoned';
      const result = await this.endWaiting(c, by, finalReason, 'left');
      this.ev.changed({ queue: true });
      return { ...result, reason: finalReason };
    }
    const endedAt = this.nowIso();
    const changed = await this.repos.consultations.end(c.id, endedAt, reason, by);
    if (changed) {
      await this.closedToClients(c.id);
      await this.router.leave(c.id, c.assignedAt ? ms(endedAt) - ms(c.assignedAt) : null);
      this.ev.changed({ queue: true, counselors: true });
    }
    return { endedAt, changed, reason };
  }

  private async endWaiting(c: Consultation, by: SenderRole, reason: EndReason, cause: AbandonCause): Promise<{ endedAt: string; changed: boolean }> {
    this.grace.clientNotWaiting(c.id);
    const endedAt = this.nowIso();
    const changed = await this.repos.consultations.end(c.id, endedAt, reason, by);
    if (changed) {
      await this.closedToClients(c.id);
      this.startedAt.delete(c.id);
      const { item } = await this.router.leave(c.id);
      const since = item ? ms(item.queuedAt) : ms(c.queuedAt);
      await this.repos.consultations.recordAbandon(c.id, Math.max(0, this.clock.now().getTime() - since), cause);
    }
    return { endedAt, changed };
  }

  /**
   * No way back in (issue 15): the end already revoked her reconnect token (the same write); her
   * resume code goes now, and so does any parking.
   */
  private async closedToClients(consultationId: string): Promise<void> {
    this.grace.stopAway(consultationId);
    await this.repos.resumeCodes.revoke(consultationId);
  }

  /** Active chat → front of the queue. Her counselor's place is freed. */
  private requeue(c: Consultation, fromStaffId: string): Promise<void> {
    return this.lifecycle.run(c.id, () => this.requeueNow(c, fromStaffId));
  }

  private async requeueNow(c: Consultation, fromStaffId: string): Promise<void> {
    const at = this.nowIso();
    if (!(await this.repos.consultations.requeue(c.id, fromStaffId, at))) return;
    this.grace.stopAway(c.id);
    await this.router.requeue(itemFor({ id: c.id, urgent: c.urgent, queuedAt: c.queuedAt, requeuedAt: at, campaign: c.campaign }));
    this.ev.requeued(c.id, fromStaffId);
    if (!this.grace.isClientOnline(c.id)) this.grace.startClient(c.id);
  }

  /**
   * Hands a chat on: to a named counselor (who must be connected and below capacity), or back to
   * the front of the queue. The note stays encrypted; the keys sealed for the receiver (every
   * epoch the handing-over console holds) are recorded as grants by the handing-over counselor.
   */
  async transfer(
    fromStaffId: string,
    c: Consultation,
    input: { toStaffId?: string | undefined; sealedKeys?: readonly SealedEpochKey[] | undefined; note?: HandoverNotePayload | undefined },
  ): Promise<{ transferredAt: string }> {
    if (c.status !== 'active' || c.assignedStaffId !== fromStaffId) throw errors.invalidState('not active with this counselor');
    const at = this.nowIso();
    const to = input.toStaffId;
    if (to === undefined) {
      if (input.note) await this.repos.handover.insertNote({ consultationId: c.id, fromStaffId, toStaffId: null, ...input.note, createdAt: at });
      await this.requeue(c, fromStaffId);
    } else {
      if (to === fromStaffId) throw errors.invalidState('already hers');
      const refusal = await this.router.transfer(c.id, fromStaffId, to);
      if (refusal === 'not_held') throw errors.invalidState('moved meanwhile');
      if (refusal === 'unknown_counselor') throw errors.invalidState('not a counselor');
      if (refusal === 'offline') throw errors.invalidState('receiver offline');
      if (refusal === 'at_capacity') throw new DomainError('AT_CAPACITY');
      // Refused only when it ended or went back to the queue meanwhile; that change frees the
      // place it names in the store (the chat, whoever holds it), before or after this.
      if (!(await this.repos.consultations.reassign(c.id, fromStaffId, to, at))) throw errors.invalidState('moved meanwhile');
      if (input.note) await this.repos.handover.insertNote({ consultationId: c.id, fromStaffId, toStaffId: to, ...input.note, createdAt: at });
      // The row now names her as its counselor: the grants go to the holder, as grantKeys requires.
      if (input.sealedKeys) await this.repos.keyGrants.grant(grantsOf(c.id, to, input.sealedKeys, 'counselor', at));
      await this.ev.transferred(c.id, fromStaffId, to, at);
    }
    this.ev.changed({ queue: true, counselors: true });
    return { transferredAt: at };
  }

  // ---- counselors' settings ------------------------------------------------------------------

  /** She goes on or off duty. FORBIDDEN for staff who are not counselors. */
  async setStatus(staffId: string, status: RoutingStatus): Promise<void> {
    // After her presence: a counselor made after start-up has a slot only once staffOnline, queued
    // when her socket connected, has run; her first status right after connecting waits for it.
    await this.presence.run(staffId, async () => {
      if (!(await this.router.counselor(staffId))) throw errors.forbidden('not a counselor');
      await this.repos.counselors.setStatus(staffId, status);
      await this.router.updateCounselor(staffId, { status });
      this.ev.changed({ queue: true, counselors: true });
    });
  }

  /** A supervisor sets how many chats she may hold. INVALID_STATE for anyone not a counselor. */
  async setCapacity(staffId: string, capacity: number): Promise<void> {
    if (!(await this.router.counselor(staffId)) || !(await this.repos.counselors.setCapacity(staffId, capacity))) throw errors.invalidState('not a counselor');
    await this.router.updateCounselor(staffId, { capacity });
    this.ev.changed({ queue: true, counselors: true });
  }
}

/**
 * Stored queue times are rounded to 10 minutes (issue 15: exact times live only in memory), so
 * after a restart women who came within the same ten minutes would tie, and the id would reorder
 * them. The rows come in the order they were stored: a millisecond apart per place keeps that order.
 */
function keepStoredOrder(items: QueueItem[]): QueueItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = `${item.requeued}|${item.queuedAt}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { ...item, queuedAt: new Date(Date.parse(item.queuedAt) + n).toISOString() };
  });
}

/**
 * A take of a chat already taken: hers (her earlier take went through, and this is it sent again)
 * is answered with it; anyone else's is ALREADY_TAKEN.
 */
function heldBy(c: Consultation | null, staffId: string): Consultation {
  if (c?.status === 'active' && c.assignedStaffId === staffId) return c;
  throw errors.alreadyTaken();
}

function itemFor(w: WaitingConsultation): QueueItem {
  return { consultationId: w.id, urgent: w.urgent, requeued: w.requeuedAt !== null, queuedAt: w.requeuedAt ?? w.queuedAt, campaign: w.campaign };
}
