/**
 * The routing policy as pure functions: no store, no timers, no I/O. Given one {@link RoutingView}
 * they say the queue order, who gets the next offers, which offers a counselor must give back, and
 * how long a place in the queue is likely to wait.
 *
 * Policy: the longest-waiting client of the highest priority (requeued > urgent > normal) is
 * offered to the least-loaded available counselor below her capacity (pending offers count as
 * load; ties go to the one idle longest). An offer not accepted in time passes to the next
 * counselor; once every counselor with room let it pass, the round starts again.
 */
import type { RoutingOptions } from './options.js';
import type { CounselorSlot, Offer, QueueItem, RoutingView } from './types.js';

/** Queue order: requeued first, then urgent, then longest waiting; the id breaks ties (a total order). */
export function compareItems(a: QueueItem, b: QueueItem): number {
  if (a.requeued !== b.requeued) return a.requeued ? -1 : 1;
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.consultationId < b.consultationId ? -1 : 1;
}

/** Whether offers may go to her: on duty and connected. */
export function routable(c: CounselorSlot): boolean {
  return c.connected && c.status === 'available';
}

/** An offer the policy wants made, and whether it starts her round of counselors again. */
export interface PlannedOffer {
  offer: Offer;
  item: QueueItem;
  /** Everyone with room had let her offer pass: forget who did, and start again. */
  restartRound: boolean;
}

/** Chats held plus offers pending, per counselor: what capacity is checked against when offering. */
function commitments(view: Pick<RoutingView, 'counselors' | 'offers'>): Map<string, number> {
  const committed = new Map<string, number>();
  for (const c of view.counselors) committed.set(c.staffId, c.load);
  for (const o of view.offers) committed.set(o.staffId, (committed.get(o.staffId) ?? 0) + 1);
  return committed;
}

/**
 * Every offer to make now, in queue order: each waiting client without an offer goes to the
 * counselor with the fewest commitments among those with room who have not let her pass, while
 * anyone has room. Each planned offer counts against its counselor for the ones after it.
 */
export function planOffers(view: RoutingView, at: number, offerTimeoutMs: number): PlannedOffer[] {
  const committed = commitments(view);
  const load = (c: CounselorSlot) => committed.get(c.staffId) ?? 0;
  const hasRoom = (c: CounselorSlot) => routable(c) && load(c) < c.capacity;
  if (!view.counselors.some(hasRoom)) return [];
  const order = byCommitments(load);
  const offered = new Set(view.offers.map((o) => o.consultationId));
  const planned: PlannedOffer[] = [];
  for (const item of view.waiting) {
    if (offered.has(item.consultationId)) continue;
    const candidates = view.counselors.filter(hasRoom);
    if (candidates.length === 0) break; // nobody has room: later clients cannot be offered either
    const passed = view.passedOver.get(item.consultationId);
    let pool = passed ? candidates.filter((c) => !passed.has(c.staffId)) : candidates;
    const restartRound = pool.length === 0;
    if (restartRound) pool = candidates;
    const chosen = pool.reduce((best, c) => (order(c, best) < 0 ? c : best));
    committed.set(chosen.staffId, load(chosen) + 1);
    planned.push({ item, restartRound, offer: { consultationId: item.consultationId, staffId: chosen.staffId, offeredAt: at, expiresAt: at + offerTimeoutMs } });
  }
  return planned;
}

/**
 * How many of the queue's first women {@link planOffers} can reach from this picture: it skips
 * those with an offer (at most one per offer) and plans one offer per free place among counselors
 * with room, so a view holding this many of the head plans exactly what the whole queue would.
 * 0 when nobody has room.
 */
export function planningDepth(view: Pick<RoutingView, 'counselors' | 'offers'>): number {
  const committed = commitments(view);
  let room = 0;
  for (const c of view.counselors) if (routable(c)) room += Math.max(0, c.capacity - (committed.get(c.staffId) ?? 0));
  return room === 0 ? 0 : view.offers.length + room;
}

/** Fewer commitments first, then idle longest, then the smaller id: a total order. */
function byCommitments(load: (c: CounselorSlot) => number): (a: CounselorSlot, b: CounselorSlot) => number {
  return (a, b) => load(a) - load(b) || a.idleSince - b.idleSince || (a.staffId < b.staffId ? -1 : 1);
}

/**
 * The offers she must give back after a change to her slot: all of them when she stepped away or
 * dropped; when her capacity fell below what she holds and was offered, the newest ones over it.
 * `offersToHer` in the order they were made.
 */
export function offersToWithdraw(slot: CounselorSlot, offersToHer: readonly Offer[]): Offer[] {
  if (!routable(slot)) return [...offersToHer];
  const extra = slot.load + offersToHer.length - slot.capacity;
  return extra > 0 ? offersToHer.slice(-extra).reverse() : [];
}

export interface WaitEstimate {
  estimatedWaitSeconds: number | null;
  showAlternatives: boolean;
}

/**
 * Estimated wait for a place in the queue: the clients ahead of her beyond the free places, times
 * the average recent handle time, over the capacity on duty. Null when nobody is on duty. The
 * counselors and handle times are read once, for as many positions as asked.
 */
export function waitEstimator(
  view: Pick<RoutingView, 'counselors' | 'handleTimes'>,
  options: Pick<RoutingOptions, 'defaultHandleMs' | 'alternativesAfterSeconds'>,
): (position: number) => WaitEstimate {
  const onDuty = view.counselors.filter(routable);
  const capacity = onDuty.reduce((n, c) => n + c.capacity, 0);
  if (capacity === 0) return () => ({ estimatedWaitSeconds: null, showAlternatives: true });
  const free = onDuty.reduce((n, c) => n + Math.max(0, c.capacity - c.load), 0);
  const samples = view.handleTimes;
  const handle = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : options.defaultHandleMs;
  return (position) => {
    const ahead = Math.max(0, position - free);
    const seconds = Math.round((ahead * handle) / capacity / 1000);
    return { estimatedWaitSeconds: seconds, showAlternatives: seconds > options.alternativesAfterSeconds };
  };
}
