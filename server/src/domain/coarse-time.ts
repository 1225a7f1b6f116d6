/** How finely the relay stores times about consultations and their statistics (issue 15). */
export const COARSE_TIME_MS = 10 * 60_000;

/**
 * An ISO time floored to its 10 minutes, as stored: the relay keeps when something happened to
 * the nearest 10 minutes, which is all the statistics and the retention period need. Exact times
 * live only in memory while routing needs them (queue order, waits, handle times).
 */
export function coarseTime(iso: string): string {
  const ms = new Date(iso).getTime();
  return new Date(ms - (((ms % COARSE_TIME_MS) + COARSE_TIME_MS) % COARSE_TIME_MS)).toISOString();
}

/** The same, for a time that may be absent. */
export function coarseOrNull(iso: string | null): string | null {
  return iso === null ? null : coarseTime(iso);
}
