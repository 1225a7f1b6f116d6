import type { FiscalYearReport } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';

const k = ja.targets;

/**
 * The CSV's 目標と実績 block: one line per target an admin set, in the report's order. Columns:
 * the target's stable key (homeVisits, phone …), its name, target, result (empty where nothing is
 * recorded yet), achievement in percent to one decimal (empty without a result or with a target of
 * 0), and the even pace on the report's day, which the block's title names.
 */
export function kpiCsvBlock(report: FiscalYearReport): (string | number)[][] {
  return [
    [k.csvBlock(report.asOf)],
    [k.csvKey, k.item, k.target, k.result, k.csvAchievement, k.expected],
    ...report.kpis.map((line) => [
      line.key,
      k.keys[line.key],
      line.target,
      line.result ?? '',
      line.achievement === null ? '' : line.achievement.toFixed(1),
      line.expected,
    ]),
  ];
}
