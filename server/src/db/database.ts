import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Migration, migrations } from './migrations.js';

export type Db = Database.Database;

/** The relay connection's page cache, in SQLite's negative-KiB form (−2,000: about 2 MB). */
export const PAGE_CACHE_KIB = -2000;

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 * `synchronous = NORMAL` in WAL keeps every committed transaction across a process crash;
 * only a power loss can drop the last few, which the design accepts for a relay.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // Before the first table exists, this sets a new file's mode with no VACUUM (migration 13 runs one for older files).
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // Deleted rows are overwritten with zeros, not left in free pages (DESIGN "Records").
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // SQLite's own default page cache (2 MB) instead of better-sqlite3's 16 MB. When an index leaf
  // splits, SQLite borrows a page number past the file's end, and the commit after it then walks
  // every bucket of the page cache's hash (a processor cache miss a cached page): with 16 MB (4,096 pages)
  // that walk was ~3 µs of every message's CPU in the relay, more than the page reads a smaller
  // cache adds (served from the kernel's page cache). docs/performance.md, "Relay CPU, fourth pass".
  db.pragma(`cache_size = ${PAGE_CACHE_KIB}`);
  migrate(db);
  return db;
}

/**
 * Applies the migrations not yet applied, each in its own transaction. One that rebuilds a
 * referenced table runs with foreign keys off (the pragma has no effect inside a transaction, so
 * it is set around it) and commits only if `foreign_key_check` finds nothing broken.
 */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < migrations.length; i++) {
    const migration = migrations[i] as Migration;
    if (typeof migration !== 'string' && 'outsideTransaction' in migration) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${i + 1}`);
      continue;
    }
    const rebuild = typeof migration !== 'string';
    const sql = typeof migration === 'string' ? migration : migration.sql;
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(sql);
        if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`migration ${i + 1} broke a foreign key`);
        db.pragma(`user_version = ${i + 1}`);
      })();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
  }
  return migrations.length - current;
}
