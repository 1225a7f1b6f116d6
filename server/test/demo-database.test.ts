/**
 * Demo is not production: `npm start` keeps its own database file, and a relay started without
 * DEMO=1 refuses a database that holds the demo organisation or logins (their passwords are public).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoOrgKeyPath, holdsDemoAccounts, refuseDemoDatabase, seedDemo } from '../src/admin/demo-seed.js';
import { systemClock } from '../src/clock.js';
import { SERVER_ROOT } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import { loadSodium } from '../src/sodium.js';
import { startTestServer } from './harness.js';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';
import { BUILT_MAIN } from './built-server-global-setup.js';

describe('a demo database is not a production one', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-demodb-'));
    dirs.push(dir);
    return dir;
  };

  it('knows a seeded demo database, and a real organisation database is not one', async () => {
    const sodium = await loadSodium();
    const dbPath = path.join(tempDir(), 'demo.sqlite');
    const db = openDatabase(dbPath);
    const repos = createSqliteRepositories(db);
    expect(await holdsDemoAccounts(repos)).toBe(false);
    await seedDemo(sodium, repos, demoOrgKeyPath(dbPath), 'min', systemClock);
    expect(await holdsDemoAccounts(repos)).toBe(true);
    await expect(refuseDemoDatabase(repos, dbPath)).rejects.toThrow(/demo database.*DEMO=1.*TSUNAGARI_DB/s);
    db.close();

    const real = await startTestServer();
    try {
      // The test organisation has counselors named sato and tanaka too, but no demo account.
      expect(await holdsDemoAccounts(real.app.repos)).toBe(false);
      await expect(refuseDemoDatabase(real.app.repos, real.dbPath)).resolves.toBeUndefined();
    } finally {
      await real.stop();
      real.cleanup();
    }
  });

  it('the relay started without DEMO=1 on a demo database stops and says what to do', async () => {
    const sodium = await loadSodium();
    const dbPath = path.join(tempDir(), 'demo.sqlite');
    const db = openDatabase(dbPath);
    await seedDemo(sodium, createSqliteRepositories(db), demoOrgKeyPath(dbPath), 'min', systemClock);
    db.close();
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, BUILT_MAIN], {
      cwd: SERVER_ROOT,
      env: { ...process.env, DEMO: '0', TSUNAGARI_DB: dbPath, PUBLIC_URL: 'https://relay.example', PORT: '0', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is a demo database/);
    expect(run.stderr).toMatch(/point TSUNAGARI_DB at a new file/);
    expect(run.stdout).not.toMatch(/listening/);
  });
});
