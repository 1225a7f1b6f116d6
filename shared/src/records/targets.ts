import { CHANNELS } from './records.js';

/**
 * What the prefecture funds the program on (seed: 家庭訪問支援数, 同行支援数, 生理用品配布会の
 * セット数), and any channel's consultation count an admin chooses to set a target for.
 */
export const TARGET_KEYS = ['homeVisits', 'accompaniments', 'distributionSets', ...CHANNELS] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/** A fiscal year's targets: only the keys an admin set. */
export type FiscalYearTargets = Partial<Record<TargetKey, number>>;

/** One line of the report's KPI table. */
export interface Kpi {
  key: TargetKey;
  target: number;
  /** The year's result so far; null where the product does not record it yet (distribution sets). */
  result: number | null;
  /** result / target in percent, one decimal (95.6); null without a result or with a target of 0. */
  achievement: number | null;
  /** Where the result would be at an even pace on the report's day: target × the share of the year gone. */
  expected: number;
}

/** The share of a fiscal year gone by the end of a Tokyo day (YYYY-MM-DD): 0 before it, 1 after. */
export function yearShareGone(fiscalYear: number, ymd: string): number {
  const first = Date.parse(`${fiscalYear}-04-01T00:00:00Z`);
  const end = Date.parse(`${fiscalYear + 1}-04-01T00:00:00Z`);
  const dayEnd = Date.parse(`${ymd}T00:00:00Z`) + 86_400_000;
  return Math.min(1, Math.max(0, (dayEnd - first) / (end - first)));
}

/** The KPI lines of the keys with a target, in {@link TARGET_KEYS} order. */
export function kpiLines(targets: FiscalYearTargets, results: Partial<Record<TargetKey, number>>, shareGone: number): Kpi[] {
  return TARGET_KEYS.flatMap((key) => {
    const target = targets[key];
    if (target === undefined) return [];
    const result = results[key] ?? null;
    const achievement = result === null || target === 0 ? null : Math.round((result / target) * 1000) / 10;
    return [{ key, target, result, achievement, expected: Math.round(target * shareGone) }];
  });
}

