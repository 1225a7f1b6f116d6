import type { Scheduler } from '../../scheduler.js';
import { defaultRoutingOptions, type RoutingOptions } from './options.js';
import { offersToWithdraw, planningDepth, planOffers, waitEstimator, type WaitEstimate } from './policy.js';
import type { QueueStore } from './queue-store.js';
import type { AssignRefusal, CounselorSlot, Holding, Offer, QueueItem, QueuePlace, RoutingView, TransferRefusal, WithdrawReason } from './types.js';

/** What the router tells the outside world; the socket layer turns these into pushes. */
export interface RouterListener {
  offered(offer: Offer, item: QueueItem): void;
  /**
   * `at`: a time the offer was still standing, taken just before the store withdrew it, so any
   * offer made after the withdrawal (on any node) was made at `at` or later.
   */
  offerWithdrawn(offer: Offer, reason: WithdrawReason, at: number): void;
  /** Work run by a timer failed (a store that went away); nothing else would hear of it. */
  failed(caught: unknown): void;
}

/**
 * Offers, over the {@link QueueStore}: after every change it plans with the pure policy and makes
 * the offers the store still accepts, and it withdraws offers that time out (each offer's timer
 * lives in the process that made it; the store decides whether the withdrawal still applies, and
 * {@link adoptOffers} takes on the offers of a process that is gone). Event-driven; the one sweep
 * is for a store shared by several nodes, where a node can die with its timers. Time comes from an injected clock and timers from an injected {@link Scheduler}.
 */
export class Router {
  private readonly timers = new Map<string, unknown>();
  readonly options: RoutingOptions;
  private stopped = false;
  /** The dispatch that has not started yet: later changes are seen by it, so they join it. */
  private queued: Promise<void> | null = null;
  private tail: Promise<void> = Promise.resolve();
  /** How much of the queue's head the last plan needed: the next plan reads that much first. */
  private depth = 0;

  constructor(
    private readonly store: QueueStore,
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly listener: RouterListener,
    options: Partial<RoutingOptions> = {},
  ) {
    this.options = { ...defaultRoutingOptions, ...options };
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The routing picture; `head`: only the queue's first `head` women ({@link QueueStore.view}). */
  view(head?: number): Promise<RoutingView> {
    return this.store.view(head);
  }

  async queue(): Promise<readonly QueueItem[]> {
    return (await this.store.view()).waiting;
  }

  /** How many wait, without reading the queue. */
  queueLength(): Promise<number> {
    return this.store.waitingCount();
  }

  /** The waiting women's ids in queue order. */
  queueIds(): Promise<string[]> {
    return this.store.waitingIds();
  }

  /** Her place, her entry and how many wait, or null when she is not waiting (one read, not the whole queue). */
  place(consultationId: string): Promise<QueuePlace | null> {
    return this.store.place(consultationId);
  }

  /** 1-based place in the queue, or null when she is not waiting. */
  async position(consultationId: string): Promise<number | null> {
    return (await this.store.place(consultationId))?.position ?? null;
  }

  counselor(staffId: string): Promise<CounselorSlot | null> {
    return this.store.counselor(staffId);
  }

  /** {@link QueueStore.park} */
  park(consultationId: string): Promise<void> {
    return this.store.park(consultationId);
  }

  /** {@link QueueStore.unpark} */
  unpark(consultationId: string): Promise<boolean> {
    return this.store.unpark(consultationId);
  }

  async offerFor(consultationId: string): Promise<Offer | null> {
    return (await this.store.view(0)).offers.find((o) => o.consultationId === consultationId) ?? null;
  }

  async estimate(position: number): Promise<WaitEstimate> {
    return waitEstimator(await this.store.view(0), this.options)(position);
  }

  // ---- changes -------------------------------------------------------------------------------

  /** Loads state at start-up (from the database) without offering anything yet. */
  restore(items: readonly QueueItem[], counselors: readonly CounselorSlot[], held: readonly Holding[]): Promise<void> {
    return this.store.restore(items, counselors, held);
  }

  /** A client joins the queue. */
  async enqueue(item: QueueItem): Promise<void> {
    await this.store.enqueue(item);
    await this.dispatch();
  }

  /**
   * She is gone (left the queue, or her chat ended): her offer goes with her, and the place a
   * counselor held for her is freed. `handledMs` (how long the chat ran) feeds the wait estimate.
   */
  async leave(consultationId: string, handledMs: number | null = null): Promise<{ item: QueueItem | null; heldBy: string | null }> {
    const handled = handledMs !== null && handledMs >= 0 ? { ms: handledMs, keep: this.options.handleSamples } : undefined;
    const at = this.now();
    const { item, offer, heldBy } = await this.store.leave(consultationId, at, handled);
    if (offer) {
      this.clearTimer(consultationId);
      this.listener.offerWithdrawn(offer, 'gone', at);
    }
    if (offer || heldBy) await this.dispatch();
    return { item, heldBy };
  }

  /** Her chat goes back to the front of the queue (`item` says requeued); its counselor's place is freed. */
  async requeue(item: QueueItem): Promise<void> {
    await this.store.requeue(item, this.now());
    await this.dispatch();
  }

  /**
   * Adds or updates a counselor (status, connection, capacity; a new one starts as `initial`, else
   * away and offline); offers she can no longer hold go back.
   */
  async updateCounselor(staffId: string, change: Partial<Omit<CounselorSlot, 'staffId' | 'load'>>, initial?: Omit<CounselorSlot, 'staffId'>): Promise<CounselorSlot> {
    const start: CounselorSlot = { status: 'away', connected: false, capacity: 3, load: 0, idleSince: this.now(), ...initial, staffId };
    const after = await this.store.updateCounselor(staffId, change, start);
    const hers = (await this.store.view(0)).offers.filter((o) => o.staffId === staffId);
    // Offers to someone who stepped away or dropped, or beyond a lowered capacity, go on at once.
    for (const o of offersToWithdraw(after, hers)) await this.withdraw(o, 'unavailable');
    await this.dispatch();
    return after;
  }

  /**
   * A counselor leaves routing for good (disabled): her offers are withdrawn (`unavailable`) and
   * offered to someone else; her held chats are the caller's to requeue.
   */
  async removeCounselor(staffId: string): Promise<void> {
    const at = this.now();
    const { offers } = await this.store.removeCounselor(staffId);
    for (const o of offers) {
      this.clearTimer(o.consultationId);
      this.listener.offerWithdrawn(o, 'unavailable', at);
    }
    await this.dispatch();
  }

  /**
   * A counselor takes a waiting client (accepted offer or manual take), or the reason she may not.
   * An offer for this client to anyone else is withdrawn as taken.
   */
  async assign(staffId: string, consultationId: string): Promise<AssignRefusal | null> {
    const at = this.now();
    const result = await this.store.assign(staffId, consultationId, at);
    if (result.refusal) return result.refusal;
    if (result.offer) {
      this.clearTimer(consultationId);
      if (result.offer.staffId !== staffId) this.listener.offerWithdrawn(result.offer, 'taken', at);
    }
    await this.dispatch();
    return null;
  }

  /** A chat moves from the counselor who holds it to another (named transfer), or the reason it may not. */
  async transfer(consultationId: string, fromStaffId: string, toStaffId: string): Promise<TransferRefusal | null> {
    const refusal = await this.store.transfer(consultationId, fromStaffId, toStaffId, this.now());
    if (!refusal) await this.dispatch();
    return refusal;
  }

  /**
   * Offers every waiting client without an offer, in queue order, while some counselor has room.
   * Runs after every change; calls made while one waits to start join it (it reads the store when
   * it starts, so it sees their changes), so no change is missed and none is planned twice here.
   */
  dispatch(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.offerNow();
    });
    this.queued = run;
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async offerNow(): Promise<void> {
    if (this.stopped) return;
    for (const { offer, item, restartRound } of planOffers(await this.planningView(), this.now(), this.options.offerTimeoutMs)) {
      if (this.stopped) return;
      if (!(await this.store.offer(offer, restartRound))) {
        // Something changed since the view (another taker, another node): plan again.
        this.dispatch().catch((caught: unknown) => this.listener.failed(caught));
        return;
      }
      this.watch(offer, this.options.offerTimeoutMs);
      this.listener.offered(offer, item);
    }
  }

