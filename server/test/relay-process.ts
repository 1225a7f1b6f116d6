import { type ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';
import { demoOrgKeyPath, demoRecordsKeyPath, seedDemo, seedDemoRecordsKey } from '../src/admin/demo-seed.js';
import { systemClock } from '../src/clock.js';
import { SERVER_ROOT } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import { loadSodium } from '../src/sodium.js';
import { BUILT_MAIN } from './built-server-global-setup.js';
import { oncePerWorker } from './worker-template.js';

/** A relay started as `npm start` runs it (`main.ts` in a process of its own). */
export interface RelayProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it wrote so far, stdout and stderr. */
  out(): string;
  /** Its exit code once it exits, or the name of the signal that ended it. */
  exited: Promise<number | string | null>;
}

/** A relay spawned but not yet known to be listening. */
export interface SpawnedRelay extends RelayProcess {
  /** Resolves once its banner says it listens (and `until` holds); rejects with its output if it exits first. */
  up: Promise<void>;
}

/**
 * A demo relay's files as its first start leaves them, made by the seed itself: the SQLite
 * database with the demo organisation and logins (STAFF_KDF=min) and, beside it, the two key files.
 * Made once per test worker and copied beside each demo relay's SQLite file before it starts: a
 * relay starting on nothing makes them itself, at two Argon2id MODERATE derivations (the key
 * files' passphrases: ~2 s of CPU and 256 MiB each start, and the relay tests start dozens). What
 * the seed makes is tested where it is made (demo-seed.test.ts, demo-database.test.ts).
 */
const DEMO_DATABASE = 'demo.sqlite';
const demoFiles = oncePerWorker('tsunagari-demo-files-', async (dir) => {
  const sodium = await loadSodium();
  const database = path.join(dir, DEMO_DATABASE);
  const db = openDatabase(database);
  try {
    await seedDemo(sodium, createSqliteRepositories(db), demoOrgKeyPath(database), 'min', systemClock);
  } finally {
    db.close();
  }
  seedDemoRecordsKey(sodium, demoRecordsKeyPath(database));
});

/** A demo relay on a SQLite file that does not exist yet starts from the worker's demo files. */
export async function provideDemoFiles(env: NodeJS.ProcessEnv): Promise<void> {
  const db = env.TSUNAGARI_DB;
  if (env.DEMO !== '1' || !db || db.startsWith('postgres')) return;
  const target = path.resolve(SERVER_ROOT, db);
  const made = path.join(await demoFiles(), DEMO_DATABASE);
  for (const keyFile of [demoOrgKeyPath, demoRecordsKeyPath]) {
    if (!fs.existsSync(keyFile(target))) fs.copyFileSync(keyFile(made), keyFile(target));
  }
  // Its logins were enrolled at STAFF_KDF=min: only a relay started so may take them as its own.
  if (env.STAFF_KDF === 'min' && !fs.existsSync(target)) fs.copyFileSync(made, target);
}

/** Spawns the built relay (`dist/main.js`, as `npm start` runs it) with `env` on top of the test's environment, without waiting for it. */
export function spawnRelayProcess(env: NodeJS.ProcessEnv, until: RegExp = /listening on/): SpawnedRelay {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, BUILT_MAIN], {
    cwd: SERVER_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
  // Its exit code, or the signal that ended it (a relay that dies by a signal must say which).
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const up = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => /listening on/.test(out) && until.test(out) && resolve());
    void exited.then((code) => reject(new Error(`the relay exited (${code}):\n${out}`)));
  });
  // A test that never waits for it must not see an unhandled rejection when it exits.
  up.catch(() => undefined);
  return { child, out: () => out, exited, up };
}

/**
 * Spawns the relay with `env` on top of the test's environment and resolves once its banner says
 * it listens (and holds `until`, when given); rejects with what it wrote if it exits first.
 */
export async function startRelayProcess(env: NodeJS.ProcessEnv, until: RegExp = /listening on/): Promise<RelayProcess> {
  await provideDemoFiles(env);
  const { up, ...relay } = spawnRelayProcess(env, until);
  await up;
  return relay;
}
