import { compareItems, routable } from './policy.js';
import type { QueueStore } from './queue-store.js';
import type { AssignRefusal, CounselorSlot, Holding, Offer, QueueItem, QueuePlace, RoutingView, TransferRefusal } from './types.js';

/**
 * {@link QueueStore} in this process's memory: one node, state rebuilt from the database at start.
 * Every operation runs to its end before its promise exists, so each is atomic here by
 * construction. Records are replaced, never changed in place, so what a view handed out stays as
 * it was.
 */
export class MemoryQueueStore implements QueueStore {
  /** One process's memory: its offers' timers die only with the store itself. */
  readonly shared = false;
  private readonly items = new Map<string, QueueItem>();
  /**
   * The waiting items, kept in queue order as they come and go (a binary search and a move of
   * pointers), not sorted again after every change: with thousands waiting, sorting on each
   * arrival made every arrival cost more than the one before.
   */
  private readonly ordered: QueueItem[] = [];
  /** What a view last handed out; callers may iterate it while the queue changes. */
  private snapshot: QueueItem[] | null = null;
  private readonly slots = new Map<string, CounselorSlot>();
  private readonly pending = new Map<string, Offer>();
  /** Copy on write: a set handed out in a view never changes. */
  private readonly passed = new Map<string, ReadonlySet<string>>();
  private readonly handles: number[] = [];
  /** Active chats: consultation id → the counselor who holds it. */
  private readonly held = new Map<string, string>();
  /** Active chats whose woman's counselor was told she is gone. */
  private readonly parked = new Set<string>();

  async view(head?: number): Promise<RoutingView> {
    let waiting: readonly QueueItem[];
    if (head === undefined) waiting = this.snapshot ??= this.ordered.slice();
    else waiting = this.ordered.slice(0, Math.max(0, head));
    return {
      waiting,
      counselors: [...this.slots.values()],
      offers: [...this.pending.values()],
      passedOver: new Map(this.passed),
      handleTimes: this.handles.slice(),
    };
  }

  async place(consultationId: string): Promise<QueuePlace | null> {
    const item = this.items.get(consultationId);
    if (!item) return null;
    return { item, position: this.placeOf(item) + 1, waiting: this.ordered.length };
  }

  async waitingCount(): Promise<number> {
    return this.ordered.length;
  }

  async waitingIds(): Promise<string[]> {
    return this.ordered.map((w) => w.consultationId);
  }

  async counselor(staffId: string): Promise<CounselorSlot | null> {
    return this.slots.get(staffId) ?? null;
  }

  async park(consultationId: string): Promise<void> {
    this.parked.add(consultationId);
  }

  async unpark(consultationId: string): Promise<boolean> {
    return this.parked.delete(consultationId);
  }

  async restore(items: readonly QueueItem[], counselors: readonly CounselorSlot[], held: readonly Holding[]): Promise<void> {
    for (const item of items) this.putWaiting(item);
    for (const c of counselors) this.slots.set(c.staffId, { ...c });
    for (const h of held) this.held.set(h.consultationId, h.staffId);
  }

  async enqueue(item: QueueItem): Promise<void> {
    this.putWaiting(item);
  }

  async leave(consultationId: string, at: number, handled?: { ms: number; keep: number }): Promise<{ item: QueueItem | null; offer: Offer | null; heldBy: string | null }> {
    const { item, offer } = this.dequeue(consultationId);
    const heldBy = this.unhold(consultationId, at);
    if (heldBy && handled && handled.ms >= 0) {
      this.handles.push(handled.ms);
      while (this.handles.length > handled.keep) this.handles.shift();
    }
    return { item, offer, heldBy };
  }

  async requeue(item: QueueItem, at: number): Promise<{ heldBy: string | null }> {
    const heldBy = this.unhold(item.consultationId, at);
    this.putWaiting(item);
    return { heldBy };
  }

