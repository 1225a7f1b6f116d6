import type { FiscalYearReport } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';

const t = ja.distribution;

/**
 * The report CSV's distribution block (its own block after the months, so the month table's
 * columns never move), when the year has an event or a sets target: a title row, a header, one row per event by day, a total row
 * and, when the year has a sets target, the target and its achievement under the sets column.
 * Seven columns, always in this order. Each cell still goes through `csvField` (formula guard).
 */
export function distributionCsvRows(report: FiscalYearReport): (string | number)[][] {
  const d = report.distribution;
  const kpi = report.kpis.find((k) => k.key === 'distributionSets');
  // A year with no event and no sets target has nothing to say here (and its file stays as before).
  if (d.events.length === 0 && !kpi) return [];
  const under = (label: string, value: string | number) => [label, '', '', value, '', '', ''];
  return [
    [t.csvTitle],
    [t.date, t.municipality, t.partner, t.sets, t.flyers, t.campaign, t.chatsAfter],
    ...d.events.map((e) => [e.date, e.municipality, e.partner, e.sets, e.flyers, e.campaign ?? '', e.chatsAfter ?? '']),
    [t.totalEvents(d.total.events), '', '', d.total.sets, d.total.flyers, '', d.total.chatsAfter],
    ...(kpi ? [under(t.csvTarget, kpi.target), under(t.csvAchievement, kpi.achievement === null ? '' : ja.targets.percent(kpi.achievement))] : []),
  ];
}
