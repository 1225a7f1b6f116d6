import type { UrgentAlert } from '@tsunagari/shared';
import type { RoutingOptions } from './options.js';
import type { QueueItem } from './types.js';

export type UrgentAlertOptions = Pick<RoutingOptions, 'urgentAlertMinWaiting' | 'urgentAlertSharePercent' | 'urgentAlertWindowMs'>;

/**
 * Whether the urgent share of the queue is unusual, as a supervisor is told (DESIGN "Queue and
 * routing"): `urgent` is self-declared and moves her ahead, so a script declaring it on every start
 * would push real women back. Real urgent starts are a few among many; the alert comes when at
 * least `urgentAlertMinWaiting` wait and more than `urgentAlertSharePercent`% of them are urgent
 * starts from the last `urgentAlertWindowMs`. Requeued chats are not starts and do not count as such.
 */
export function urgentAlert(waiting: readonly QueueItem[], now: number, o: UrgentAlertOptions): UrgentAlert | null {
  if (waiting.length < o.urgentAlertMinWaiting) return null;
  const since = now - o.urgentAlertWindowMs;
  const urgentRecent = waiting.filter((w) => w.urgent && !w.requeued && new Date(w.queuedAt).getTime() >= since).length;
  if (urgentRecent * 100 <= waiting.length * o.urgentAlertSharePercent) return null;
  return { waiting: waiting.length, urgentRecent, windowMinutes: Math.round(o.urgentAlertWindowMs / 60_000), sharePercent: o.urgentAlertSharePercent };
}
