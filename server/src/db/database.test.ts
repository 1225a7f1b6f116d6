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

describe('migration to key epochs', () => {
  it('keeps every message as epoch 0, lets seq start again in a new epoch, and keeps the newest grant per staff member', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-db-'));
    const db = new Database(path.join(dir, 'old.db'));
    const epochs = migrations.findIndex((m) => m.includes('message_v8'));
    expect(epochs).toBeGreaterThan(0);
    for (const sql of migrations.slice(0, epochs)) db.exec(sql);
    db.pragma(`user_version = ${epochs}`);
    db.exec(`INSERT INTO staff (id, username, display_name, role, kdf_salt, kdf_opslimit, kdf_memlimit, auth_hash, box_public_key, sign_public_key, wrapped_secret_keys, org_signature, created_at)
      VALUES ('s1', 'sato', '佐藤', 'counselor', 'x', 1, 1, 'x', 'x', 'x', 'x', 'x', 't')`);
    db.exec(`INSERT INTO consultation (id, client_token_hash, status, queued_at) VALUES ('c1', 'h', 'active', 't')`);
    db.exec(`INSERT INTO message (id, consultation_id, sender_role, seq, nonce, ciphertext, sent_at) VALUES
      (5, 'c1', 'client', 1, 'n', 'one', 't'), (9, 'c1', 'counselor', 1, 'n', 'two', 't')`);
    db.exec(`INSERT INTO key_grant (consultation_id, staff_id, sealed_key, granted_by, granted_at) VALUES
      ('c1', 's1', 'older', 'client', 't1'), ('c1', 's1', 'newer', 'client', 't2')`);

    expect(migrate(db)).toBe(migrations.length - epochs);
    expect(db.prepare('SELECT id, sender_role, key_epoch, seq, ciphertext FROM message ORDER BY id').all()).toEqual([
      { id: 5, sender_role: 'client', key_epoch: 0, seq: 1, ciphertext: 'one' },
      { id: 9, sender_role: 'counselor', key_epoch: 0, seq: 1, ciphertext: 'two' },
    ]);
    const insert = db.prepare(`INSERT INTO message (consultation_id, sender_role, key_epoch, seq, nonce, ciphertext, sent_at) VALUES ('c1', 'client', ?, 1, 'n', 'x', 't')`);
    expect(() => insert.run(0)).toThrow(/UNIQUE/);
    expect(insert.run(1).changes).toBe(1);
    expect(db.prepare('SELECT key_epoch, sealed_key FROM key_grant').all()).toEqual([{ key_epoch: 0, sealed_key: 'newer' }]);
    db.close();
    fs.rmSync(dir, { recursive: true });
  });
});