  async updateCounselor(staffId: string, change: Partial<Omit<CounselorSlot, 'staffId' | 'load'>>, initial: CounselorSlot): Promise<CounselorSlot> {
    const after: CounselorSlot = { ...(this.slots.get(staffId) ?? initial), ...change, staffId };
    this.slots.set(staffId, after);
    return after;
  }

  async removeCounselor(staffId: string): Promise<{ offers: Offer[] }> {
    this.slots.delete(staffId);
    const offers = [...this.pending.values()].filter((o) => o.staffId === staffId);
    for (const o of offers) this.pending.delete(o.consultationId);
    return { offers };
  }

  async offer(offer: Offer, restartRound: boolean): Promise<boolean> {
    const c = this.slots.get(offer.staffId);
    if (!c || !routable(c) || !this.items.has(offer.consultationId) || this.pending.has(offer.consultationId)) return false;
    let offered = 0;
    for (const o of this.pending.values()) if (o.staffId === offer.staffId) offered++;
    if (c.load + offered >= c.capacity) return false;
    if (restartRound) this.passed.delete(offer.consultationId);
    this.pending.set(offer.consultationId, { ...offer });
    return true;
  }

  async withdraw(offer: Offer, passOver: boolean): Promise<boolean> {
    const current = this.pending.get(offer.consultationId);
    if (!current || current.staffId !== offer.staffId || current.offeredAt !== offer.offeredAt) return false;
    this.pending.delete(offer.consultationId);
    if (passOver) this.passed.set(offer.consultationId, new Set([...(this.passed.get(offer.consultationId) ?? []), offer.staffId]));
    return true;
  }

  async assign(staffId: string, consultationId: string, at: number): Promise<{ refusal: AssignRefusal } | { refusal: null; offer: Offer | null }> {
    const c = this.slots.get(staffId);
    if (!c) return { refusal: 'unknown_counselor' };
    if (!this.items.has(consultationId)) return { refusal: 'not_waiting' };
    if (c.load >= c.capacity) return { refusal: 'at_capacity' };
    const { offer } = this.dequeue(consultationId);
    this.hold(consultationId, staffId, at);
    return { refusal: null, offer };
  }

  async transfer(consultationId: string, fromStaffId: string, toStaffId: string, at: number): Promise<TransferRefusal | null> {
    if (this.held.get(consultationId) !== fromStaffId) return 'not_held';
    const to = this.slots.get(toStaffId);
    if (!to) return 'unknown_counselor';
    if (!to.connected) return 'offline';
    if (to.load >= to.capacity) return 'at_capacity';
    this.unhold(consultationId, at);
    this.hold(consultationId, toStaffId, at);
    return null;
  }

  /** Takes her out of the queue (entry, offer, passes); no promise, so it stays inside one operation. */
  private dequeue(consultationId: string): { item: QueueItem | null; offer: Offer | null } {
    const item = this.removeWaiting(consultationId);
    this.passed.delete(consultationId);
    const offer = this.pending.get(consultationId) ?? null;
    this.pending.delete(consultationId);
    return { item, offer };
  }

  private hold(consultationId: string, staffId: string, at: number): void {
    this.held.set(consultationId, staffId);
    this.changeLoad(staffId, +1, at);
  }

  /** Frees the place her chat held, if any; who held it. */
  private unhold(consultationId: string, at: number): string | null {
    const staffId = this.held.get(consultationId) ?? null;
    if (staffId === null) return null;
    this.held.delete(consultationId);
    this.changeLoad(staffId, -1, at);
    return staffId;
  }

  private changeLoad(staffId: string, delta: number, at: number): void {
    const c = this.slots.get(staffId);
    if (c) this.slots.set(staffId, { ...c, load: c.load + delta, idleSince: at });
  }

  private putWaiting(item: QueueItem): void {
    this.removeWaiting(item.consultationId);
    const copy = { ...item };
    this.items.set(copy.consultationId, copy);
    this.ordered.splice(this.placeOf(copy), 0, copy);
    this.snapshot = null;
  }

  private removeWaiting(id: string): QueueItem | null {
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
}
