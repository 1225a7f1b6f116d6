// Over 300 lines on purpose: the one owner of the consultation lifecycle, whose transitions (start,
// take, end, requeue, transfer) are read together to see that the queue store and the consultation
// row stay in step. Its parts (a woman's silence and absence, counselors' presence, several nodes:
// a file each in this folder) are built here, and callers reach them as its fields.
import type { EndReason, HandoverNotePayload, SealedEpochKey, SenderRole } from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../../clock.js';
import { DomainError, errors } from '../../errors.js';
import type { Scheduler } from '../../scheduler.js';
import { grantsOf } from '../consultations.js';
import { hashToken, newToken } from '../tokens.js';
import type { Consultation } from '../types.js';
import { ClientAbsence } from './client-absence.js';
import type { RoutingContext, RoutingRepos } from './context.js';
import { CounselorPresence } from './counselor-presence.js';
import { CrossNode, type ClusterProbe } from './cross-node.js';
import { offerEvents, type RoutingEvents } from './events.js';
import { GracePeriods } from './grace.js';
import { defaultRoutingOptions, type RoutingOptions } from './options.js';
import { itemFor } from './queue-items.js';
import type { QueueStore } from './queue-store.js';
import { restoreFromDatabase } from './restore.js';
import { Router } from './router.js';
import { KeyedSerial } from './serial.js';
import { WaitingSilence } from './silence.js';

/** takeNow's answer when routing does not know the counselor (yet): see {@link RoutingService.take}. */
const NOT_ROUTED_YET = Symbol('not routed yet');

export interface RoutingDeps extends ClusterProbe {
  repos: RoutingRepos;
  sodium: Sodium;
  clock: Clock;
  scheduler: Scheduler;
  store: QueueStore;
  options?: Partial<RoutingOptions> | undefined;
}

type Ended = { endedAt: string; changed: boolean; reason: EndReason };
type AbandonCause = Parameters<RoutingRepos['consultations']['recordAbandon']>[2];

const ms = (iso: string): number => new Date(iso).getTime();

/**
 * The one owner of a consultation's lifecycle: start, offer, take, end, requeue, transfer. Its
 * parts, built here because their timers end in these transitions, are its fields: counselors'
 * status, capacity and presence ({@link counselors}), a woman's absence ({@link absence}) and
 * silence ({@link silence}), and several nodes ({@link crossNode}). It keeps the consultation row (through its one repository) and the queue
 * store in step, and tells the socket layer what changed through {@link RoutingEvents}. No
 * sockets, no SQL.
 *
 * The store is the arbiter of who gets whom: a take or a transfer asks it first (one atomic step),
 * then writes the row. The row refuses only when the chat ended or went back to the queue
 * meanwhile, and those changes free the chat's place in the store by its id, so nothing needs
 * undoing. Ends and requeues write the row first (it says whether this call ended it).
 */
export class RoutingService {
  readonly router: Router;
  private readonly grace: GracePeriods;
  /**
   * Per consultation, one at a time: a take, a requeue, and the timers' ends and questions. Each
   * reads the row, decides, and writes across awaits; a timer that read "waiting" must not end a
   * chat a counselor took meanwhile (nor a requeued one as gone). Ends by a person are not in it:
   * the row's conditional end and the store's leave keep those right in any order.
   */
  private readonly lifecycle = new KeyedSerial();
  private readonly options: RoutingOptions;
  private readonly repos: RoutingRepos;
  private readonly clock: Clock;
  private readonly sodium: Sodium;
  private events: RoutingEvents | null = null;
  private stopped = false;
  /** What the parts share with this owner (the same router, timers, options and events). */
  private readonly ctx: RoutingContext;
  private readonly cross: CrossNode;
  /** Counselors' presence, status and capacity, as the socket layer changes them: {@link CounselorPresence}. */
  readonly counselors: Pick<CounselorPresence, 'online' | 'offline' | 'settled' | 'remove' | 'setStatus' | 'setCapacity' | 'capacitiesFromDatabase'>;
  /** A woman's sockets gone and back: {@link ClientAbsence} (its timer ends stay with this owner's timers). */
  readonly absence: Pick<ClientAbsence, 'online' | 'offline' | 'backElsewhere'>;
  /** A waiting woman's silence, as her messages and answers reach it: {@link WaitingSilence}. */
  readonly silence: Pick<WaitingSilence, 'spoke' | 'stillHere' | 'spokeElsewhere'>;
  /** Several nodes: a dead node's timers taken on here ({@link CrossNode.adoptTimers}); the rest is boot's and stop's. */
  readonly crossNode: Pick<CrossNode, 'adoptTimers' | 'watchStore'>;
  /**
   * When each consultation started here, exactly (ms): the row keeps it to 10 minutes only
   * (issue 15), the wait figure wants it exact. In memory, while she waits for her first counselor.
   */
  private readonly startedAt = new Map<string, number>();

