import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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

describe('migration 8: staff enrol in their browsers, statements signed offline', () => {
  it('keeps every staff id (chats still name them), makes pre-statement staff invited with no link, and ends their sessions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const db = new Database(path.join(dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    for (const [i, m] of migrations.slice(0, 7).entries()) {
      db.exec(m as string);
      db.pragma(`user_version = ${i + 1}`);
    }
    db.prepare(`INSERT INTO staff (id, username, display_name, role, kdf_salt, kdf_opslimit, kdf_memlimit, auth_hash, box_public_key,
      sign_public_key, wrapped_secret_keys, org_signature, capacity, created_at, routing_status)
      VALUES ('staff-1', 'sato', '佐藤', 'counselor', 's', 2, 67108864, 'h', 'b', 'p', 'w', 'sig', 4, '2026-01-01T00:00:00Z', 'available')`).run();
    db.prepare(`INSERT INTO consultation (id, client_token_hash, status, queued_at, assigned_staff_id, assigned_at)
      VALUES ('c-1', 'x', 'active', '2026-01-01T00:00:00Z', 'staff-1', '2026-01-01T00:01:00Z')`).run();
    db.prepare("INSERT INTO staff_session (token_hash, staff_id, created_at, expires_at) VALUES ('t', 'staff-1', 'a', 'b')").run();

    expect(migrate(db)).toBe(migrations.length - 7);
    expect(db.prepare('SELECT id, username, display_name, role, status, key_version, auth_hash, box_public_key, statement, invite_token_hash, capacity, routing_status FROM staff').all()).toEqual([
      { id: 'staff-1', username: 'sato', display_name: '佐藤', role: 'counselor', status: 'invited', key_version: 1, auth_hash: null, box_public_key: null, statement: null, invite_token_hash: null, capacity: 4, routing_status: 'away' },
    ]);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('staff')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('org_signature');
    expect(db.prepare('SELECT COUNT(*) AS n FROM staff_session').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The consultation still names her, and the reference is enforced against the rebuilt table.
    expect(() => db.prepare("UPDATE consultation SET assigned_staff_id = 'nobody' WHERE id = 'c-1'").run()).toThrow(/FOREIGN KEY/);
    // The new rules hold: an active account needs a statement.
    expect(() => db.prepare("UPDATE staff SET status = 'active' WHERE id = 'staff-1'").run()).toThrow(/CHECK/);
    db.close();
    fs.rmSync(dir, { recursive: true });
  });
});
