import type { QueueEntry } from '@tsunagari/shared';

/**
 * The order staff see the queue in: urgent first (the design puts danger ahead of waiting
 * time), then by the server's position, then by who has waited longest.
 */
export function sortQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort(
    (a, b) =>
      Number(b.urgent) - Number(a.urgent) ||
      a.position - b.position ||
      Date.parse(a.queuedAt) - Date.parse(b.queuedAt) ||
      a.consultationId.localeCompare(b.consultationId),
  );
}

/** Entries in `next` that were not in `prev`: what the live region announces. */
export function addedEntries(prev: readonly QueueEntry[], next: readonly QueueEntry[]): QueueEntry[] {
  const known = new Set(prev.map((e) => e.consultationId));
  return next.filter((e) => !known.has(e.consultationId));
}

/**
 * A calm, short wait time in Japanese: 「1分未満」, 「12分」, 「1時間5分」.
 * Negative spans (a client clock ahead of the server) count as zero.
 */
export function formatWait(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '1分未満';
  if (minutes < 60) return `${minutes}分`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours}時間` : `${hours}時間${rest}分`;
}

/**
 * Past this wait the supervisors' board raises its alert (the design's "wait passes a threshold"),
 * until the program's setting (settings:get, an admin's to change) has been read.
 */
export const LONG_WAIT_ALERT_MS = 10 * 60_000;

/** The board's live view of the queue: how many wait, the longest wait, and whether to alert (from `alertMs` of waiting). */
export function queueLoad(entries: readonly QueueEntry[], now: number, alertMs = LONG_WAIT_ALERT_MS): { waiting: number; longestMs: number | null; urgentWaiting: boolean; longWait: boolean } {
  const longestMs = entries.length === 0 ? null : Math.max(...entries.map((e) => waitedMs(e.queuedAt, now)));
  return {
    waiting: entries.length,
    longestMs,
    urgentWaiting: entries.some((e) => e.urgent),
    longWait: longestMs !== null && longestMs >= alertMs,
  };
}

/** Milliseconds since an ISO time; an unparsable time counts as "just now". */
export function waitedMs(queuedAt: string, now: number): number {
  const t = Date.parse(queuedAt);
  return Number.isNaN(t) ? 0 : now - t;
}

const clock = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

/** Clock time in Asia/Tokyo (business time is Tokyo whatever the machine's zone). */
export function formatClock(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : clock.format(t);
}

/**
 * A short, stable label for a consultation. Ids are random and anonymous; the first six
 * characters are enough to tell a counselor's few open chats apart and to say one aloud.
 */
export function shortLabel(consultationId: string): string {
  return `#${consultationId.slice(0, 6)}`;
}
