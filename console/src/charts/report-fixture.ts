import { emptyFigures, emptyOutreachSection, type FiscalYearReport, fiscalYearMonths, type WaitFigures } from '@tsunagari/shared';

/** A waiting figure with nothing counted unless given. */
export const waitFigures = (period: string, more: Partial<WaitFigures> = {}): WaitFigures => ({
  period,
  started: 0,
  answered: 0,
  leftWaiting: 0,
  answerRate: null,
  waitP50Sec: null,
  waitP90Sec: null,
  opened: 0,
  closed: 0,
  refused: 0,
  ...more,
});

/**
 * A fiscal-2026 report for tests of the charts and their tables: May has 3 chats and 2 phone
 * calls, June 4 phone calls; two targets; May's waits.
 */
export function chartReport(): FiscalYearReport {
  const months = fiscalYearMonths(2026).map((m) => emptyFigures(m));
  const [, may, june] = months as [unknown, ReturnType<typeof emptyFigures>, ReturnType<typeof emptyFigures>];
  Object.assign(may, { consultations: 5, started: 3, answered: 2, leftWaiting: 1 });
  may.byChannel.chat = 3;
  may.byChannel.phone = 2;
  june.consultations = 4;
  june.byChannel.phone = 4;
  const total = { ...emptyFigures('total'), consultations: 9, started: 3, answered: 2, leftWaiting: 1 };
  total.byChannel.chat = 3;
  total.byChannel.phone = 6;
  const mayWaits = { started: 3, answered: 2, leftWaiting: 1, answerRate: 66.7, waitP50Sec: 95, waitP90Sec: 600, opened: 9, closed: 2, refused: 1 };
  return {
    fiscalYear: 2026,
    months,
    total,
    kpis: [
      { key: 'homeVisits', target: 40, result: 20, achievement: 50, expected: 10 },
      { key: 'phone', target: 100, result: 6, achievement: 6, expected: 25 },
    ],
    asOf: '2026-06-30',
    outreach: emptyOutreachSection(2026),
    distribution: { events: [], total: { events: 0, sets: 0, flyers: 0, chatsAfter: 0 } },
    waits: {
      months: fiscalYearMonths(2026).map((m) => waitFigures(m, m === '2026-05' ? mayWaits : {})),
      days: [waitFigures('2026-05-02', mayWaits)],
      total: waitFigures('total', mayWaits),
    },
  };
}
