import type { QueueEntry } from '@tsunagari/shared';

/** What the queue needs to know about a waiting consultation. */
export interface Waiting {
  id: string;
  urgent: boolean;
  queuedAt: string;
  campaign: string | null;
}

/** Queue order: urgent first, then whoever has waited longest. Stable for equal keys. */
export function compareWaiting(a: Waiting, b: Waiting): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0;
}

/** The queue as staff see it, with 1-based positions. */
export function queueEntries(waiting: readonly Waiting[]): QueueEntry[] {
  return [...waiting].sort(compareWaiting).map((w, i) => ({
    consultationId: w.id,
    queuedAt: w.queuedAt,
    urgent: w.urgent,
    campaign: w.campaign,
    position: i + 1,
  }));
}
