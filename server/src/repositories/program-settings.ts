import { type ProgramContacts, type ProgramSettings, programSettingsSchema } from '@tsunagari/shared';
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
  // The phone and mail as seeded (test servers start with none) or saved; absent in rows from before.
  contacts: z.strictObject({ phone: z.string(), mail: z.string() }).optional(),
});

/** The row's JSON: the settings, with the phone and mail beside them when known. */
export const rowJson = (settings: ProgramSettings, contacts: ProgramContacts | undefined): string => JSON.stringify(contacts ? { ...settings, contacts } : settings);

/**
 * SQLite program settings (issue 16's migration): one row of JSON (the phone and mail ride in
 * it under `contacts`, so no migration was needed for them). Read back through the same
 * schema that checked it on the way in, so a hand-edited row that no longer fits is refused at
 * start rather than half applied.
 */
export function createSqliteProgramSettings(db: Db): ProgramSettingsRepository {
  const s = {
    get: db.prepare('SELECT settings FROM program_settings WHERE id = 1'),
    put: db.prepare('INSERT INTO program_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at'),
    seed: db.prepare('INSERT INTO program_settings (id, settings, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING'),
  };
  const stored = () => {
    const row = s.get.get() as { settings: string } | undefined;
    return row ? storedSchema.parse(JSON.parse(row.settings)) : null;
  };
  // Read and write in one transaction, so a save without contacts keeps the ones stored.
  const put = db.transaction((settings: ProgramSettings, updatedAt: string, contacts: ProgramContacts | undefined) => {
    s.put.run(rowJson(settings, contacts ?? stored()?.contacts), updatedAt);
  });
  return promised<ProgramSettingsRepository>({
    get: () => {
      const row = stored();
      if (!row) return null;
      const { contacts: _contacts, ...settings } = row;
      return settings;
    },
    put: (settings: ProgramSettings, updatedAt: string, contacts?: ProgramContacts) => put.immediate(settings, updatedAt, contacts),
    seed: (settings: ProgramSettings, updatedAt: string, contacts?: ProgramContacts) => s.seed.run(rowJson(settings, contacts), updatedAt).changes === 1,
    contacts: () => stored()?.contacts ?? null,
  });
}
