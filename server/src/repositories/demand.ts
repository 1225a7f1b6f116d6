import { DEMAND_KINDS, type DemandDay, type DemandKind } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { DemandRepository } from './types.js';
import { promised } from './promised.js';

/** SQLite per-day demand counters (issue 16's migration `demand_day`): a day, a kind, a number. */
export function createSqliteDemand(db: Db): DemandRepository {
  const s = {
    add: db.prepare('INSERT INTO demand_day (day, kind, n) VALUES (?, ?, 1) ON CONFLICT (day, kind) DO UPDATE SET n = n + 1'),
    between: db.prepare('SELECT day, kind, n FROM demand_day WHERE day >= ? AND day <= ? ORDER BY day'),
  };
  return promised<DemandRepository>({
    add: (day, kind) => void s.add.run(day, kind),
    between: (fromDay, toDay) => {
      const days = new Map<string, DemandDay>();
      for (const r of s.between.all(fromDay, toDay) as { day: string; kind: string; n: number }[]) {
        if (!(DEMAND_KINDS as readonly string[]).includes(r.kind)) continue;
        let d = days.get(r.day);
        if (!d) days.set(r.day, (d = { day: r.day, opened: 0, closed: 0, refused: 0 }));
        d[r.kind as DemandKind] += r.n;
      }
      return [...days.values()];
    },
  });
}