  constructor(deps: RoutingDeps) {
    ({ repos: this.repos, clock: this.clock, sodium: this.sodium } = deps);
    this.options = { ...defaultRoutingOptions, ...deps.options };
    this.router = new Router(deps.store, () => this.clock.now().getTime(), deps.scheduler, offerEvents(() => this.events), this.options);
    const o = this.options;
    const failed = (caught: unknown) => this.events?.failed(caught);
    const inTurn = (consultationId: string, work: () => Promise<void>) => void this.lifecycle.run(consultationId, work).catch(failed);
    const grace = { staff: o.counselorGraceMs, client: o.clientGraceMs, clientAway: o.clientAwayMs, clientGone: o.clientGoneMs, silence: o.clientSilenceMs, silenceAnswer: o.clientSilenceAnswerMs };
    // The timers' ends, in turn with the lifecycle: only this owner calls them (the parts are built below).
    this.grace = new GracePeriods(deps.scheduler, grace, {
      staff: (staffId) => void counselors.graceOver(staffId).catch(failed),
      client: (consultationId) => inTurn(consultationId, () => absence.graceOver(consultationId)),
      silent: (consultationId, final) => inTurn(consultationId, () => (final ? silence.ranOut(consultationId) : silence.askIfWaiting(consultationId))),
      away: (consultationId, endsInMs) => void absence.parked(consultationId, endsInMs).catch(failed),
      gone: (consultationId) => inTurn(consultationId, () => absence.goneOver(consultationId)),
    }, () => this.clock.now().getTime());
    const ctx: RoutingContext = (this.ctx = {
      repos: this.repos, router: this.router, grace: this.grace, clock: this.clock, options: this.options,
      events: () => this.events, stopped: () => this.stopped,
    });
    const abandon = (c: Consultation, cause: 'timeout' | 'silent') => this.abandon(c, cause);
    this.cross = this.crossNode = new CrossNode(ctx, deps.scheduler, deps.store.shared, deps);
    const silence = (this.silence = new WaitingSilence(ctx, abandon));
    const absence = (this.absence = new ClientAbsence(ctx, silence, this.cross, (c, by, reason) => this.end(c, by, reason), abandon));
    const counselors = (this.counselors = new CounselorPresence(ctx, (c, from) => this.requeue(c, from)));
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
   * offered; everyone gets her grace period to come back. Says where the state came from (joining
   * a running cluster, issue 17, nothing is restored: see {@link CrossNode.boot}) and, with a
   * shared store, which restore of it this node runs on (to watch for its loss).
   */
  async boot(events: RoutingEvents): Promise<{ from: 'database' | 'cluster'; incarnation: string | null }> {
    this.events = events;
    return this.cross.boot(async () => {
      await restoreFromDatabase(this.ctx);
      await this.cross.watchOffersLeft();
    });
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
    this.cross.stop();
    this.router.stop();
    this.grace.stop();
  }

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
  async take(staffId: string, consultationId: string): Promise<Consultation> {
    const first = await this.lifecycle.run(consultationId, () => this.takeNow(staffId, consultationId));
    if (first !== NOT_ROUTED_YET) return first;
    // Her socket's presence change may still be on its way (a counselor whose account was made
    // after start-up is read from storage as she connects): her take, sent the moment her console
    // connected, waits for it once instead of being refused as no counselor's.
    await this.counselors.settled(staffId);
    const again = await this.lifecycle.run(consultationId, () => this.takeNow(staffId, consultationId));
    if (again === NOT_ROUTED_YET) throw errors.forbidden('not a counselor');
    return again;
  }

  private async takeNow(staffId: string, consultationId: string): Promise<Consultation | typeof NOT_ROUTED_YET> {
    const existing = await this.repos.consultations.byId(consultationId);
    if (!existing) throw errors.unknownConsultation();
    if (existing.status === 'active') return heldBy(existing, staffId);
    if (existing.status === 'ended') throw errors.invalidState('consultation ended');
    const refusal = await this.router.assign(staffId, consultationId);
    if (refusal === 'at_capacity') throw new DomainError('AT_CAPACITY');
    if (refusal === 'unknown_counselor') return NOT_ROUTED_YET;
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
      this.forgetParked(c.id);
      // Out of the shared store first (see endWaiting), then her resume code.
      await this.router.leave(c.id, c.assignedAt ? ms(endedAt) - ms(c.assignedAt) : null);
      await this.closedToClients(c.id);
      this.ev.changed({ queue: true, counselors: true });
    }
    return { endedAt, changed, reason };
  }

