/**
 * Queue and routing policy, with no sockets and no SQL. State lives behind {@link QueueStore}
 * (in memory now, Redis later); time comes from an injected clock and timers from an injected
 * {@link Scheduler}, so tests drive it without sleeping.
 *
 * Policy: the longest-waiting client of the highest priority (requeued > urgent > normal) is
 * offered to the least-loaded available counselor below her capacity (pending offers count as
 * load; ties go to the one idle longest). An offer not accepted within `offerTimeoutMs` passes to
 * the next counselor. Counselors may take any waiting client by hand while below capacity.
 */

export type RoutingStatus = 'available' | 'away';

export interface CounselorSlot {
  staffId: string;
  /** What she chose; she is only routed to while also `connected`. */
  status: RoutingStatus;
  connected: boolean;
  capacity: number;
  /** Chats she holds now. */
  load: number;
  /** When her load last changed (ms); ties go to the smallest. */
  idleSince: number;
}

export interface QueueItem {
  consultationId: string;
  urgent: boolean;
  /** Back at the front after a transfer to the queue or her counselor's grace ran out. */
  requeued: boolean;
  /** ISO time she joined (or rejoined, when requeued) the queue: FIFO within a priority. */
  queuedAt: string;
  campaign?: string | null;
}

export interface Offer {
  consultationId: string;
  staffId: string;
  offeredAt: number;
  expiresAt: number;
}

/**
 * Everything routing keeps. Keyed records and one ordered set, the shapes Redis has (hashes and
 * a sorted set), so a Redis implementation can replace the in-memory one.
 */
export interface QueueStore {
  putWaiting(item: QueueItem): void;
  removeWaiting(id: string): QueueItem | null;
  getWaiting(id: string): QueueItem | null;
  /** In queue order. */
  waiting(): QueueItem[];
  putCounselor(c: CounselorSlot): void;
  getCounselor(id: string): CounselorSlot | null;
  counselors(): CounselorSlot[];
  putOffer(o: Offer): void;
  removeOffer(consultationId: string): Offer | null;
  getOffer(consultationId: string): Offer | null;
  offers(): Offer[];
  /** Counselors whose offer for this client expired, so the next offer goes to someone else. */
  passedOver(consultationId: string): ReadonlySet<string>;
  addPassedOver(consultationId: string, staffId: string): void;
  clearPassedOver(consultationId: string): void;
  /** Recent handle times in ms, newest last. */
  handleTimes(): readonly number[];
  addHandleTime(ms: number, keep: number): void;
}

/** Queue order: requeued first, then urgent, then longest waiting. */
export function compareItems(a: QueueItem, b: QueueItem): number {
  if (a.requeued !== b.requeued) return a.requeued ? -1 : 1;
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.consultationId < b.consultationId ? -1 : 1;
}

export class MemoryQueueStore implements QueueStore {
  private readonly items = new Map<string, QueueItem>();
  /**
   * The waiting items, kept in queue order as they come and go (a binary search and a move of
   * pointers), not sorted again after every change: with thousands waiting, sorting on each
   * arrival made every arrival cost more than the one before.
   */
  private readonly ordered: QueueItem[] = [];
  /** What `waiting()` last handed out; callers may iterate it while the queue changes. */
  private snapshot: QueueItem[] | null = null;
  private readonly slots = new Map<string, CounselorSlot>();
  private readonly pending = new Map<string, Offer>();
  private readonly passed = new Map<string, Set<string>>();
  private readonly handles: number[] = [];

