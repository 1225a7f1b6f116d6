import { AGENCY_KINDS, DURATION_BANDS, type FiscalYearReport, type VisitFigures } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';

const o = ja.outreach;
const r = ja.report;

/**
 * The CSV's outreach blocks: visits done by month (home visits, accompaniments) with a 合計 line;
 * the year's accompaniments by kind of agency; visits by duration band. Every agency and band is a
 * line even at 0, in the shared lists' order, so the lines never move between years.
 */
export function outreachCsvBlocks(report: FiscalYearReport): (string | number)[][][] {
  const { months, total, byAgency, byDuration } = report.outreach;
  const line = (f: VisitFigures, label: string) => [label, f.outreach, f.accompaniment];
  return [
    [[o.csvSection], [o.month, o.kinds.outreach, o.kinds.accompaniment], ...months.map((f) => line(f, r.monthLabel(f.month))), line(total, r.total)],
    [[o.csvAgency], [o.agency, o.count], ...[...AGENCY_KINDS, 'unknown' as const].map((a) => [o.agencies[a], byAgency[a]])],
    [[o.csvDuration], [o.duration, o.count], ...DURATION_BANDS.map((d) => [r.durations[d], byDuration[d]]), [o.durationUnknown, byDuration.unknown]],
  ];
}
