import type { FiscalYearReport, WaitFigures } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';

const f = ja.figures;

type Cells = (string | number)[];

/**
 * The CSV blocks of issue 16's waiting figures, each after a blank line and a title row, with
 * columns that never move: waiting and missed contacts by month (with the year's total) and by day
 * (the KPI table is report-csv-kpis.ts's). An empty value is an empty cell (no result yet, nothing to
 * take a rate or a wait of).
 */
export function figuresCsvBlocks(report: FiscalYearReport): Cells[][] {
  const header = [f.period, f.started, f.answered, f.leftWaiting, f.rateCsv, f.waitP50Csv, f.waitP90Csv, f.opened, f.closed, f.refused];
  const row = (w: WaitFigures, label: string): Cells => [
    label,
    w.started,
    w.answered,
    w.leftWaiting,
    w.answerRate ?? '',
    w.waitP50Sec ?? '',
    w.waitP90Sec ?? '',
    w.opened,
    w.closed,
    w.refused,
  ];
  const months: Cells[] = [
    [f.waitsCsvMonths],
    header,
    ...report.waits.months.map((w) => row(w, ja.report.monthLabel(w.period))),
    row(report.waits.total, ja.report.total),
  ];
  const days: Cells[] = [[f.waitsCsvDays], header, ...report.waits.days.map((w) => row(w, w.period))];
  return [months, days];
}
