/**
 * The admin CLI on the relay host, beside a running relay (issue 13): the same lifecycle as the
 * console's admin view, with the signing done offline by `statement:sign` / `revocation:sign`
 * (org-key.ts) from a passphrase-encrypted org key file. The CLI opens its own database
 * connection; the running relay notices its writes (data_version) and acts at once: a member
 * disabled from the CLI loses her sockets and her chats go back to the queue.
 * Issue 17: the file runs on both backends (it is in vitest.config.ts's PG_MATRIX): in the
 * `server-pg` project the CLI opens the test server's PostgreSQL database as `TSUNAGARI_DB=postgres://…`
 * would, and the relay notices through the staff_change counter instead of data_version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createOrgKeyFile, serialiseOrgKeyFile } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { runOrgKeyCommand } from '../src/cli/org-key.js';
import { runRelayCommand } from '../src/cli/relay-staff.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { StaffLifecycle } from '../src/domain/staff/lifecycle.js';
import { LiveSessions } from '../src/domain/staff/live-sessions.js';
import { realScheduler } from '../src/scheduler.js';
import { openStorage } from '../src/storage.js';
import { API } from '@tsunagari/shared';
import { staffKeysFingerprint } from '@tsunagari/shared/trust';
import { type TestServer, call, clientSocket, connected, next, serverPerTest, signIn, staffSocket } from './harness.js';
import { testDatabaseLocation } from './pg-storage.js';
import { api, browserEnrolment, loginWithPassword } from './staff-helpers.js';

const PASSPHRASE = 'relay-cli-test-passphrase';

/** The CLI as a separate process would run it: its own connection to the relay's database, opened as admin.ts opens it. */
async function cli(server: TestServer) {
  const storage = await openStorage(loadConfig({ TSUNAGARI_DB: testDatabaseLocation(server) }), { besideRelay: true });
  const live = new LiveSessions(realScheduler, systemClock);
  const staff = new StaffLifecycle(storage.repos, server.sodium, systemClock, live, 'min');
  return {
    run: async (command: string, args: string[]) => {
      let out = '';
      await runRelayCommand({ sodium: server.sodium, repos: storage.repos, staff, clock: systemClock }, command, args, (t) => (out += t));
      return out;
    },
    close: async () => {
      live.stop();
      await storage.close();
    },
  };
}

/** The admin's own machine: the offline signing commands with the org key file. */
async function offline(server: TestServer, command: string, args: string[]): Promise<string> {
  let out = '';
  await runOrgKeyCommand(server.sodium, command, args, { readPassphrase: async () => PASSPHRASE, out: (t) => (out += t), err: () => undefined, now: () => new Date() });
  return out;
}

describe('relay-host CLI beside a running relay', { timeout: 60_000 }, () => {
  const servers = serverPerTest();

  it('invite → her browser enrols → staff:pending → statement:sign offline → staff:activate → staff:disable; the relay acts at once', async () => {
    const server = await servers.start();
    // The test's org key, as the admin's passphrase-encrypted file (the harness holds the same pair).
    const keyFile = path.join(server.dir, 'org.key');
    const file = createOrgKeyFile(server.sodium, PASSPHRASE);
    fs.writeFileSync(keyFile, serialiseOrgKeyFile(file));
    await server.rows('UPDATE organisation SET sign_public_key = ? RETURNING id', file.publicKey);
    const tool = await cli(server);
    try {
      const invited = await tool.run('staff:invite', ['--username', 'mori', '--name', '森', '--role', 'counselor', '--console-url', 'https://console.npo.example/']);
      const token = /#invite=([A-Za-z0-9_-]{43})/.exec(invited)?.[1];
      expect(invited).toContain('https://console.npo.example/#invite=');
      const browser = browserEnrolment(server, token ?? '', 'mori-password-2026');
      expect((await api(server, API.enrol, browser.body)).body).toMatchObject({ ok: true });

      const pendingFile = path.join(server.dir, 'pending.json');
      fs.writeFileSync(pendingFile, await tool.run('staff:pending', ['--username', 'mori', '--json']));
      const hers = staffKeysFingerprint(server.sodium, { staffId: JSON.parse(fs.readFileSync(pendingFile, 'utf8')).staffId, ...browser.keys });
      const signedFile = path.join(server.dir, 'signed.json');
      fs.writeFileSync(signedFile, await offline(server, 'statement:sign', ['--key', keyFile, '--in', pendingFile, '--fingerprint', hers]));
      expect(await tool.run('staff:activate', ['--in', signedFile])).toMatch(/^mori is active/);

      // She works on the running relay; a woman is with her.
      const mori = staffSocket(server, await loginWithPassword(server, 'mori', 'mori-password-2026'));
      const a = clientSocket(server);
      const watcher = await signIn(server, 'tanaka');
      servers.track(mori, a, watcher);
      await Promise.all([connected(mori), connected(a)]);
      const id = (await call(a, 'consultation:start', {})).consultationId;
      await call(mori, 'consultation:take', { consultationId: id });

      const entries = path.join(server.dir, 'entries.json');
      const moriId = JSON.parse(fs.readFileSync(pendingFile, 'utf8')).staffId as string;
      fs.writeFileSync(entries, JSON.stringify({ entries: [{ staffId: moriId, keyVersion: 1, revokedAt: Date.now() }] }));
      const listFile = path.join(server.dir, 'list.json');
      fs.writeFileSync(listFile, await offline(server, 'revocation:sign', ['--key', keyFile, '--in', entries]));
      const closed = new Promise<string>((resolve) => mori.once('disconnect', (r) => resolve(r)));
      const requeued = next(a, 'consultation:requeued');
      const told = new Promise<void>((resolve) => watcher.once('trust:changed', () => resolve()));
      expect(await tool.run('staff:disable', ['--username', 'mori', '--revocations', listFile])).toMatch(/^mori is disabled/);
      expect(await closed).toBe('io server disconnect');
      await Promise.all([requeued, told]);
      expect((await call(watcher, 'queue:list', {})).entries[0]).toMatchObject({ consultationId: id, requeued: true });
      await expect(tool.run('staff:disable', ['--username', 'mori', '--revocations', listFile])).rejects.toThrow(/^INVALID_STATE/);
    } finally {
      await tool.close();
    }
  });

  it('refuses what it cannot check, with the code, and changes nothing', async () => {
    const server = await servers.start();
    const tool = await cli(server);
    try {
      const before = await server.rows('SELECT * FROM staff ORDER BY id');
      await expect(tool.run('staff:invite', ['--username', 'sato', '--name', '佐藤', '--role', 'counselor'])).rejects.toThrow(/^USERNAME_TAKEN/);
      await expect(tool.run('staff:invite', ['--username', 'Bad Name', '--name', 'x', '--role', 'counselor'])).rejects.toThrow(/needs --username/);
      const bogus = path.join(server.dir, 'bogus.json');
      fs.writeFileSync(bogus, JSON.stringify({ statement: {}, signature: 'x' }));
      await expect(tool.run('staff:activate', ['--in', bogus])).rejects.toThrow(/not a signed statement/);
      await expect(tool.run('staff:pending', ['--username', 'sato'])).rejects.toThrow(/--json/);
      await expect(tool.run('org:register', ['--name', 'x', '--public-key', 'A'.repeat(43)])).rejects.toThrow(/already registered/);
      expect(await server.rows('SELECT * FROM staff ORDER BY id')).toEqual(before);
    } finally {
      await tool.close();
    }
  });
});
