import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, PAGE_CACHE_KIB } from './database.js';
import { migrations } from './migrations.js';

describe('database', () => {
  it('creates the file in WAL mode, migrates once, and reopening changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const file = path.join(dir, 'nested', 'x.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // SQLite's own 2 MB page cache, not better-sqlite3's 16 MB (issue 12: the walk after a split).
    expect(db.pragma('cache_size', { simple: true })).toBe(PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBe(-2000);
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

describe('migration to key epochs', () => {
  it('keeps every message as epoch 0, lets seq start again in a new epoch, and keeps the newest grant per staff member', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const db = new Database(path.join(dir, 'old.db'));
    // A file from before issue 13 (7 migrations): the staff migration (8) and the epochs (9) both run.
    const epochs = migrations.findIndex((m) => (typeof m === 'string' ? m : m.sql).includes('message_v9'));
    expect(epochs).toBeGreaterThan(7);
    for (const sql of migrations.slice(0, 7)) db.exec(sql as string);
    db.pragma('user_version = 7');
    db.exec(`INSERT INTO staff (id, username, display_name, role, kdf_salt, kdf_opslimit, kdf_memlimit, auth_hash, box_public_key, sign_public_key, wrapped_secret_keys, org_signature, created_at)
      VALUES ('s1', 'sato', '佐藤', 'counselor', 'x', 1, 1, 'x', 'x', 'x', 'x', 'x', 't')`);
    db.exec(`INSERT INTO consultation (id, client_token_hash, status, queued_at) VALUES ('c1', 'h', 'active', 't')`);
    db.exec(`INSERT INTO message (id, consultation_id, sender_role, seq, nonce, ciphertext, sent_at) VALUES
      (5, 'c1', 'client', 1, 'n', 'one', 't'), (9, 'c1', 'counselor', 1, 'n', 'two', 't')`);
    db.exec(`INSERT INTO key_grant (consultation_id, staff_id, sealed_key, granted_by, granted_at) VALUES
      ('c1', 's1', 'older', 'client', 't1'), ('c1', 's1', 'newer', 'client', 't2')`);

    expect(migrate(db)).toBe(migrations.length - 7);
    expect(db.prepare('SELECT id, sender_role, key_epoch, seq, ciphertext FROM message ORDER BY id').all()).toEqual([
      { id: 5, sender_role: 'client', key_epoch: 0, seq: 1, ciphertext: 'one' },
      { id: 9, sender_role: 'counselor', key_epoch: 0, seq: 1, ciphertext: 'two' },
    ]);
    const insert = db.prepare(`INSERT INTO message (consultation_id, sender_role, key_epoch, seq, nonce, ciphertext) VALUES ('c1', 'client', ?, 1, 'n', 'x')`);
    expect(() => insert.run(0)).toThrow(/UNIQUE/);
    expect(insert.run(1).changes).toBe(1);
    expect(db.prepare('SELECT key_epoch, sealed_key FROM key_grant').all()).toEqual([{ key_epoch: 0, sealed_key: 'newer' }]);
    db.close();
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
