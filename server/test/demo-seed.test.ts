/**
 * The demo seed (`npm start`): an organisation key file under the printed passphrase, statements
 * signed at seed time in the relay (demo only), staff active at once; and the console's config
 * served from the database, in the demo only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_CONFIG_FILE, consoleConfigSchema } from '@tsunagari/shared';
import { openOrgKeyFile } from '@tsunagari/shared/crypto';
import { pinOrgKey, verifyStaffStatement } from '@tsunagari/shared/trust';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG_PASSPHRASE, DEMO_STAFF, demoOrgKeyPath, seedDemo } from '../src/admin/demo-seed.js';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/log.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import { loadSodium } from '../src/sodium.js';
import { STAFF, loginStaff, startTestServer, type TestServer } from './harness.js';

describe('demo seed', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('makes the org key file (owner-only, opens with the printed passphrase) and every demo login active and verifiable', async () => {
    const sodium = await loadSodium();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-demo-'));
    dirs.push(dir);
    const dbPath = path.join(dir, 'tsunagari.db');
    fs.writeFileSync(path.join(dir, 'org-signing.key'), '{"signSecretKey":"left by the old demo"}');
    const db = openDatabase(dbPath);
    const repos = createSqliteRepositories(db);
    const keyFile = demoOrgKeyPath(dbPath);
    expect(await seedDemo(sodium, repos, keyFile, 'min', systemClock)).toEqual(DEMO_STAFF.map((s) => s.username));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dir, 'org-signing.key'))).toBe(false);
    const opened = openOrgKeyFile(sodium, fs.readFileSync(keyFile, 'utf8'), DEMO_ORG_PASSPHRASE);
    expect((await repos.organisation.get())?.signPublicKey).toBe(opened.publicKey);
    const orgKey = pinOrgKey(sodium, opened.publicKey);
    for (const s of DEMO_STAFF) {
      const r = await repos.staff.byUsername(s.username);
      expect(r?.status).toBe('active');
      expect(verifyStaffStatement(sodium, r?.statement, { orgKey, acceptRoles: [s.role], now: Date.now(), revocations: null }), s.username).toMatchObject({ ok: true, statement: { role: s.role } });
    }
    // A second start changes nothing; an account from before signed statements is enrolled again.
    const before = db.prepare('SELECT * FROM staff ORDER BY id').all();
    expect(await seedDemo(sodium, repos, keyFile, 'min', systemClock)).toEqual([]);
    expect(db.prepare('SELECT * FROM staff ORDER BY id').all()).toEqual(before);
    db.prepare(`UPDATE staff SET status = 'invited', kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL, auth_hash = NULL,
      wrapped_secret_keys = NULL, box_public_key = NULL, sign_public_key = NULL, statement = NULL WHERE username = 'sato'`).run();
    expect(await seedDemo(sodium, repos, keyFile, 'min', systemClock)).toEqual(['sato']);
    expect((await repos.staff.byUsername('sato'))?.status).toBe('active');
    db.close();
  });

  it('serves console-config.json from the database in the demo only', async () => {
    const server: TestServer = await startTestServer();
    dirs.push(server.dir);
    try {
      const missing = await fetch(`${server.url}/console/${CONSOLE_CONFIG_FILE}`);
      expect(missing.headers.get('content-type') ?? '').not.toMatch(/json/);
      const app = await createApp({
        db: server.db, sodium: server.sodium, clock: systemClock, log: createLogger('silent'), widgetDist: '/nonexistent', consoleDist: '/nonexistent',
        publicUrl: null, demoConsoleConfig: { lockAfterMinutes: 15, kdfFloor: 'min' },
      });
      await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
      const { port } = app.httpServer.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/console/${CONSOLE_CONFIG_FILE}`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(consoleConfigSchema.parse(await res.json())).toEqual({ relayUrl: `http://127.0.0.1:${port}`, orgPublicKey: server.orgPublicKey, lockAfterMinutes: 15, kdfFloor: 'min', landingUrl: `http://127.0.0.1:${port}/c/{campaign}` });
      await app.close();
      expect((await loginStaff(server, 'sato')).session.staff.username).toBe(STAFF.sato.username);
    } finally {
      await server.stop();
    }
  });
});
