import type {
  CounselorState,
  EndReason,
  HandoverNotePayload,
  QueueEntry,
  QueuePosition,
  SenderRole,
  StaffConsultation,
} from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import { DomainError, errors } from '../errors.js';
import type { RoutingRepository } from '../repositories/routing.js';
import type { Consultation, Repositories } from '../repositories/types.js';
import type { ConsultationService } from './consultations.js';
import {
  MemoryQueueStore,
  type Offer,
  type QueueItem,
  type QueueStore,
  Router,
  type RouterOptions,
  type RoutingStatus,
  type Scheduler,
  type WithdrawReason,
} from './routing.js';

/** What routing tells the socket layer; each becomes pushes to the people concerned. */
export interface RoutingEvents {
  offered(staffId: string, offer: { consultationId: string; urgent: boolean; requeued: boolean; queuedAt: string; expiresAt: string }): void;
  offerWithdrawn(staffId: string, consultationId: string, reason: WithdrawReason): void;
  /** Queue order, positions or estimates may have changed. */
  queueChanged(): void;
  /** Counselors' status or load changed. */
  counselorsChanged(): void;
  /** A waiting client was assigned (accepted offer or take). */
  assigned(consultationId: string, staffId: string): void;
  /** A chat moved from one counselor to another. */
  transferred(consultationId: string, fromStaffId: string, toStaffId: string): void;
  /** A chat went back to the queue (transfer to the queue, or her counselor's grace ran out). */
  requeued(consultationId: string, fromStaffId: string): void;
  /** A waiting client did not come back within her grace period. */
  abandoned(consultationId: string): void;
}

export interface RoutingOptions extends RouterOptions {
  /** A waiting client who dropped keeps her place this long (default 2 min). */
  clientGraceMs: number;
  /** A counselor who dropped keeps her chats this long (default 60 s). */
  counselorGraceMs: number;
}

export const defaultRoutingOptions: Pick<RoutingOptions, 'clientGraceMs' | 'counselorGraceMs'> = {
  clientGraceMs: 2 * 60_000,
  counselorGraceMs: 60_000,
};

const ms = (iso: string): number => new Date(iso).getTime();

/**
 * Queue, offers, presence and grace periods over the consultation lifecycle. No sockets, no SQL:
 * it calls the repositories and the {@link Router}, and reports what changed to {@link RoutingEvents}.
 */
export class RoutingService {
  readonly router: Router;
  private readonly opts: Pick<RoutingOptions, 'clientGraceMs' | 'counselorGraceMs'>;
  private readonly clientsOnline = new Set<string>();
  private stopped = false;
  private readonly staffGrace = new Map<string, unknown>();
  private readonly clientGrace = new Map<string, unknown>();
  private events: RoutingEvents | null = null;

