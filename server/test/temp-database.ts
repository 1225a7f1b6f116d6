import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../src/db/database.js';

/**
 * For unit tests that need a real SQLite file: returns a function that opens a fresh, migrated
 * database in a temporary directory; it is closed and deleted after each test.
 */
export function tempDatabases(prefix: string): () => Db {
  let opened: { db: Db; dir: string } | null = null;
  afterEach(() => {
    if (!opened) return;
    opened.db.close();
    fs.rmSync(opened.dir, { recursive: true, force: true });
    opened = null;
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsunagari-${prefix}-`));
    opened = { db: openDatabase(path.join(dir, 'test.db')), dir };
    return opened.db;
  };
}