  /**
   * A picture to plan offers from with only as much of the queue's head as the plan can reach
   * ({@link planningDepth}): planOffers gives the same offers as from the whole queue. Read again,
   * deeper, when the picture read says it needs more than was read (counselors came free between).
   */
  private async planningView(): Promise<RoutingView> {
    for (let depth = this.depth; ; ) {
      const view = await this.store.view(depth);
      const needed = planningDepth(view);
      if (needed <= depth || view.waiting.length < depth) {
        this.depth = needed;
        return view;
      }
      depth = needed;
    }
  }

  /**
   * Takes on offers pending in the store that no timer of this process watches: offers made by a
   * node that stopped (its timers died with it), or by this process before a restart that met the
   * shared store again. Each gets a timer for what is left of its time (none left: at once); the
   * store's compare-and-set withdrawal makes this timer and the maker's, or two nodes' adoptions,
   * expire one offer once. `overdueByMs`: only offers at least this far past their expiry (a
   * periodic sweep leaves a live maker's own timer to fire first). The number taken on.
   */
  async adoptOffers(overdueByMs: number | null = null): Promise<number> {
    if (this.stopped) return 0;
    const now = this.now();
    let adopted = 0;
    for (const offer of (await this.store.view(0)).offers) {
      if (this.timers.has(offer.consultationId)) continue;
      if (overdueByMs !== null && offer.expiresAt + overdueByMs > now) continue;
      this.watch(offer, Math.max(0, offer.expiresAt - now));
      adopted++;
    }
    return adopted;
  }

  private watch(offer: Offer, ms: number): void {
    this.timers.set(offer.consultationId, this.scheduler.set(ms, () => void this.expire(offer).catch((caught: unknown) => this.listener.failed(caught))));
  }

  private async withdraw(offer: Offer, reason: WithdrawReason): Promise<void> {
    const at = this.now();
    if (!(await this.store.withdraw(offer, false))) return;
    this.clearTimer(offer.consultationId);
    this.listener.offerWithdrawn(offer, reason, at);
  }

  private clearTimer(consultationId: string): void {
    const t = this.timers.get(consultationId);
    if (t !== undefined) this.scheduler.clear(t);
    this.timers.delete(consultationId);
  }

  /** Her offer timed out: the next one goes to someone else. */
  private async expire(offer: Offer): Promise<void> {
    this.timers.delete(offer.consultationId);
    const at = this.now();
    if (!(await this.store.withdraw(offer, true))) return;
    this.listener.offerWithdrawn(offer, 'expired', at);
    await this.dispatch();
  }

  /** Stops every timer and every later dispatch (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) this.scheduler.clear(t);
    this.timers.clear();
  }
}