  constructor(
    private readonly repos: Repositories,
    private readonly routing: RoutingRepository,
    private readonly consultations: ConsultationService,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    options: Partial<RoutingOptions> = {},
    store: QueueStore = new MemoryQueueStore(),
  ) {
    this.opts = { ...defaultRoutingOptions, ...options };
    this.router = new Router(store, () => clock.now().getTime(), scheduler, {
      offered: (offer, item) => this.onOffered(offer, item),
      offerWithdrawn: (offer, reason) => this.events?.offerWithdrawn(offer.staffId, offer.consultationId, reason),
    }, options);
    consultations.setQueueSource(() => this.queue());
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private get ev(): RoutingEvents {
    if (!this.events) throw new Error('routing events not attached');
    return this.events;
  }

  /**
   * Loads the persisted queue and loads at start-up. Nobody is connected yet, so nothing is
   * offered; everyone gets her grace period to come back.
   */
  boot(events: RoutingEvents): void {
    this.events = events;
    const items = this.routing.waiting().map((w) => this.itemFor(w));
    const counselors = this.routing.counselors().map((c) => ({ ...c, connected: false, idleSince: this.clock.now().getTime() }));
    this.router.restore(items, counselors);
    for (const w of items) this.startClientGrace(w.consultationId);
    for (const c of counselors) if (c.load > 0) this.startStaffGrace(c.staffId);
  }

  stop(): void {
    this.stopped = true;
    this.router.stop();
    for (const t of [...this.staffGrace.values(), ...this.clientGrace.values()]) this.scheduler.clear(t);
    this.staffGrace.clear();
    this.clientGrace.clear();
  }

  private itemFor(w: { id: string; urgent: boolean; queuedAt: string; requeuedAt: string | null; campaign?: string | null }): QueueItem {
    const campaign = w.campaign !== undefined ? w.campaign : (this.repos.consultations.byId(w.id)?.campaign ?? null);
    return { consultationId: w.id, urgent: w.urgent, requeued: w.requeuedAt !== null, queuedAt: w.requeuedAt ?? w.queuedAt, campaign };
  }

  private onOffered(offer: Offer, item: QueueItem): void {
    this.events?.offered(offer.staffId, {
      consultationId: offer.consultationId,
      urgent: item.urgent,
      requeued: item.requeued,
      queuedAt: item.queuedAt,
      expiresAt: new Date(offer.expiresAt).toISOString(),
    });
  }

  // ---- reading -------------------------------------------------------------------------------

  queue(): QueueEntry[] {
    return this.router.queue().map((q, i) => ({
      consultationId: q.consultationId,
      queuedAt: q.queuedAt,
      urgent: q.urgent,
      campaign: q.campaign ?? null,
      position: i + 1,
      ...(q.requeued ? { requeued: true } : {}),
    }));
  }

  /** What each waiting client is told: place, length, estimate and whether to show alternatives. */
  positions(): QueuePosition[] {
    const q = this.router.queue();
    const estimate = this.router.estimator();
    return q.map((item, i) => ({
      consultationId: item.consultationId,
      position: i + 1,
      waiting: q.length,
      ...estimate(i + 1),
    }));
  }

  counselorStates(): CounselorState[] {
    return this.router
      .counselors()
      .map((slot) => {
        const identity = this.consultations.counselorIdentity(slot.staffId);
        return {
          staffId: slot.staffId,
          displayName: identity.displayName,
          status: slot.connected ? slot.status : ('offline' as const),
          capacity: slot.capacity,
          load: slot.load,
          identity,
        };
      })
      .sort((a, b) => (a.displayName < b.displayName ? -1 : 1));
  }

  counselorState(staffId: string): CounselorState {
    const found = this.counselorStates().find((c) => c.staffId === staffId);
    if (!found) throw errors.forbidden('not a counselor');
    return found;
  }

  /** Her view of a chat: the base fields plus read state and handover notes. */
  forStaff(c: Consultation, staffId: string): StaffConsultation {
    const notes = this.routing.notes(c.id);
    return {
      ...this.consultations.forStaff(c, staffId),
      lastReadId: this.routing.readMark(c.id, staffId),
      ...(notes.length ? { handover: notes } : {}),
    };
  }

  /** Her console's list ({@link ConsultationService.forConsole}) in her view. */
  mine(staffId: string): StaffConsultation[] {
    return this.consultations.forConsole(staffId).map((c) => this.forStaff(c, staffId));
  }

  // ---- presence and grace --------------------------------------------------------------------

  /** Her first socket arrived (or came back): her chats stay hers, and she can be offered clients. */
  staffOnline(staffId: string): void {
    if (this.stopped) return;
    const grace = this.staffGrace.get(staffId);
    if (grace !== undefined) {
      this.scheduler.clear(grace);
      this.staffGrace.delete(staffId);
    }
    if (!this.router.counselor(staffId)) {
      // A counselor account made after start-up; supervisors and admins are not routed to.
      const known = this.routing.counselors().find((c) => c.staffId === staffId);
      if (!known) return;
      this.router.updateCounselor(staffId, { ...known, connected: false, idleSince: this.clock.now().getTime() });
    }
    this.router.updateCounselor(staffId, { connected: true });
    this.ev.counselorsChanged();
    this.ev.queueChanged();
  }

  /** Her last socket went: no offers; her chats wait for her grace period, then go back to the queue. */
  staffOffline(staffId: string): void {
    if (this.stopped) return;
    const slot = this.router.counselor(staffId);
    if (!slot) return;
    this.router.updateCounselor(staffId, { connected: false });
    if (slot.load > 0) this.startStaffGrace(staffId);
    this.ev.counselorsChanged();
    this.ev.queueChanged();
  }

  private startStaffGrace(staffId: string): void {
    if (this.staffGrace.has(staffId)) return;
    this.staffGrace.set(staffId, this.scheduler.set(this.opts.counselorGraceMs, () => {
      this.staffGrace.delete(staffId);
      if (this.stopped || this.router.counselor(staffId)?.connected) return;
      // Her chats go back to the front of the queue, history intact.
      for (const c of this.repos.consultations.openForStaff(staffId)) this.requeue(c, staffId);
      this.ev.counselorsChanged();
      this.ev.queueChanged();
    }));
  }

  /** A socket of hers is bound to her consultation again. */
  clientOnline(consultationId: string): void {
    this.clientsOnline.add(consultationId);
    const grace = this.clientGrace.get(consultationId);
    if (grace !== undefined) {
      this.scheduler.clear(grace);
      this.clientGrace.delete(consultationId);
    }
  }

  /** Her last socket went: while waiting she keeps her place for the grace period. */
  clientOffline(consultationId: string): void {
    this.clientsOnline.delete(consultationId);
    if (this.stopped) return;
    if (this.router.position(consultationId) !== null) this.startClientGrace(consultationId);
  }

  private startClientGrace(consultationId: string): void {
    if (this.clientGrace.has(consultationId)) return;
    this.clientGrace.set(consultationId, this.scheduler.set(this.opts.clientGraceMs, () => {
      this.clientGrace.delete(consultationId);
      if (this.stopped || this.clientsOnline.has(consultationId)) return;
      const c = this.repos.consultations.byId(consultationId);
      if (!c || c.status !== 'waiting') return;
      this.endWaiting(c, 'client', 'abandoned', 'timeout');
      this.ev.abandoned(consultationId);
      this.ev.queueChanged();
    }));
  }

  // ---- changes -------------------------------------------------------------------------------

  /** She joined the queue. */
  joined(c: Consultation): void {
    this.router.enqueue(this.itemFor({ id: c.id, urgent: c.urgent, queuedAt: c.queuedAt, requeuedAt: null, campaign: c.campaign }));
    this.ev.queueChanged();
  }

  setStatus(staffId: string, status: RoutingStatus): CounselorState {
    if (!this.router.counselor(staffId)) throw errors.forbidden('not a counselor');
    this.routing.setStatus(staffId, status);
    this.router.updateCounselor(staffId, { status });
    this.ev.counselorsChanged();
    this.ev.queueChanged();
    return this.counselorState(staffId);
  }

  setCapacity(staffId: string, capacity: number): CounselorState {
    if (!this.router.counselor(staffId) || !this.routing.setCapacity(staffId, capacity)) throw errors.invalidState('not a counselor');
    this.router.updateCounselor(staffId, { capacity });
    this.ev.counselorsChanged();
    this.ev.queueChanged();
    return this.counselorState(staffId);
  }

  /** A counselor takes a waiting client, by hand or by accepting the offer made to her. */
  take(staffId: string, consultationId: string): Consultation {
    const existing = this.repos.consultations.byId(consultationId);
    if (!existing) throw errors.unknownConsultation();
    if (existing.status === 'active') throw errors.alreadyTaken();
    if (existing.status === 'ended') throw errors.invalidState('consultation ended');
    const refusal = this.router.canAssign(staffId, consultationId);
    if (refusal === 'at_capacity') throw new DomainError('AT_CAPACITY');
    if (refusal === 'unknown_counselor') throw errors.forbidden('not a counselor');
    if (refusal === 'not_waiting') throw errors.alreadyTaken();
    const c = this.consultations.take(staffId, consultationId);
    this.routing.recordWait(c.id, Math.max(0, this.clock.now().getTime() - ms(existing.queuedAt)));
    this.router.assigned(staffId, c.id);
    this.ev.assigned(c.id, staffId);
    this.ev.counselorsChanged();
    this.ev.queueChanged();
    return c;
  }

  /**
   * Ends a consultation. A client who ends while still waiting has left the queue: recorded as
   * abandoned with her wait. An active chat's end frees its counselor's place and feeds the estimate.
   */
  end(c: Consultation, by: SenderRole, reason: EndReason): { endedAt: string; changed: boolean; reason: EndReason } {
    if (c.status === 'waiting') {
      const finalReason: EndReason = reason === 'quick_exit' ? 'quick_exit' : 'abandoned';
      const result = this.endWaiting(c, by, finalReason, 'left');
      this.ev.queueChanged();
      return { ...result, reason: finalReason };
    }
    const result = this.consultations.end(c, by, reason);
    if (result.changed && c.status === 'active' && c.assignedStaffId) {
      this.router.released(c.assignedStaffId, c.assignedAt ? this.clock.now().getTime() - ms(c.assignedAt) : null);
      this.ev.counselorsChanged();
      this.ev.queueChanged();
    }
    return { ...result, reason };
  }

  private endWaiting(c: Consultation, by: SenderRole, reason: EndReason, cause: 'left' | 'timeout'): { endedAt: string; changed: boolean } {
    const result = this.consultations.end(c, by, reason);
    if (result.changed) {
      const item = this.router.remove(c.id);
      const since = item ? ms(item.queuedAt) : ms(c.queuedAt);
      this.routing.recordAbandon(c.id, Math.max(0, this.clock.now().getTime() - since), cause);
    }
    return result;
  }

  /** Active chat → front of the queue. Her counselor's place is freed. */
  private requeue(c: Consultation, fromStaffId: string): void {
    const at = this.now();
    if (!this.routing.requeue(c.id, fromStaffId, at)) return;
    this.router.released(fromStaffId, null);
    this.router.enqueue(this.itemFor({ id: c.id, urgent: c.urgent, queuedAt: c.queuedAt, requeuedAt: at, campaign: c.campaign }));
    this.ev.requeued(c.id, fromStaffId);
    if (!this.clientsOnline.has(c.id)) this.startClientGrace(c.id);
  }

  /**
   * Hands a chat on: to a named counselor (who must be connected and below capacity), or back to
   * the front of the queue. The note stays encrypted; a sealed key for the receiver is recorded as
   * a grant by the handing-over counselor.
   */
  transfer(
    fromStaffId: string,
    c: Consultation,
    input: { toStaffId?: string | undefined; sealedKey?: string | undefined; note?: HandoverNotePayload | undefined },
  ): { transferredAt: string } {
    if (c.status !== 'active' || c.assignedStaffId !== fromStaffId) throw errors.invalidState('not active with this counselor');
    const at = this.now();
    const to = input.toStaffId;
    if (to !== undefined) {
      if (to === fromStaffId) throw errors.invalidState('already hers');
      const slot = this.router.counselor(to);
      if (!slot) throw errors.invalidState('not a counselor');
      if (!slot.connected) throw errors.invalidState('receiver offline');
      if (!this.router.hasRoom(to)) throw new DomainError('AT_CAPACITY');
      if (!this.routing.reassign(c.id, fromStaffId, to, at)) throw errors.invalidState('moved meanwhile');
      if (input.note) this.routing.insertNote({ consultationId: c.id, fromStaffId, toStaffId: to, ...input.note, createdAt: at });
      if (input.sealedKey) {
        const moved = this.repos.consultations.byId(c.id) as Consultation;
        this.consultations.grantKey(moved, to, input.sealedKey, 'counselor');
      }
      this.router.moved(fromStaffId, to);
      this.ev.transferred(c.id, fromStaffId, to);
    } else {
      if (input.note) this.routing.insertNote({ consultationId: c.id, fromStaffId, toStaffId: null, ...input.note, createdAt: at });
      this.requeue(c, fromStaffId);
    }
    this.ev.counselorsChanged();
    this.ev.queueChanged();
    return { transferredAt: at };
  }

  read(staffId: string, c: Consultation, lastReadId: number): number {
    return this.routing.setReadMark(c.id, staffId, lastReadId);
  }
}

/**
 * Routing settings from the environment (all optional; seconds): TSUNAGARI_OFFER_TIMEOUT_S,
 * TSUNAGARI_CLIENT_GRACE_S, TSUNAGARI_COUNSELOR_GRACE_S, TSUNAGARI_ALTERNATIVES_AFTER_S.
 */
export function routingOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<RoutingOptions> {
  const seconds = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of seconds`);
    return n;
  };
  const out: Partial<RoutingOptions> = {};
  const offer = seconds('TSUNAGARI_OFFER_TIMEOUT_S');
  const client = seconds('TSUNAGARI_CLIENT_GRACE_S');
  const counselor = seconds('TSUNAGARI_COUNSELOR_GRACE_S');
  const alternatives = seconds('TSUNAGARI_ALTERNATIVES_AFTER_S');
  if (offer !== undefined) out.offerTimeoutMs = offer * 1000;
  if (client !== undefined) out.clientGraceMs = client * 1000;
  if (counselor !== undefined) out.counselorGraceMs = counselor * 1000;
  if (alternatives !== undefined) out.alternativesAfterSeconds = alternatives;
  return out;
}
