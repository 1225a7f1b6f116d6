import { answerRate, type DemandDay, nearestRank } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { reportRow as row } from '../../test/report-row.js';
import type { ReportRow } from './types.js';
import { buildWaitReport, waitPercentiles } from './waits.js';

const answered = (queuedAt: string, waitMs: number, more: Partial<ReportRow> = {}) =>
  row(queuedAt, { assignedAt: queuedAt, waitMs, ...more });
const left = (queuedAt: string, waitMs: number) => row(queuedAt, { endedAt: queuedAt, endReason: 'abandoned', waitMs });
const demand = (day: string, opened: number, closed = 0, refused = 0): DemandDay => ({ day, opened, closed, refused });

describe('percentiles and the answer rate', () => {
  it('takes the nearest rank: the smallest value with at least p % at or below it', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank(ten, 100)).toBe(10);
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
    // Four values: the median is the 2nd (ceil 2.0), the 90th the 4th (ceil 3.6).
    expect(nearestRank([40, 10, 30, 20], 50)).toBe(20);
    expect(nearestRank([40, 10, 30, 20], 90)).toBe(40);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('gives waits in whole seconds, rounded', () => {
    expect(waitPercentiles([1_499, 2_500, 61_000, 600_400])).toEqual({ waitP50Sec: 3, waitP90Sec: 600 });
    expect(waitPercentiles([])).toEqual({ waitP50Sec: null, waitP90Sec: null });
  });

  it('rates answered against answered plus left, one decimal, and has no rate for nobody', () => {
    expect(answerRate(2, 1)).toBe(66.7);
    expect(answerRate(1, 0)).toBe(100);
    expect(answerRate(0, 3)).toBe(0);
    expect(answerRate(0, 0)).toBeNull();
  });
});

describe('waiting figures of a fiscal year', () => {
  it('counts each month and each day by the Tokyo day she came, with waits of the answered only', () => {
    const rows = [
      // 1 May 2026 in Tokyo: 30 April 15:00 UTC onwards.
      answered('2026-04-30T15:00:00.000Z', 30_000),
      answered('2026-05-01T03:10:00.000Z', 90_000),
      answered('2026-05-01T05:00:00.000Z', 600_000),
      left('2026-05-01T06:00:00.000Z', 1_200_000),
      // Still waiting when the report was made: started, neither answered nor left.
      row('2026-05-01T14:50:00.000Z'),
      // 30 April 23:50 Tokyo: April, its own day.
      answered('2026-04-30T14:50:00.000Z', 5_000),
      // A nuisance chat counts nowhere.
      answered('2026-05-01T07:00:00.000Z', 1, { endReason: 'nuisance' }),
      // Outside the fiscal year.
      answered('2026-03-31T14:50:00.000Z', 1),
    ];
    const report = buildWaitReport(2026, rows, [demand('2026-05-01', 12, 3, 2), demand('2026-04-30', 1), demand('2027-04-01', 99)]);
    const may1 = report.days.find((d) => d.period === '2026-05-01');
    expect(may1).toEqual({
      period: '2026-05-01', started: 5, answered: 3, leftWaiting: 1, answerRate: 75, waitP50Sec: 90, waitP90Sec: 600, opened: 12, closed: 3, refused: 2,
    });
    expect(report.days.map((d) => d.period)).toEqual(['2026-04-30', '2026-05-01']);
    expect(report.months).toHaveLength(12);
    expect(report.months[0]).toMatchObject({ period: '2026-04', started: 1, answered: 1, waitP50Sec: 5, opened: 1 });
    expect(report.months[1]).toEqual({ ...may1, period: '2026-05' });
    expect(report.months[2]).toEqual({
      period: '2026-06', started: 0, answered: 0, leftWaiting: 0, answerRate: null, waitP50Sec: null, waitP90Sec: null, opened: 0, closed: 0, refused: 0,
    });
    // The total's percentiles come from every wait of the year, not from the months' percentiles.
    expect(report.total).toEqual({
      period: 'total', started: 6, answered: 4, leftWaiting: 1, answerRate: 80, waitP50Sec: 30, waitP90Sec: 600, opened: 13, closed: 3, refused: 2,
    });
  });

  it('lists a day with only counters (the program was closed, nobody reached the queue)', () => {
    const report = buildWaitReport(2026, [], [demand('2026-05-03', 4, 4, 0)]);
    expect(report.days).toEqual([
      { period: '2026-05-03', started: 0, answered: 0, leftWaiting: 0, answerRate: null, waitP50Sec: null, waitP90Sec: null, opened: 4, closed: 4, refused: 0 },
    ]);
    expect(report.total).toMatchObject({ opened: 4, closed: 4, answerRate: null });
  });

  it('keeps a row answered with no stored wait (rows older than the wait column) out of the waits, not out of the counts', () => {
    const report = buildWaitReport(2026, [row('2026-05-01T03:00:00.000Z', { assignedAt: '2026-05-01T03:10:00.000Z' }), answered('2026-05-01T03:00:00.000Z', 42_000)], []);
    expect(report.total).toMatchObject({ answered: 2, waitP50Sec: 42, waitP90Sec: 42 });
  });
});
