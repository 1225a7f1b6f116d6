import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPgPool } from '../src/repositories/pg/pool.js';
import { migratePg } from '../src/repositories/pg/migrations.js';
import { PG_BIN, pgTool } from '../../scripts/debian-services.mjs';

/** Debian's PostgreSQL binaries (`npm test` installs the package when missing). */
export { PG_BIN };

/** The migrated database every test database is copied from. */
export const PG_TEMPLATE = 'tsunagari_template';

/** A real PostgreSQL cluster for a test run, in its own temporary folder; nothing kept after {@link stop}. */
export interface TestPostgres {
  /** postgres://tsunagari@127.0.0.1:PORT/ — append a database name. */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, as the OS hands one out. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster: initdb (trust, superuser `tsunagari`), pg_ctl on a free loopback
 * port with its socket in the same folder and fsync off (nothing here must survive a crash),
 * then the migrated template database that {@link freshPgDatabase} copies.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL not found in ${PG_BIN}: npm test installs it (Debian: apt-get install -y postgresql), or set PG_BIN_DIR`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-pg-'));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(dir, id('-u'), id('-g'));
  }
  const data = path.join(dir, 'data');
  pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'tsunagari', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  pgTool('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  const baseUrl = `postgres://tsunagari@127.0.0.1:${port}/`;
  const admin = new pg.Client({ connectionString: `${baseUrl}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
  await admin.end();
  const template = createPgPool(`${baseUrl}${PG_TEMPLATE}`, 1);
  await migratePg(template);
  await template.end();
  return {
    baseUrl,
    async stop() {
      pgTool('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/**
 * A new database copied from the migrated template (or from template0: empty, for migration
 * tests), with a pool on it; `drop` closes the pool and deletes the database.
 */
export async function freshPgDatabase(baseUrl: string, from: string = PG_TEMPLATE): Promise<{ pool: pg.Pool; url: string; drop(): Promise<void> }> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${from}`);
  } finally {
    await admin.end();
  }
  const url = `${baseUrl}${name}`;
  const pool = createPgPool(url, 6);
  return {
    pool,
    url,
    async drop() {
      await pool.end();
      const again = new pg.Client({ connectionString: `${baseUrl}postgres` });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * Empties every table of a test database (ids start again from 1) and puts back the rows the
 * migrations seed, so tests in one file start from what a fresh database holds: a copy per test
 * costs 0.3–1 s on this machine, this a few milliseconds.
 */
export async function resetPgDatabase(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'");
  await pool.query(`TRUNCATE ${rows.map((r) => `"${r.t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  await pool.query('INSERT INTO staff_change (id, n) VALUES (1, 0)');
}
