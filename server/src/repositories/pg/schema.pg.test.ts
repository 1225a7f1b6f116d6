import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshPgDatabase } from '../../../test/postgres-server.js';
import { openDatabase } from '../../db/database.js';
import { migratePg, pgMigrations } from './migrations.js';
import { createPgPool } from './pool.js';

type Column = { table: string; column: string; type: string; notNull: boolean };

/** SQLite's declared types as PostgreSQL's twin spells them. */
const TWIN_TYPE: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea' };

/** The final SQLite schema, read from a freshly migrated file's catalogue. */
function sqliteSchema(): { columns: Column[]; indexes: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-schema-'));
  const db = openDatabase(path.join(dir, 'schema.db'));
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const columns = tables.flatMap((table) =>
      (db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[]).map((c) => ({
        table,
        column: c.name,
        type: TWIN_TYPE[c.type] ?? c.type,
        // A primary key column holds no NULL (SQLite's INTEGER PRIMARY KEY is the rowid).
        notNull: c.notnull === 1 || c.pk > 0,
      })),
    );
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string }[]).map((i) => i.name);
    return { columns, indexes };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const byName = (a: Column, b: Column) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);

describe('the PostgreSQL schema', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => {
    db = await freshPgDatabase(inject('pgBaseUrl'));
  });
  afterAll(() => db?.drop());

  // A SQLite migration without its PostgreSQL twin (or the other way round) fails here.
  it('has the tables, columns (type, NOT NULL) and indexes of the SQLite schema', async () => {
    const sqlite = sqliteSchema();
    const { rows } = await db.pool.query<{ table: string; column: string; type: string; nullable: string }>(
      `SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    // PostgreSQL's rowid columns are SQLite's implicit rowid (insertion order), which table_info does not list.
    const pgColumns = rows.filter((r) => r.column !== 'rowid').map((r) => ({ table: r.table, column: r.column, type: r.type, notNull: r.nullable === 'NO' }));
    expect(pgColumns.sort(byName)).toEqual(sqlite.columns.sort(byName));
    const indexes = await db.pool.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'");
    expect(indexes.rows.map((i) => i.name).sort()).toEqual(sqlite.indexes.sort());
  });
});

describe('PostgreSQL migrations', () => {
  it('applied once when two nodes start at once, and not again', async () => {
    const empty = await freshPgDatabase(inject('pgBaseUrl'), 'template0');
    const other = createPgPool(empty.url, 2);
    try {
      const applied = await Promise.all([migratePg(empty.pool), migratePg(other)]);
      expect(applied.sort()).toEqual([0, pgMigrations.length]);
      expect(await migratePg(other)).toBe(0);
      const { rows } = await empty.pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(pgMigrations.map((_, i) => i + 1));
    } finally {
      await other.end();
      await empty.drop();
    }
  });
});
