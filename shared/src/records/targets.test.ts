import { describe, expect, it } from 'vitest';
import { targetsSetSchema } from '../protocol/case-log-schemas.js';
import { kpiLines, yearShareGone } from './targets.js';

describe('targets against results', () => {
  it('reckons the share of the fiscal year gone by the end of a Tokyo day', () => {
    expect(yearShareGone(2022, '2022-03-31')).toBe(0);
    expect(yearShareGone(2022, '2022-04-01')).toBeCloseTo(1 / 365, 6);
    expect(yearShareGone(2022, '2022-09-30')).toBeCloseTo(183 / 365, 6);
    expect(yearShareGone(2022, '2023-03-31')).toBe(1);
    expect(yearShareGone(2022, '2024-01-01')).toBe(1);
  });

  it('gives target, result, achievement to one decimal and the even pace, for the keys with a target only', () => {
    const lines = kpiLines({ accompaniments: 18, homeVisits: 45, distributionSets: 800, mail: 0 }, { homeVisits: 43, accompaniments: 9, mail: 3 }, 0.5);
    expect(lines).toEqual([
      { key: 'homeVisits', target: 45, result: 43, achievement: 95.6, expected: 23 },
      { key: 'accompaniments', target: 18, result: 9, achievement: 50, expected: 9 },
      { key: 'distributionSets', target: 800, result: null, achievement: null, expected: 400 },
      { key: 'mail', target: 0, result: 3, achievement: null, expected: 0 },
    ]);
    expect(kpiLines({ distributionSets: 800 }, { distributionSets: 527 }, 1)[0]?.achievement).toBe(65.9);
  });

  it('refuses unknown keys, negative, fractional and absurd targets', () => {
    expect(targetsSetSchema.safeParse({ fiscalYear: 2022, targets: { homeVisits: 45, phone: 2000 } }).success).toBe(true);
    for (const targets of [{ homeVisits: -1 }, { homeVisits: 4.5 }, { homeVisits: 1_000_000 }, { flyers: 3 }, { homeVisits: '45' }]) {
      expect(targetsSetSchema.safeParse({ fiscalYear: 2022, targets }).success, JSON.stringify(targets)).toBe(false);
    }
  });
});