  putWaiting(item: QueueItem): void {
    this.removeWaiting(item.consultationId);
    const copy = { ...item };
    this.items.set(copy.consultationId, copy);
    this.ordered.splice(this.placeOf(copy), 0, copy);
    this.snapshot = null;
  }
  removeWaiting(id: string): QueueItem | null {
    const item = this.items.get(id) ?? null;
    if (item) {
      this.items.delete(id);
      // compareItems is a total order (ties end on the id), so the search lands on the item itself.
      const at = this.placeOf(item);
      this.ordered.splice(this.ordered[at] === item ? at : this.ordered.indexOf(item), 1);
      this.snapshot = null;
    }
    return item;
  }
  getWaiting(id: string): QueueItem | null {
    return this.items.get(id) ?? null;
  }
  waiting(): QueueItem[] {
    this.snapshot ??= this.ordered.slice();
    return this.snapshot;
  }
  /** Index of the first item not before `item` in queue order. */
  private placeOf(item: QueueItem): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareItems(this.ordered[mid] as QueueItem, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  putCounselor(c: CounselorSlot): void {
    this.slots.set(c.staffId, { ...c });
  }
  getCounselor(id: string): CounselorSlot | null {
    const c = this.slots.get(id);
    return c ? { ...c } : null;
  }
  counselors(): CounselorSlot[] {
    return [...this.slots.values()].map((c) => ({ ...c }));
  }
  putOffer(o: Offer): void {
    this.pending.set(o.consultationId, o);
  }
  removeOffer(id: string): Offer | null {
    const o = this.pending.get(id) ?? null;
    this.pending.delete(id);
    return o;
  }
  getOffer(id: string): Offer | null {
    return this.pending.get(id) ?? null;
  }
  offers(): Offer[] {
    return [...this.pending.values()];
  }
  passedOver(id: string): ReadonlySet<string> {
    return this.passed.get(id) ?? new Set();
  }
  addPassedOver(id: string, staffId: string): void {
    const set = this.passed.get(id) ?? new Set<string>();
    set.add(staffId);
    this.passed.set(id, set);
  }
  clearPassedOver(id: string): void {
    this.passed.delete(id);
  }
  handleTimes(): readonly number[] {
    return this.handles;
  }
  addHandleTime(ms: number, keep: number): void {
    this.handles.push(ms);
    while (this.handles.length > keep) this.handles.shift();
  }
}

/** Timers, injected so tests can fire them by hand. */
export interface Scheduler {
  set(ms: number, fn: () => void): unknown;
  clear(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  set: (ms, fn) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type WithdrawReason = 'expired' | 'taken' | 'gone' | 'unavailable';

/** What routing tells the outside world; the socket layer turns these into pushes. */
export interface RouterListener {
  offered(offer: Offer, item: QueueItem): void;
  offerWithdrawn(offer: Offer, reason: WithdrawReason): void;
}

export interface RouterOptions {
  /** How long an offer waits for the counselor (default 30 s). */
  offerTimeoutMs: number;
  /** Estimated wait above which the widget shows the alternatives too (default 10 min). */
  alternativesAfterSeconds: number;
  /** Handle time assumed before any chat has ended (default 20 min). */
  defaultHandleMs: number;
  /** How many recent handle times the estimate averages. */
  handleSamples: number;
}

export const defaultRouterOptions: RouterOptions = {
  offerTimeoutMs: 30_000,
  alternativesAfterSeconds: 600,
  defaultHandleMs: 20 * 60_000,
  handleSamples: 20,
};

export interface WaitEstimate {
  estimatedWaitSeconds: number | null;
  showAlternatives: boolean;
}

/** Why a counselor cannot take a client now. */
export type AssignRefusal = 'not_waiting' | 'at_capacity' | 'unknown_counselor';

export class Router {
  private readonly timers = new Map<string, unknown>();
  readonly options: RouterOptions;

  constructor(
    private readonly store: QueueStore,
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly listener: RouterListener,
    options: Partial<RouterOptions> = {},
  ) {
    this.options = { ...defaultRouterOptions, ...options };
  }

  // ---- reading -------------------------------------------------------------------------------

  queue(): QueueItem[] {
    return this.store.waiting();
  }

  /** 1-based place in the queue, or null when she is not waiting. */
  position(consultationId: string): number | null {
    const i = this.store.waiting().findIndex((w) => w.consultationId === consultationId);
    return i < 0 ? null : i + 1;
  }

  counselor(staffId: string): CounselorSlot | null {
    return this.store.getCounselor(staffId);
  }

  counselors(): CounselorSlot[] {
    return this.store.counselors();
  }

  offerFor(consultationId: string): Offer | null {
    return this.store.getOffer(consultationId);
  }

  offersTo(staffId: string): Offer[] {
    return this.store.offers().filter((o) => o.staffId === staffId);
  }

  private routable(c: CounselorSlot): boolean {
    return c.connected && c.status === 'available';
  }

  /** Chats held plus offers pending: what capacity is checked against when offering. */
  private committed(c: CounselorSlot): number {
    return c.load + this.offersTo(c.staffId).length;
  }

  /**
   * Estimated wait for a place in the queue: the clients ahead of her beyond the free places,
   * times the average recent handle time, over the capacity on duty. Null when nobody is on duty.
   */
  estimate(position: number): WaitEstimate {
    return this.estimator()(position);
  }

  /** {@link estimate} for many positions: the counselors and handle times are read once. */
  estimator(): (position: number) => WaitEstimate {
    const onDuty = this.store.counselors().filter((c) => this.routable(c));
    const capacity = onDuty.reduce((n, c) => n + c.capacity, 0);
    if (capacity === 0) return () => ({ estimatedWaitSeconds: null, showAlternatives: true });
    const free = onDuty.reduce((n, c) => n + Math.max(0, c.capacity - c.load), 0);
    const samples = this.store.handleTimes();
    const handle = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : this.options.defaultHandleMs;
    return (position) => {
      const ahead = Math.max(0, position - free);
      const seconds = Math.round((ahead * handle) / capacity / 1000);
      return { estimatedWaitSeconds: seconds, showAlternatives: seconds > this.options.alternativesAfterSeconds };
    };
  }

  // ---- changes -------------------------------------------------------------------------------

  /** Loads state at start-up (from the database) without offering anything yet. */
  restore(items: QueueItem[], counselors: CounselorSlot[]): void {
    for (const i of items) this.store.putWaiting(i);
    for (const c of counselors) this.store.putCounselor(c);
  }

  /** A client joins (or rejoins) the queue. */
  enqueue(item: QueueItem): void {
    this.store.putWaiting(item);
    this.dispatch();
  }

  /** She left the queue (abandoned, ended, quick exit). */
  remove(consultationId: string): QueueItem | null {
    const item = this.store.removeWaiting(consultationId);
    this.store.clearPassedOver(consultationId);
    const offer = this.store.removeOffer(consultationId);
    if (offer) {
      this.clearTimer(consultationId);
      this.listener.offerWithdrawn(offer, 'gone');
      this.dispatch();
    }
    return item;
  }

  /** Adds or updates a counselor (status, connection, capacity). Anything that frees a place dispatches. */
  updateCounselor(staffId: string, change: Partial<Omit<CounselorSlot, 'staffId'>>): CounselorSlot {
    const before = this.store.getCounselor(staffId) ?? {
      staffId,
      status: 'away' as RoutingStatus,
      connected: false,
      capacity: 3,
      load: 0,
      idleSince: this.now(),
    };
    const after: CounselorSlot = { ...before, ...change, staffId };
    this.store.putCounselor(after);
    if (!this.routable(after)) {
      // Offers to someone who stepped away or dropped go to the next counselor at once.
      for (const o of this.offersTo(staffId)) this.withdraw(o, 'unavailable');
    } else {
      // Capacity lowered below what she was offered: give the surplus offers back.
      let extra = this.committed(after) - after.capacity;
      for (const o of this.offersTo(staffId).reverse()) {
        if (extra-- <= 0) break;
        this.withdraw(o, 'unavailable');
      }
    }
    this.dispatch();
    return after;
  }

  /**
   * Whether this counselor may take this client now. An offer to her for this client is already
   * counted in her commitments, so it does not count twice.
   */
  canAssign(staffId: string, consultationId: string): AssignRefusal | null {
    const c = this.store.getCounselor(staffId);
    if (!c) return 'unknown_counselor';
    if (!this.store.getWaiting(consultationId)) return 'not_waiting';
    if (c.load >= c.capacity) return 'at_capacity';
    return null;
  }

  /** Whether she may receive one more chat by transfer. */
  hasRoom(staffId: string): boolean {
    const c = this.store.getCounselor(staffId);
    return !!c && c.load < c.capacity;
  }

  /** A client was assigned to a counselor (accepted offer or manual take). */
  assigned(staffId: string, consultationId: string): void {
    this.store.removeWaiting(consultationId);
    this.store.clearPassedOver(consultationId);
    const offer = this.store.removeOffer(consultationId);
    if (offer) {
      this.clearTimer(consultationId);
      if (offer.staffId !== staffId) this.listener.offerWithdrawn(offer, 'taken');
    }
    this.changeLoad(staffId, +1);
    this.dispatch();
  }

  /** A chat she held moved to another counselor (named transfer): loads move, nothing else. */
  moved(fromStaffId: string, toStaffId: string): void {
    this.changeLoad(fromStaffId, -1);
    this.changeLoad(toStaffId, +1);
    this.dispatch();
  }

  /** A chat she held ended, or went back to the queue. `handledMs` feeds the wait estimate. */
  released(staffId: string, handledMs: number | null): void {
    if (handledMs !== null && handledMs >= 0) this.store.addHandleTime(handledMs, this.options.handleSamples);
    this.changeLoad(staffId, -1);
    this.dispatch();
  }

  private changeLoad(staffId: string, delta: number): void {
    const c = this.store.getCounselor(staffId);
    if (!c) return;
    this.store.putCounselor({ ...c, load: Math.max(0, c.load + delta), idleSince: this.now() });
  }

  private withdraw(offer: Offer, reason: WithdrawReason): void {
    this.store.removeOffer(offer.consultationId);
    this.clearTimer(offer.consultationId);
    this.listener.offerWithdrawn(offer, reason);
  }

  private clearTimer(consultationId: string): void {
    const t = this.timers.get(consultationId);
    if (t !== undefined) this.scheduler.clear(t);
    this.timers.delete(consultationId);
  }

  private expire(consultationId: string): void {
    this.timers.delete(consultationId);
    const offer = this.store.getOffer(consultationId);
    if (!offer) return;
    this.store.removeOffer(consultationId);
    this.store.addPassedOver(consultationId, offer.staffId);
    this.listener.offerWithdrawn(offer, 'expired');
    this.dispatch();
  }

  /**
   * Offers every waiting client without an offer, in queue order, while some counselor has room.
   * Runs on every change; it never polls.
   */
  dispatch(): void {
    for (const item of this.store.waiting()) {
      if (this.store.getOffer(item.consultationId)) continue;
      const candidates = this.store.counselors().filter((c) => this.routable(c) && this.committed(c) < c.capacity);
      if (candidates.length === 0) return; // nobody has room: later clients cannot be offered either
      const passed = this.store.passedOver(item.consultationId);
      let pool = candidates.filter((c) => !passed.has(c.staffId));
      if (pool.length === 0) {
        // Everyone with room has let her offer pass: start the round again rather than leave her.
        this.store.clearPassedOver(item.consultationId);
        pool = candidates;
      }
      pool.sort((a, b) => this.committed(a) - this.committed(b) || a.idleSince - b.idleSince || (a.staffId < b.staffId ? -1 : 1));
      const chosen = pool[0];
      if (!chosen) return;
      const at = this.now();
      const offer: Offer = { consultationId: item.consultationId, staffId: chosen.staffId, offeredAt: at, expiresAt: at + this.options.offerTimeoutMs };
      this.store.putOffer(offer);
      this.timers.set(item.consultationId, this.scheduler.set(this.options.offerTimeoutMs, () => this.expire(item.consultationId)));
      this.listener.offered(offer, item);
    }
  }

  /** Stops every timer (server shutdown). */
  stop(): void {
    for (const t of this.timers.values()) this.scheduler.clear(t);
    this.timers.clear();
  }
}
