import { DEMAND_PER_CALLER_PER_DAY, type DemandDay, type DemandKind } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import type { DemandRepository } from '../repositories/types.js';
import { DemandCounter } from './demand.js';

/** The repository's contract in memory: a number per day and kind. */
function memoryRepo(): DemandRepository & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    add: async (day: string, kind: DemandKind) => void counts.set(`${day} ${kind}`, (counts.get(`${day} ${kind}`) ?? 0) + 1),
    between: async (from: string, to: string) => {
      const days = new Map<string, DemandDay>();
      for (const [key, n] of counts) {
        const [day, kind] = key.split(' ') as [string, DemandKind];
        if (day < from || day > to) continue;
        const d = days.get(day) ?? { day, opened: 0, closed: 0, refused: 0 };
        d[kind] += n;
        days.set(day, d);
      }
      return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
    },
  };
}

function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
}

describe('per-day demand counters', () => {
  it('counts by the Tokyo day: 23:59:59 and midnight in Tokyo fall on two days', async () => {
    const repo = memoryRepo();
    const clock = clockAt('2026-05-01T23:59:59+09:00');
    const demand = new DemandCounter(repo, clock);
    expect(await demand.count('opened', 'a')).toBe(true);
    clock.set('2026-05-02T00:00:00+09:00'); // 2026-05-01T15:00Z: still 1 May in UTC
    expect(await demand.count('opened', 'a')).toBe(true);
    expect(await demand.count('closed', 'a')).toBe(true);
    expect(await repo.between('2026-05-01', '2026-05-02')).toEqual([
      { day: '2026-05-01', opened: 1, closed: 0, refused: 0 },
      { day: '2026-05-02', opened: 1, closed: 1, refused: 0 },
    ]);
    expect(await demand.today()).toEqual({ day: '2026-05-02', opened: 1, closed: 1, refused: 0 });
  });

  it('counts one caller network at most its share a day per kind, and gives it a new share the next Tokyo day', async () => {
    const repo = memoryRepo();
    const clock = clockAt('2026-05-01T09:00:00+09:00');
    const demand = new DemandCounter(repo, clock);
    // All at once: the share is taken before the write's await, so none slips past it.
    const results = await Promise.all(Array.from({ length: DEMAND_PER_CALLER_PER_DAY + 5 }, () => demand.count('opened', 'script')));
    expect(results.filter(Boolean)).toHaveLength(DEMAND_PER_CALLER_PER_DAY);
    // Another network and another kind have their own shares.
    expect(await demand.count('opened', 'her')).toBe(true);
    expect(await demand.count('refused', 'script')).toBe(true);
    expect(await demand.today()).toEqual({ day: '2026-05-01', opened: DEMAND_PER_CALLER_PER_DAY + 1, closed: 0, refused: 1 });
    clock.set('2026-05-02T00:00:00+09:00');
    expect(await demand.count('opened', 'script')).toBe(true);
    expect(await demand.today()).toEqual({ day: '2026-05-02', opened: 1, closed: 0, refused: 0 });
  });

  it('stores nothing but the day, the kind and the number', async () => {
    const repo = memoryRepo();
    await new DemandCounter(repo, clockAt('2026-05-01T09:00:00+09:00')).count('refused', 'caller-key-xyz');
    expect([...repo.counts.entries()]).toEqual([['2026-05-01 refused', 1]]);
  });
});
