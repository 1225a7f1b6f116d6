import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toB64 } from '@tsunagari/shared/crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SERVER_ROOT } from '../src/config.js';
import { loadSodium } from '../src/sodium.js';
import { BUILT_ADMIN } from './built-server-global-setup.js';
import { freshPgDatabase } from './postgres-server.js';

// Issue 17: `tsunagari-admin`'s relay-host commands as the operator runs them, a process each,
// on the database TSUNAGARI_DB names — a SQLite file or a postgres:// URL; each process ends by
// itself. (admin.ts ends the pool at once; a pool left open would still let the process go after
// pg's 10 s idle timeout, so that part is not something this test can tell.) The lifecycle itself (enrol, sign, activate, disable beside a running relay) is
// relay-cli.test.ts's, run on both backends.


/** One admin command in its own process: its exit code and what it printed. */
function admin(db: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILT_ADMIN, ...args], { cwd: SERVER_ROOT, env: { ...process.env, DEMO: '0', TSUNAGARI_DB: db }, timeout: 60_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

const backends: { name: string; open(): Promise<{ location: string; drop(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-admin-'));
      return { location: path.join(dir, 'relay.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const db = await freshPgDatabase(inject('pgBaseUrl'));
      await db.pool.end();
      return { location: db.url, drop: () => db.drop().catch(() => undefined) };
    },
  },
];

describe.each(backends)('tsunagari-admin on $name', { timeout: 240_000 }, (backend) => {
  let db: { location: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => db.drop());

  it('registers the organisation, invites a member and lists her, each command a process of its own; a second registration is refused', async () => {
    // Any Ed25519 public key: registering never opens the key file (a file would cost an Argon2id derivation).
    const sodium = await loadSodium();
    const orgKey = toB64(sodium, sodium.crypto_sign_keypair().publicKey);
    const registered = await admin(db.location, ['org:register', '--name', 'テスト相談室', '--public-key', orgKey]);
    expect(registered).toMatchObject({ code: 0, out: `organisation registered with public key ${orgKey}\n` });

    const invited = await admin(db.location, ['staff:invite', '--username', 'mori', '--name', '森', '--role', 'counselor', '--console-url', 'https://console.npo.example/']);
    expect(invited.code).toBe(0);
    expect(invited.out).toMatch(/^invited mori \(\S+\) until \S+\nlink \(pass it on privately, it works once\): https:\/\/console\.npo\.example\/#invite=[A-Za-z0-9_-]{43}\n$/);

    const listed = await admin(db.location, ['staff:list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ username: 'mori', displayName: '森', role: 'counselor', status: 'invited' })]);

    const again = await admin(db.location, ['org:register', '--name', 'x', '--public-key', orgKey]);
    expect(again).toMatchObject({ code: 1, out: '' });
    expect(again.err).toBe('the organisation is already registered\n');
  });
});
