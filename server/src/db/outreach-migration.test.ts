import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './database.js';
import { migrations } from './migrations.js';

describe('migration to visits done (issue 16)', () => {
  it('makes each done home visit or accompaniment appointment one visit on its Tokyo day, with no band or agency; nothing else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const db = new Database(path.join(dir, 'old.db'));
    const visits = migrations.findIndex((m) => (typeof m === 'string' ? m : m.sql).includes('CREATE TABLE outreach_visit'));
    expect(visits).toBeGreaterThan(0);
    for (const m of migrations.slice(0, visits)) db.exec(typeof m === 'string' ? m : m.sql);
    db.pragma(`user_version = ${visits}`);
    db.exec(`INSERT INTO staff (id, username, display_name, role, status, key_version, created_at) VALUES ('s1', 'sato', '佐藤', 'counselor', 'invited', 1, 't')`);
    db.exec(`INSERT INTO consultation (id, client_token_hash, status, queued_at) VALUES ('c1', 'h', 'ended', 't')`);
    const appointment = db.prepare(`INSERT INTO appointment (id, consultation_id, kind, starts_at, code, status, staff_id, created_at, updated_at)
      VALUES (?, 'c1', ?, ?, ?, ?, 's1', 't', '2026-06-05T09:00:00.000Z')`);
    // 16:00 UTC on 4 June is 5 June in Tokyo.
    appointment.run('a1', 'outreach', '2026-06-04T16:00:00.000Z', 'AAAAAA', 'done');
    appointment.run('a2', 'accompaniment', '2026-06-04T01:00:00.000Z', 'BBBBBB', 'done');
    appointment.run('a3', 'outreach', '2026-06-04T01:00:00.000Z', 'CCCCCC', 'no_show');
    appointment.run('a4', 'interview', '2026-06-04T01:00:00.000Z', 'DDDDDD', 'done');

    expect(migrate(db)).toBe(migrations.length - visits);
    expect(db.prepare('SELECT id, staff_id, kind, day, duration_band, agency, appointment_id, withdrawn_at FROM outreach_visit ORDER BY id').all()).toEqual([
      { id: 'va1', staff_id: 's1', kind: 'outreach', day: '2026-06-05', duration_band: null, agency: null, appointment_id: 'a1', withdrawn_at: null },
      { id: 'va2', staff_id: 's1', kind: 'accompaniment', day: '2026-06-04', duration_band: null, agency: null, appointment_id: 'a2', withdrawn_at: null },
    ]);
    db.close();
    fs.rmSync(dir, { recursive: true });
  });
});
