import type { FiscalYearTargets, TargetKey, VisitKind } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { YearGoalRepository } from './types.js';
import { promised } from './promised.js';

type DoneRow = { kind: VisitKind; n: number };

/** SQLite targets (migration 15), and the visits the retention purge tallied before visits were rows. */
export function createSqliteYearGoals(db: Db): YearGoalRepository {
  const s = {
    clear: db.prepare('DELETE FROM fiscal_target WHERE fiscal_year = ?'),
    put: db.prepare('INSERT INTO fiscal_target (fiscal_year, key, value) VALUES (?, ?, ?)'),
    get: db.prepare('SELECT key, value FROM fiscal_target WHERE fiscal_year = ?'),
    // Done visit appointments the retention purge deleted before visits were kept as rows (issue
    // 16's outreach_visit migration); since then it tallies no visit kind here.
    purged: db.prepare("SELECT kind, n FROM handoff_done WHERE fiscal_year = ? AND kind IN ('outreach', 'accompaniment')"),
  };
  const set = db.transaction((fiscalYear: number, targets: FiscalYearTargets) => {
    s.clear.run(fiscalYear);
    for (const [key, value] of Object.entries(targets)) if (value !== undefined) s.put.run(fiscalYear, key, value);
  });
  return promised<YearGoalRepository>({
    setTargets: (fiscalYear, targets) => set(fiscalYear, targets),
    targets: (fiscalYear) =>
      Object.fromEntries((s.get.all(fiscalYear) as { key: TargetKey; value: number }[]).map((r) => [r.key, r.value])) as FiscalYearTargets,
    purgedVisits: (fiscalYear) => Object.fromEntries((s.purged.all(fiscalYear) as DoneRow[]).map((r) => [r.kind, r.n])),
  });
}