  private async endWaiting(c: Consultation, by: SenderRole, reason: EndReason, cause: AbandonCause): Promise<{ endedAt: string; changed: boolean }> {
    this.grace.clientNotWaiting(c.id);
    const endedAt = this.nowIso();
    const changed = await this.repos.consultations.end(c.id, endedAt, reason, by);
    if (changed) {
      // Out of the shared queue at once: with her resume code revoked first (a round trip to
      // PostgreSQL, long under load) every node's view still listed a woman whose row had ended
      // (nodes.test.ts's flake on PostgreSQL), and the router could plan an offer of her.
      this.startedAt.delete(c.id);
      const { item } = await this.router.leave(c.id);
      await this.closedToClients(c.id);
      const since = item ? ms(item.queuedAt) : ms(c.queuedAt);
      await this.repos.consultations.recordAbandon(c.id, Math.max(0, this.clock.now().getTime() - since), cause);
    }
    return { endedAt, changed };
  }

  /** A waiting woman gone past her grace ('timeout') or silent too long ('silent'): abandoned. */
  private async abandon(c: Consultation, cause: 'timeout' | 'silent'): Promise<void> {
    this.grace.clientNotWaiting(c.id);
    await this.endWaiting(c, 'client', 'abandoned', cause);
    this.ev.abandoned(c.id);
    this.ev.changed({ queue: true });
  }

  /**
   * No way back in (issue 15): the end already revoked her reconnect token (the same write); her
   * resume code goes now, and so does any parking.
   */
  private async closedToClients(consultationId: string): Promise<void> {
    this.grace.stopAway(consultationId);
    await this.repos.resumeCodes.revoke(consultationId);
  }

  /**
   * Her chat ended or went back to the queue: parked no longer in the shared store. Not awaited:
   * sent ahead of the store's own step on the same connection, it adds no round trip before it.
   */
  private forgetParked(consultationId: string): void {
    this.router.unpark(consultationId).catch((caught: unknown) => this.events?.failed(caught));
  }

  /** Active chat → front of the queue. Her counselor's place is freed. */
  private requeue(c: Consultation, fromStaffId: string): Promise<void> {
    return this.lifecycle.run(c.id, () => this.requeueNow(c, fromStaffId));
  }

  private async requeueNow(c: Consultation, fromStaffId: string): Promise<void> {
    const at = this.nowIso();
    if (!(await this.repos.consultations.requeue(c.id, fromStaffId, at))) return;
    this.grace.stopAway(c.id);
    this.forgetParked(c.id);
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
}

/**
 * A take of a chat already taken: hers (her earlier take went through, and this is it sent again)
 * is answered with it; anyone else's is ALREADY_TAKEN.
 */
function heldBy(c: Consultation | null, staffId: string): Consultation {
  if (c?.status === 'active' && c.assignedStaffId === staffId) return c;
  throw errors.alreadyTaken();
}
