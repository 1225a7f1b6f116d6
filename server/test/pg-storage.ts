import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createPgRepositories } from '../src/repositories/pg/index.js';
import { createPgPool } from '../src/repositories/pg/pool.js';
import type { Db } from '../src/db/database.js';
import type { Repositories } from '../src/repositories/types.js';
import { freshPgDatabase } from './postgres-server.js';

/** A test server's PostgreSQL: its repositories, and the pool's end (after the app has closed). */
export interface TestPgStorage {
  repos: Repositories;
  /** Runs SQL with SQLite's `?` placeholders on the test server's database (a test's look at its rows). */
  query(sql: string, params: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

/**
 * Issue 17's matrix: with TSUNAGARI_TEST_STORAGE=pg (the `server-pg` project), a test server keeps
 * its records in a PostgreSQL database of its own, copied from the run's migrated template. Its
 * URL is kept in the test's directory, so a server restarted on the same directory meets the same
 * database, as a restarted relay does. Null otherwise (the SQLite file). The databases go with the
 * run's cluster.
 */
export async function pgStorageFor(dir: string): Promise<TestPgStorage | null> {
  if (process.env.TSUNAGARI_TEST_STORAGE !== 'pg') return null;
  const file = path.join(dir, 'postgres-url');
  let pool;
  if (fs.existsSync(file)) {
    pool = createPgPool(fs.readFileSync(file, 'utf8'), 6);
  } else {
    const fresh = await freshPgDatabase(inject('pgBaseUrl'));
    fs.writeFileSync(file, fresh.url);
    pool = fresh.pool;
  }
  return { repos: createPgRepositories(pool), query: async (sql, params) => {
      let n = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    }, close: () => pool.end() };
}

/**
 * What TSUNAGARI_DB names for a test server's records: its PostgreSQL database's URL in the
 * `server-pg` matrix, or its SQLite file. For a second process or tool opened beside the server.
 */
export function testDatabaseLocation(server: { dir: string; dbPath: string }): string {
  const file = path.join(server.dir, 'postgres-url');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : server.dbPath;
}

/**
 * The test server's `db` when its records are in PostgreSQL: any use throws, so a test that reads
 * the SQLite file directly fails on PostgreSQL instead of reading nothing and passing for it.
 */
export function noSqlite(): Db {
  return new Proxy({} as Db, {
    get(_target, name) {
      throw new Error(`server.db.${String(name)}: this test reads the SQLite file directly; its records are in PostgreSQL (TSUNAGARI_TEST_STORAGE=pg)`);
    },
  });
}
