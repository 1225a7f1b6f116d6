import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database.js';
import { migrations } from './migrations.js';

describe('database', () => {
  it('creates the file in WAL mode, migrates once, and reopening changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const file = path.join(dir, 'nested', 'x.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db)).toBe(0);
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    const columns = (again.prepare("SELECT name FROM pragma_table_info('consultation')").all() as { name: string }[]).map((c) => c.name);
    expect(columns.some((c) => /ip|agent|addr/i.test(c))).toBe(false);
    again.close();
    fs.rmSync(dir, { recursive: true });
  });
});
