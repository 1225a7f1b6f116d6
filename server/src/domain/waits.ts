import { answerRate, type DemandDay, fiscalYearMonths, nearestRank, tokyoParts, type WaitFigures, type WaitReport } from '@tsunagari/shared';
import { answered } from './reports.js';
import type { ReportRow } from './types.js';

/**
 * Waiting and missed contacts for the year report (issue 16), by Tokyo month and by Tokyo day,
 * with the same counting rules as the report's months (reports.ts): a consultation belongs to the
 * day she reached the queue (`queuedAt`, stored to 10 minutes; a Tokyo day starts on a 10-minute
 * boundary, so the rounding never moves her to another day); nuisance chats count nowhere;
 * answered = a counselor took her up at some time (reports.ts `answered`); left waiting = ended
 * and never taken up.
 * Waits are those of answered consultations (the first wait, until a counselor first took her up;
 * stored to the millisecond), given as the median and 90th percentile by nearest rank, in whole
 * seconds. The demand counters are summed over the period. Plain counting: no clock, no SQL.
 */
export function buildWaitReport(fiscalYear: number, rows: readonly ReportRow[], demand: readonly DemandDay[]): WaitReport {
  const months = fiscalYearMonths(fiscalYear);
  const byMonth = new Map(months.map((m) => [m, new Tally(m)]));
  const byDay = new Map<string, Tally>();
  const total = new Tally('total');
  const tallies = (day: string): Tally[] => {
    const month = byMonth.get(day.slice(0, 7));
    if (!month) return [];
    let d = byDay.get(day);
    if (!d) byDay.set(day, (d = new Tally(day)));
    return [d, month, total];
  };
  for (const row of rows) {
    if (row.endReason === 'nuisance') continue;
    for (const t of tallies(tokyoParts(new Date(row.queuedAt)).ymd)) t.consultation(row);
  }
  for (const d of demand) for (const t of tallies(d.day)) t.demand(d);
  return {
    months: months.map((m) => (byMonth.get(m) as Tally).figures()),
    days: [...byDay.keys()].sort().map((d) => (byDay.get(d) as Tally).figures()),
    total: total.figures(),
  };
}

/** The figures of one period while they are counted. */
class Tally {
  private started = 0;
  private answered = 0;
  private leftWaiting = 0;
  private readonly waits: number[] = [];
  private readonly counters = { opened: 0, closed: 0, refused: 0 };

  constructor(private readonly period: string) {}

  consultation(row: ReportRow): void {
    this.started++;
    if (answered(row)) {
      this.answered++;
      if (row.waitMs !== null) this.waits.push(row.waitMs);
    } else if (row.endedAt !== null) this.leftWaiting++;
  }

  demand(d: DemandDay): void {
    this.counters.opened += d.opened;
    this.counters.closed += d.closed;
    this.counters.refused += d.refused;
  }

  figures(): WaitFigures {
    return {
      period: this.period,
      started: this.started,
      answered: this.answered,
      leftWaiting: this.leftWaiting,
      answerRate: answerRate(this.answered, this.leftWaiting),
      ...waitPercentiles(this.waits),
      ...this.counters,
    };
  }
}

/** The median and 90th percentile of waits given in ms, as whole seconds (null with none). */
export function waitPercentiles(waitsMs: readonly number[]): Pick<WaitFigures, 'waitP50Sec' | 'waitP90Sec'> {
  const sec = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
  return { waitP50Sec: sec(nearestRank(waitsMs, 50)), waitP90Sec: sec(nearestRank(waitsMs, 90)) };
}
