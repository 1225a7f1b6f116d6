import type { FiscalYearTargets, HandoffKind, TargetKey } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { YearGoalRepository } from './types.js';

type DoneRow = { kind: HandoffKind; n: number };

/** SQLite targets (migration 15), and the appointments done that the targets are measured against. */
export function createSqliteYearGoals(db: Db): YearGoalRepository {
  const s = {
    clear: db.prepare('DELETE FROM fiscal_target WHERE fiscal_year = ?'),
    put: db.prepare('INSERT INTO fiscal_target (fiscal_year, key, value) VALUES (?, ?, ?)'),
    get: db.prepare('SELECT key, value FROM fiscal_target WHERE fiscal_year = ?'),
    // Done (済み) appointments by the time they were for: the visit happened in that year.
    done: db.prepare(`SELECT kind, COUNT(*) AS n FROM appointment WHERE status = 'done' AND starts_at >= ? AND starts_at < ? GROUP BY kind`),
    // Those the retention purge already deleted, tallied by the purge (retention.ts).
    purged: db.prepare('SELECT kind, n FROM handoff_done WHERE fiscal_year = ?'),
  };
  const set = db.transaction((fiscalYear: number, targets: FiscalYearTargets) => {
    s.clear.run(fiscalYear);
    for (const [key, value] of Object.entries(targets)) if (value !== undefined) s.put.run(fiscalYear, key, value);
  });
  return {
    setTargets: (fiscalYear, targets) => set(fiscalYear, targets),
    targets: (fiscalYear) =>
      Object.fromEntries((s.get.all(fiscalYear) as { key: TargetKey; value: number }[]).map((r) => [r.key, r.value])) as FiscalYearTargets,
    doneByKind: (fiscalYear, fromIso, toIso) => {
      const done: Partial<Record<HandoffKind, number>> = {};
      const rows = [...(s.done.all(fromIso, toIso) as DoneRow[]), ...(s.purged.all(fiscalYear) as DoneRow[])];
      for (const r of rows) done[r.kind] = (done[r.kind] ?? 0) + r.n;
      return done;
    },
  };
}
