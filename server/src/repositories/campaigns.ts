import type { Campaign } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { CampaignRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

/** SQLite: the admin's list of campaigns. */
export function createSqliteCampaigns(db: Db): CampaignRepository {
  const s = {
    all: db.prepare('SELECT name, label, active, updated_at FROM campaign ORDER BY name'),
    save: db.prepare(`INSERT INTO campaign (name, label, active, updated_at) VALUES (@name, @label, @active, @updatedAt)
      ON CONFLICT (name) DO UPDATE SET label = excluded.label, active = excluded.active, updated_at = excluded.updated_at`),
  };
  return promised<CampaignRepository>({
    all: () =>
      (s.all.all() as Row[]).map(
        (r): Campaign => ({ name: r.name as string, label: r.label as string, active: r.active === 1, updatedAt: r.updated_at as string }),
      ),
    save: (c) => void s.save.run({ ...c, active: c.active ? 1 : 0 }),
  });
}
