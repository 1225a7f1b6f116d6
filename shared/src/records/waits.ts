/**
 * Waiting and missed contacts (issue 16): how many women reached the chat, how many a counselor
 * took up, how many left while waiting, how long they waited, and the demand that went unserved.
 * Counts and durations only: nothing here names or tells apart any woman.
 */

/**
 * The per-day counters the relay keeps beside the consultations, each a plain number per Tokyo
 * day with no identifier:
 * - opened: the widget was opened (its status fetch), at most {@link DEMAND_PER_CALLER_PER_DAY}
 *   times per caller network a day;
 * - closed: a start tried while the program was closed (outside hours, holiday, closure day);
 * - refused: a start the limits turned away (starts per hour, chats open per network, a nuisance
 *   block of the day).
 */
export const DEMAND_KINDS = ['opened', 'closed', 'refused'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

/**
 * How many times one caller network (the daily-salted hash the limits already use, held in memory
 * only) counts towards a day's counter of one kind. Many women can share one address (a mobile
 * carrier's NAT, a shelter's Wi-Fi), so it is not one; a script reloading the widget cannot push
 * a day's figure up by more than this from one network.
 */
export const DEMAND_PER_CALLER_PER_DAY = 20;

/** One period's waiting figures: a Tokyo month (YYYY-MM), a Tokyo day (YYYY-MM-DD) or 'total'. */
export interface WaitFigures {
  period: string;
  /** Women who reached the chat's queue (nuisance chats left out, as in the report). */
  started: number;
  /** Of those, taken up by a counselor. */
  answered: number;
  /** Of those, who left before anyone took them up. */
  leftWaiting: number;
  /** answered ÷ (answered + leftWaiting) in percent, one decimal; null when neither happened. */
  answerRate: number | null;
  /** The wait before a counselor took her up, in whole seconds: median and 90th percentile (nearest rank); null with no answered wait. */
  waitP50Sec: number | null;
  waitP90Sec: number | null;
  /** The per-day counters, summed over the period. */
  opened: number;
  closed: number;
  refused: number;
}

/** The year's waiting figures: twelve months (April first), the days with anything to count, the total. */
export interface WaitReport {
  months: WaitFigures[];
  days: WaitFigures[];
  total: WaitFigures;
}

/** One Tokyo day's counters as stored. */
export interface DemandDay {
  day: string;
  opened: number;
  closed: number;
  refused: number;
}

/**
 * The value at percentile `p` (0–100) of `values` by the nearest-rank method: the smallest value
 * with at least p % of the values at or below it. Null for no values.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** answered ÷ (answered + leftWaiting) in percent with one decimal, or null when both are 0. */
export function answerRate(answered: number, leftWaiting: number): number | null {
  const over = answered + leftWaiting;
  return over === 0 ? null : Math.round((answered / over) * 1000) / 10;
}

/** A period with nothing counted. */
export function emptyWaitFigures(period: string): WaitFigures {
  return { period, started: 0, answered: 0, leftWaiting: 0, answerRate: null, waitP50Sec: null, waitP90Sec: null, opened: 0, closed: 0, refused: 0 };
}

/** A year with nothing counted: the twelve months given (April first), no days, a zero total. */
export function emptyWaitReport(months: readonly string[]): WaitReport {
  return { months: months.map(emptyWaitFigures), days: [], total: emptyWaitFigures('total') };
}
