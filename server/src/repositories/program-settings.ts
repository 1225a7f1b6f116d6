import { type ProgramSettings, programSettingsSchema } from '@tsunagari/shared';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { ProgramSettingsRepository } from './types.js';
import { promised } from './promised.js';

/**
 * What a stored row may hold: the admin's schema, except that the timings seeded from the
 * environment on the first start may be any positive number of seconds (test servers use
 * fractions of a second, below what an admin may set).
 */
export const storedSchema = programSettingsSchema.extend({
  offerTimeoutSeconds: z.number().positive(),
  clientGraceSeconds: z.number().positive(),
  counselorGraceSeconds: z.number().positive(),
  retentionDays: z.number().int().min(1),
});

/**
 * SQLite program settings (issue 16's migration): one row of JSON. Read back through the same
 * schema that checked it on the way in, so a hand-edited row that no longer fits is refused at
 * start rather than half applied.
 */
export function createSqliteProgramSettings(db: Db): ProgramSettingsRepository {
  const s = {
    get: db.prepare('SELECT settings FROM program_settings WHERE id = 1'),
    put: db.prepare('INSERT INTO program_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at'),
    seed: db.prepare('INSERT INTO program_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING'),
  };
  return promised<ProgramSettingsRepository>({
    get: () => {
      const row = s.get.get() as { settings: string } | undefined;
      return row ? storedSchema.parse(JSON.parse(row.settings)) : null;
    },
    put: (settings: ProgramSettings, updatedAt: string) => void s.put.run(JSON.stringify(settings), updatedAt),
    seed: (settings: ProgramSettings, updatedAt: string) => s.seed.run(JSON.stringify(settings), updatedAt).changes === 1,
  });
}
