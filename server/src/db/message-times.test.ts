import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './database.js';
import { migrations } from './migrations.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database file as it was just before the message times left it: every migration up to `upTo`, with openDatabase's pragmas. */
function fileBefore(upTo: number): { db: Database.Database; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-times-'));
  dirs.push(dir);
  const file = path.join(dir, 'old.db');
  const db = new Database(file);
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  for (const m of migrations.slice(0, upTo)) db.exec(typeof m === 'string' ? m : m.sql);
  db.pragma(`user_version = ${upTo}`);
  return { db, file };
}

describe('issue 15: the relay keeps no message times', () => {
  it('drops sent_at from stored messages, keeps every row in its order, and leaves none of the old times in the file or the WAL', () => {
    const drop = migrations.findIndex((m) => typeof m === 'string' && m.includes('DROP COLUMN sent_at'));
    expect(drop).toBeGreaterThan(0);
    const { db, file } = fileBefore(drop);
    db.exec(`INSERT INTO consultation (id, client_token_hash, status, queued_at) VALUES ('c1', 'h', 'ended', '2026-11-30T13:00:00.000Z')`);
    const insert = db.prepare(`INSERT INTO message (id, consultation_id, sender_role, key_epoch, seq, nonce, ciphertext, sent_at) VALUES (?, 'c1', ?, 0, ?, 'n', ?, ?)`);
    insert.run(4, 'client', 1, 'one', '2026-11-30T13:05:09.123Z');
    insert.run(7, 'counselor', 1, 'two', '2026-11-30T13:06:41.987Z');
    insert.run(8, 'client', 2, 'three', '2026-11-30T13:07:13.456Z');

    migrate(db);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('message')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('sent_at');
    expect(columns.filter((c) => /_at$/.test(c))).toEqual([]);
    expect(db.prepare('SELECT id, sender_role, seq, ciphertext FROM message ORDER BY id').all()).toEqual([
      { id: 4, sender_role: 'client', seq: 1, ciphertext: 'one' },
      { id: 7, sender_role: 'counselor', seq: 1, ciphertext: 'two' },
      { id: 8, sender_role: 'client', seq: 2, ciphertext: 'three' },
    ]);

    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    for (const t of ['13:05:09.123', '13:06:41.987', '13:07:13.456']) expect(bytes.includes(Buffer.from(t)), t).toBe(false);
  });
});
