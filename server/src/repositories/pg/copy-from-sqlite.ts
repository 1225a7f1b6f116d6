import type { PoolClient } from 'pg';
import type { Db } from '../../db/database.js';
import { applyPgMigrations } from './migrations.js';
import { all } from './pool.js';

/** One table moved: its name and how many rows it holds on both sides. */
export interface TableCopied {
  table: string;
  rows: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_PARAMS = 30_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The SQLite file's tables and their columns, from its own catalogue. */
function sqliteTables(source: Db): Map<string, string[]> {
  const names = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[];
  return new Map(names.map(({ name }) => [name, (source.pragma(`table_info(${quote(name)})`) as { name: string }[]).map((c) => c.name)]));
}

/** PostgreSQL's tables (the relay's bookkeeping aside), their columns and identity columns. */
async function pgTables(client: PoolClient): Promise<Map<string, { columns: string[]; identity: string[] }>> {
  const rows = await all(
    client,
    `SELECT table_name AS t, column_name AS c, is_identity AS i FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, { columns: string[]; identity: string[] }>();
  for (const r of rows) {
    const entry = tables.get(r.t as string) ?? { columns: [], identity: [] };
    entry.columns.push(r.c as string);
    if (r.i === 'YES') entry.identity.push(r.c as string);
    tables.set(r.t as string, entry);
  }
  return tables;
}

/** The tables in an order that puts every referenced table before the tables referring to it. */
async function parentsFirst(client: PoolClient, tables: string[]): Promise<string[]> {
  const edges = await all(
    client,
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
  const parents = new Map(tables.map((t) => [t, new Set(edges.filter((e) => e.child === t && e.parent !== t).map((e) => e.parent as string))]));
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.find((t) => !ordered.includes(t) && [...(parents.get(t) ?? [])].every((p) => ordered.includes(p)));
    if (!ready) throw new Error('the PostgreSQL schema has a cycle of foreign keys; the copy does not know which table goes first');
    ordered.push(ready);
  }
  return ordered;
}

/** Copies one table's rows in batches, keeping SQLite's rowid where PostgreSQL keeps one (insertion order). */
async function copyTable(source: Db, client: PoolClient, table: string, columns: string[], identity: boolean): Promise<void> {
  const select = columns.map(quote).join(', ');
  const order = columns.includes('rowid') ? ' ORDER BY rowid' : '';
  const insert = `INSERT INTO ${quote(table)} (${select})${identity ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
  const perBatch = Math.max(1, Math.floor(BATCH_PARAMS / columns.length));
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    let n = 0;
    const values = batch.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
    await client.query(insert + values, batch.flat());
    batch = [];
  };
  for (const row of source.prepare(`SELECT ${select} FROM ${quote(table)}${order}`).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
}

/**
 * Moves a SQLite deployment's records into an EMPTY PostgreSQL database (issue 17), on one
 * client inside a transaction the caller began and commits: migrates it, copies every table, and
 * checks each table's row count against the file before returning. Driven by both catalogues, not
 * a list: a table one side has and the other lacks stops the copy, so none is left behind. A
 * database with any table in it is refused (it may be a relay's live records).
 *
 * Tables the migrations fill themselves (the staff_change counter) are copied last, after the
 * deferred triggers the other inserts queued have fired on the seeded row: they end as the file had them.
 */
export async function copySqliteToPg(source: Db, client: PoolClient): Promise<TableCopied[]> {
  const present = await all(client, 'SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
  if (present.length > 0) {
    throw new Error(`the PostgreSQL database is not empty (it has ${present.length} tables, e.g. ${present[0]?.t as string}); name a new, empty database (createdb)`);
  }
  await applyPgMigrations(client);
  const file = sqliteTables(source);
  const target = await pgTables(client);
  const onlyFile = [...file.keys()].filter((t) => !target.has(t));
  const onlyPg = [...target.keys()].filter((t) => !file.has(t));
  if (onlyFile.length + onlyPg.length > 0) {
    throw new Error(`the schemas differ (only in SQLite: ${onlyFile.join(', ') || '-'}; only in PostgreSQL: ${onlyPg.join(', ') || '-'}); nothing was copied`);
  }
  for (const [table, { columns }] of target) {
    const missing = columns.filter((c) => c !== 'rowid' && !file.get(table)?.includes(c));
    const extra = (file.get(table) ?? []).filter((c) => !columns.includes(c));
    if (missing.length + extra.length > 0) throw new Error(`the schemas differ in ${table} (${[...missing, ...extra].join(', ')}); nothing was copied`);
  }
  const order = await parentsFirst(client, [...target.keys()].sort());
  const seeded = new Set<string>();
  for (const table of order) {
    if ((await all(client, `SELECT 1 FROM ${quote(table)} LIMIT 1`)).length > 0) seeded.add(table);
  }
  for (const table of order.filter((t) => !seeded.has(t))) {
    await copyTable(source, client, table, target.get(table)?.columns ?? [], (target.get(table)?.identity.length ?? 0) > 0);
  }
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  for (const table of order.filter((t) => seeded.has(t))) {
    await client.query(`DELETE FROM ${quote(table)}`);
    await copyTable(source, client, table, target.get(table)?.columns ?? [], (target.get(table)?.identity.length ?? 0) > 0);
  }
  // Identity columns go on from the highest id copied, so the next message gets a new id.
  for (const [table, { identity }] of target) {
    for (const column of identity) {
      await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`, [quote(table), column]);
    }
  }
  const copied: TableCopied[] = [];
  for (const table of order) {
    const inFile = (source.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
    const inPg = (await all(client, `SELECT COUNT(*) AS n FROM ${quote(table)}`))[0]?.n as number;
    if (inFile !== inPg) throw new Error(`${table}: ${inFile} rows in the SQLite file, ${inPg} in PostgreSQL; nothing was copied`);
    copied.push({ table, rows: inPg });
  }
  return copied;
}
