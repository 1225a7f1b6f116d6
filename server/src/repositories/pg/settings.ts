import { DEMAND_KINDS, type Campaign, type DemandDay, type DemandKind, type FiscalYearTargets } from '@tsunagari/shared';
import type pg from 'pg';
import type { Async } from '../async.js';
import { storedSchema } from '../program-settings.js';
import type { ResumeCodeRepository } from '../resume.js';
import type { ServerSecretRepository } from '../server-secrets.js';
import type { CampaignRepository, DemandRepository, ProgramSettingsRepository, YearGoalRepository } from '../types.js';
import { all, changes, inTransaction, one } from './pool.js';

/** PostgreSQL: the admin's campaigns, the demand counters, the program settings and a year's targets. */
export function createPgSettings(pool: pg.Pool): {
  campaigns: Async<CampaignRepository>;
  demand: Async<DemandRepository>;
  programSettings: Async<ProgramSettingsRepository>;
  yearGoals: Async<YearGoalRepository>;
} {
  return {
    campaigns: {
      all: async () =>
        (await all(pool, 'SELECT name, label, active, updated_at FROM campaign ORDER BY name')).map(
          (r): Campaign => ({ name: r.name as string, label: r.label as string, active: r.active === 1, updatedAt: r.updated_at as string }),
        ),
      save: async (c) =>
        void (await pool.query(`INSERT INTO campaign (name, label, active, updated_at) VALUES ($1, $2, $3, $4)
          ON CONFLICT (name) DO UPDATE SET label = excluded.label, active = excluded.active, updated_at = excluded.updated_at`, [c.name, c.label, c.active ? 1 : 0, c.updatedAt])),
    },
    demand: {
      // One statement: two nodes counting the same day at once both count.
      add: async (day, kind) => void (await pool.query('INSERT INTO demand_day (day, kind, n) VALUES ($1, $2, 1) ON CONFLICT (day, kind) DO UPDATE SET n = demand_day.n + 1', [day, kind])),
      between: async (fromDay, toDay) => {
        const days = new Map<string, DemandDay>();
        for (const r of await all(pool, 'SELECT day, kind, n FROM demand_day WHERE day >= $1 AND day <= $2 ORDER BY day, kind', [fromDay, toDay])) {
          if (!(DEMAND_KINDS as readonly string[]).includes(r.kind as string)) continue;
          let d = days.get(r.day as string);
          if (!d) days.set(r.day as string, (d = { day: r.day as string, opened: 0, closed: 0, refused: 0 }));
          d[r.kind as DemandKind] += r.n as number;
        }
        return [...days.values()];
      },
    },
    programSettings: {
      // Read back through the schema that checked it on the way in (a hand-edited row is refused at start).
      get: async () => {
        const r = await one(pool, 'SELECT settings FROM program_settings WHERE id = 1');
        return r ? storedSchema.parse(JSON.parse(r.settings as string)) : null;
      },
      put: async (settings, updatedAt) =>
        void (await pool.query('INSERT INTO program_settings (id, settings, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at', [
          JSON.stringify(settings), updatedAt,
        ])),
      seed: async (settings, updatedAt) =>
        (await changes(pool, 'INSERT INTO program_settings (id, settings, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [JSON.stringify(settings), updatedAt])) === 1,
    },
    yearGoals: {
      setTargets: (fiscalYear, targets) =>
        inTransaction(pool, async (client) => {
          await client.query('DELETE FROM fiscal_target WHERE fiscal_year = $1', [fiscalYear]);
          for (const [key, value] of Object.entries(targets)) {
            if (value !== undefined) await client.query('INSERT INTO fiscal_target (fiscal_year, key, value) VALUES ($1, $2, $3)', [fiscalYear, key, value]);
          }
        }),
      targets: async (fiscalYear) =>
        Object.fromEntries((await all(pool, 'SELECT key, value FROM fiscal_target WHERE fiscal_year = $1', [fiscalYear])).map((r) => [r.key, r.value])) as FiscalYearTargets,
      purgedVisits: async (fiscalYear) =>
        Object.fromEntries((await all(pool, "SELECT kind, n FROM handoff_done WHERE fiscal_year = $1 AND kind IN ('outreach', 'accompaniment')", [fiscalYear])).map((r) => [r.kind, r.n])),
    },
  };
}

/** PostgreSQL resume codes: a hash of the lookup value and her wrapped key, one live code per consultation. */
export function createPgResumeCodes(pool: pg.Pool): Async<ResumeCodeRepository> {
  return {
    upsert: async (r) =>
      void (await pool.query(`INSERT INTO resume_code (consultation_id, lookup_hash, wrapped_key, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (consultation_id) DO UPDATE SET lookup_hash = excluded.lookup_hash, wrapped_key = excluded.wrapped_key,
          created_at = excluded.created_at, expires_at = excluded.expires_at`, [r.consultationId, r.lookupHash, r.wrappedKey, r.createdAt, r.expiresAt])),
    live: async (hash, now) => {
      const r = await one(pool, 'SELECT * FROM resume_code WHERE lookup_hash = $1 AND expires_at > $2', [hash, now]);
      return r
        ? { consultationId: r.consultation_id as string, lookupHash: r.lookup_hash as string, wrappedKey: r.wrapped_key as string, createdAt: r.created_at as string, expiresAt: r.expires_at as string }
        : null;
    },
    revoke: async (consultationId) => void (await pool.query('DELETE FROM resume_code WHERE consultation_id = $1', [consultationId])),
    purgeExpired: (now) => changes(pool, 'DELETE FROM resume_code WHERE expires_at <= $1', [now]),
  };
}

/** PostgreSQL server secrets: made once; of two nodes racing, both read back the one stored first. */
export function createPgServerSecrets(pool: pg.Pool): Async<ServerSecretRepository> {
  const read = async (name: string) => (await one(pool, 'SELECT value FROM server_secret WHERE name = $1', [name]))?.value as Buffer | undefined;
  return {
    getOrCreate: async (name, make) => {
      const found = await read(name);
      if (found) return new Uint8Array(found);
      await pool.query('INSERT INTO server_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, Buffer.from(make())]);
      return new Uint8Array((await read(name)) as Buffer);
    },
  };
}
