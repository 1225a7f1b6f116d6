import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SERVER_ROOT } from '../src/config.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { createPgRepositories } from '../src/repositories/pg/index.js';
import { createPgPool } from '../src/repositories/pg/pool.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import { call, clientSocket, type ClientSocket, connected, loginStaff, manualClock, signIn, startTestServer, staffSocket, type TestServer } from './harness.js';
import { freshPgDatabase, PG_BIN } from './postgres-server.js';

// Issue 17: `npm run migrate-to-postgres` moves a SQLite deployment into an empty PostgreSQL
// database. The file is filled through the protocol (a conversation with a hand-off and a
// transfer, her resume code, a case record, a case-log entry, a target, one woman still waiting),
// moved by the command as an operator runs it, and then every row of every table is looked for
// in PostgreSQL, and a relay started on it finds her.

const tsx = path.join(SERVER_ROOT, 'node_modules', '.bin', 'tsx');
const clock = manualClock('2026-06-15T10:00:00+09:00');

function migrate(from: string, to: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(tsx, ['src/cli/migrate-to-postgres.ts', '--from', from, '--to', to], { cwd: SERVER_ROOT, timeout: 60_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

/** Every row of a table as JSON lines, sorted (the same rows whatever order each database returns them in). */
async function rowsOf(read: (sql: string) => Promise<unknown[]> | unknown[], table: string, columns: string[]): Promise<string[]> {
  const rows = await read(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

let server: TestServer;
let sqlite: Db;
let heldId: string;
let waitingId: string;
const sealed: { ciphertext: string }[] = [];
const sockets: ClientSocket[] = [];
const drops: (() => Promise<void>)[] = [];

/** A new empty database (no table at all, as `createdb` makes one); dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const db = await freshPgDatabase(inject('pgBaseUrl'), 'template0');
  await db.pool.end();
  drops.push(() => db.drop().catch(() => undefined));
  return db.url;
}

beforeAll(async () => {
  server = await startTestServer({ storage: 'sqlite', clock, campaigns: ['flyer'] });
  const [tanakaLogin, satoLogin] = [await loginStaff(server, 'tanaka'), await loginStaff(server, 'sato')];
  const [sato, tanaka, chief] = [staffSocket(server, satoLogin), staffSocket(server, tanakaLogin), await signIn(server, 'chief')];
  const [her, other] = [clientSocket(server), clientSocket(server)];
  sockets.push(sato, tanaka, chief, her, other);
  await Promise.all(sockets.map(connected));
  const key = newSessionKey(server.sodium);
  const say = async (c: ClientSocket, consultationId: string, seq: number) => {
    const message = sealEpochMessage(server.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `line ${seq}` });
    sealed.push(message);
    return call(c, 'message:send', message);
  };
  heldId = (await call(her, 'consultation:start', { campaign: 'flyer' })).consultationId;
  await call(sato, 'consultation:take', { consultationId: heldId });
  const last = await say(her, heldId, 1);
  await say(her, heldId, 2);
  await call(sato, 'consultation:read', { consultationId: heldId, lastReadId: last.id });
  await call(her, 'resume:create', { consultationId: heldId, lookup: 'L'.repeat(43), wrappedKey: 'W'.repeat(96) });
  const visit = await call(sato, 'handoff:book', { consultationId: heldId, kind: 'outreach', startsAt: '2026-06-15T15:00:00+09:00' });
  await call(sato, 'appointment:status', { appointmentId: visit.id, status: 'done', visit: { durationBand: '30-60' } });
  await call(sato, 'consultation:transfer', {
    consultationId: heldId,
    toStaffId: tanakaLogin.session.staff.id,
    sealedKeys: [{ keyEpoch: 0, sealedKey: 'K'.repeat(107) }],
    note: { nonce: 'N'.repeat(32), ciphertext: 'C'.repeat(40) },
  });
  await call(her, 'consultation:end', { consultationId: heldId });
  await call(tanaka, 'consultation:record', { consultationId: heldId, topics: ['虐待・DV', '子育て'], outcome: 'referral', ageBand: '30s' });
  await call(sato, 'caselog:add', { channel: 'phone', date: '2026-06-15', durationBand: '15-30', contact: 'first', topics: ['虐待・DV'], outcome: 'referral' });
  await call(chief, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 10 } });
  waitingId = (await call(other, 'consultation:start', {})).consultationId;
  await say(other, waitingId, 1);
  await call(other, 'resume:create', { consultationId: waitingId, lookup: 'M'.repeat(43), wrappedKey: 'X'.repeat(96) });
  for (const s of sockets) s.disconnect();
  await server.stop();
  sqlite = openDatabase(server.dbPath);
});

afterAll(async () => {
  sqlite?.close();
  server?.cleanup();
  for (const drop of drops) await drop();
});

describe('npm run migrate-to-postgres', { timeout: 120_000 }, () => {
  it('moves every row of every table, prints counts and no content, and a relay on PostgreSQL finds her', async () => {
    const url = await emptyDatabase();
    const moved = await migrate(server.dbPath, url);
    expect(moved.err).toBe('');
    expect(moved.code).toBe(0);

    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const pool = createPgPool(url, 2);
    try {
      const pgTables = (await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename")).rows.map((r) => r.t);
      expect(pgTables).toEqual(tables);
      // The summary: one line per table with the file's count, and nothing of what the rows hold.
      for (const table of tables) {
        const n = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
        expect(moved.out).toMatch(new RegExp(`^  ${table} +${n}$`, 'm'));
      }
      for (const secret of [heldId, waitingId, ...sealed.map((m) => m.ciphertext.slice(0, 24)), 'C'.repeat(40), 'M'.repeat(43)]) expect(moved.out).not.toContain(secret);

      // Every row of every table, every column (and SQLite's rowid where PostgreSQL keeps it: insertion order).
      const filled: string[] = [];
      for (const table of tables) {
        const pgColumns = (await pool.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])).rows.map((r) => r.c);
        const columns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name).concat(pgColumns.includes('rowid') ? ['rowid'] : []);
        const inFile = await rowsOf((sql) => sqlite.prepare(sql).all(), table, columns);
        expect(await rowsOf(async (sql) => (await pool.query(sql)).rows, table, columns), table).toEqual(inFile);
        if (inFile.length > 0) filled.push(table);
      }
      // What the fixture meant to move is there to be compared (not an empty table passing for a copied one).
      expect(filled).toEqual(expect.arrayContaining(['appointment', 'campaign', 'case_log', 'case_record', 'case_record_topic', 'consultation', 'fiscal_target', 'handover_note', 'message', 'organisation', 'outreach_visit', 'read_mark', 'resume_code', 'staff', 'staff_change', 'staff_session']));

      // Her messages through the repositories: the same ids and the same ciphertext bytes.
      const [fromFile, fromPg] = [createSqliteRepositories(sqlite), createPgRepositories(pool)];
      for (const id of [heldId, waitingId]) {
        const pgMessages = await fromPg.messages.after(id, 0, 100);
        expect(pgMessages.length).toBeGreaterThan(0);
        expect(pgMessages).toEqual(await fromFile.messages.after(id, 0, 100));
      }
      expect((await fromPg.messages.after(heldId, 0, 100)).map((m) => m.ciphertext)).toEqual(sealed.slice(0, 2).map((m) => m.ciphertext));
      expect(await fromPg.caseRecords.byConsultation(heldId)).toEqual(await fromFile.caseRecords.byConsultation(heldId));
    } finally {
      await pool.end();
    }

    // A relay on the PostgreSQL database: the same staff sign in, the waiting woman is in the queue,
    // and the next message gets an id after the moved ones.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-moved-'));
    fs.writeFileSync(path.join(dir, 'postgres-url'), url);
    fs.copyFileSync(path.join(server.dir, 'test-org-secret.json'), path.join(dir, 'test-org-secret.json'));
    const relay = await startTestServer({ dir, clock });
    const open: ClientSocket[] = [];
    try {
      const tanaka = staffSocket(relay, await loginStaff(relay, 'tanaka'));
      const newcomer = clientSocket(relay);
      open.push(tanaka, newcomer);
      await Promise.all(open.map(connected));
      expect((await call(tanaka, 'queue:list', {})).entries.map((e: { consultationId: string }) => e.consultationId)).toEqual([waitingId]);
      const id = (await call(newcomer, 'consultation:start', {})).consultationId;
      const sent = await call(newcomer, 'message:send', sealEpochMessage(relay.sodium, newSessionKey(relay.sodium), { consultationId: id, senderRole: 'client', keyEpoch: 0, seq: 1 }, { kind: 'text', text: 'あとから' }));
      const highest = (sqlite.prepare('SELECT MAX(id) AS n FROM message').get() as { n: number }).n;
      expect(sent.id).toBe(highest + 1);
    } finally {
      for (const s of open) s.disconnect();
      await relay.stop();
      relay.cleanup();
    }
  });

  it('refuses a database that is not empty, and a file whose tables PostgreSQL lacks; either way nothing is written', async () => {
    const url = await emptyDatabase();
    expect((await migrate(server.dbPath, url)).code).toBe(0);
    const again = await migrate(server.dbPath, url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^migrate-to-postgres: the PostgreSQL database is not empty/);
    const pool = createPgPool(url, 1);
    try {
      expect((await pool.query('SELECT COUNT(*) AS n FROM message')).rows).toEqual([{ n: sealed.length }]);
    } finally {
      await pool.end();
    }

    // A table added to SQLite's migrations without its PostgreSQL twin would be left behind: refused.
    const file = path.join(server.dir, 'with-extra-table.db');
    fs.copyFileSync(server.dbPath, file);
    const extra = openDatabase(file);
    extra.exec('CREATE TABLE forgotten_table (id INTEGER PRIMARY KEY, note TEXT)');
    extra.close();
    const target = await emptyDatabase();
    const refused = await migrate(file, target);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/the schemas differ \(only in SQLite: forgotten_table;/);
    const untouched = createPgPool(target, 1);
    try {
      expect((await untouched.query("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = current_schema()")).rows).toEqual([{ n: 0 }]);
    } finally {
      await untouched.end();
    }
  });

  it("README's backup and restore for PostgreSQL: pg_dump --format=custom, pg_restore into a new database, every row back", async () => {
    const url = await emptyDatabase();
    expect((await migrate(server.dbPath, url)).code).toBe(0);
    const dump = path.join(server.dir, 'tsunagari.dump');
    execFileSync(path.join(PG_BIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, url]);
    const restored = await emptyDatabase();
    execFileSync(path.join(PG_BIN, 'pg_restore'), ['--no-owner', `--dbname=${restored}`, dump]);
    const [before, after] = [createPgPool(url, 1), createPgPool(restored, 1)];
    try {
      const tables = (await before.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")).rows.map((r) => r.t);
      expect(tables).toContain('message');
      for (const table of tables) {
        const read = (pool: typeof before) => async (sql: string) => (await pool.query(sql)).rows;
        const columns = (await before.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])).rows.map((r) => r.c);
        expect(await rowsOf(read(after), table, columns), table).toEqual(await rowsOf(read(before), table, columns));
      }
      // The restored identity sequences go on after the highest id, as the moved ones did.
      const next = async (pool: typeof before) => (await pool.query("SELECT nextval(pg_get_serial_sequence('message', 'id')) AS n")).rows[0];
      expect(await next(after)).toEqual(await next(before));
    } finally {
      await Promise.all([before.end(), after.end()]);
    }
  });
});
