import type { RoutingContext } from './context.js';
import { itemFor } from './queue-items.js';
import type { QueueItem } from './types.js';

/**
 * A start from the database (one node restarting, or the first node of a cluster): the persisted
 * queue, counselors and loads go into the store. Nobody is connected yet, so nothing is offered;
 * everyone gets her grace period to come back, and a new start's silence is timed again.
 */
export async function restoreFromDatabase(ctx: RoutingContext): Promise<void> {
  const { repos, grace } = ctx;
  const items = keepStoredOrder((await repos.consultations.waiting()).map(itemFor));
  const now = ctx.clock.now().getTime();
  const counselors = (await repos.counselors.all()).map((c) => ({ ...c, connected: false, idleSince: now }));
  const active = await repos.consultations.active();
  await ctx.router.restore(items, counselors, active);
  for (const w of items) {
    grace.startClient(w.consultationId);
    if (!w.requeued) grace.clientSpoke(w.consultationId);
  }
  // Nobody is connected yet: an active chat whose woman does not come back is parked, then ends.
  for (const a of active) grace.startAway(a.consultationId);
  for (const c of counselors) if (c.load > 0) grace.startStaff(c.staffId);
}

/**
 * Stored queue times are rounded to 10 minutes (issue 15: exact times live only in memory), so
 * after a restart women who came within the same ten minutes would tie, and the id would reorder
 * them. The rows come in the order they were stored: a millisecond apart per place keeps that order.
 */
export function keepStoredOrder(items: QueueItem[]): QueueItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = `${item.requeued}|${item.queuedAt}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { ...item, queuedAt: new Date(Date.parse(item.queuedAt) + n).toISOString() };
  });
}
