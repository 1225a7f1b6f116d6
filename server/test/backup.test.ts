/**
 * `npm run backup -- <file>` while the relay runs, and `npm run restore -- <file>` while it is
 * stopped: every message acknowledged before the backup is there after the restore.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { restoreDatabase } from '../src/db/backup.js';
import { claimRelayLock } from '../src/db/relay-lock.js';
import { call, clientSocket, connected, startTestServer, type TestServer } from './harness.js';

/** Runs the backup CLI as `npm run backup` / `npm run restore` would, on the given database. */
function cli(command: 'backup' | 'restore', file: string, dbPath: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/backup.ts'), command, '--', file], {
      cwd: REPO_ROOT,
      env: { ...process.env, TSUNAGARI_DB: dbPath, DEMO: '0' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('backup and restore', { timeout: 60_000 }, () => {
  const servers: TestServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      await s.stop();
      s.cleanup();
    }
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a backup taken mid-conversation, restored, holds every message acknowledged before it', async () => {
    // She writes on while nobody answers: her waiting budget is lifted (it has its own tests).
    const first = await startTestServer({ limits: { waitingMessages: 1000 } });
    servers.push(first);
    const key = newSessionKey(first.sodium);
    const woman = clientSocket(first);
    await connected(woman);
    const { consultationId, clientToken } = await call(woman, 'consultation:start', {});
    let seq = 0;
    const sendOne = () => {
      seq++;
      return call(woman, 'message:send', sealEpochMessage(first.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `m${seq}` }));
    };
    const ackedBefore: number[] = [];
    for (let i = 0; i < 5; i++) ackedBefore.push((await sendOne()).id);

    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-backup-'));
    dirs.push(backupDir);
    const file = path.join(backupDir, 'relay-backup.sqlite');
    // The relay keeps taking messages while the backup runs.
    const backup = cli('backup', file, first.dbPath);
    const during: number[] = [];
    for (let i = 0; i < 3; i++) during.push((await sendOne()).id);
    const result = await backup;
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/backed up .* while the relay kept running/);
    for (let i = 0; i < 3; i++) await sendOne();
    expect(await cli('backup', file, first.dbPath)).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });
    woman.disconnect();
    await first.stop();

    // Restored to a new relay directory (the test org's key file goes along, as the org's own files would).
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-restored-'));
    fs.copyFileSync(path.join(first.dir, 'test-org-secret.json'), path.join(target, 'test-org-secret.json'));
    const restored = await cli('restore', file, path.join(target, 'test.db'));
    expect(restored).toMatchObject({ code: 0, err: '' });
    const second = await startTestServer({ dir: target });
    servers.push(second);
    const again = clientSocket(second);
    await connected(again);
    const snapshot = await call(again, 'consultation:resume', { consultationId, clientToken });
    const ids = snapshot.messages.map((m) => m.id);
    for (const id of ackedBefore) expect(ids).toContain(id);
    // A consistent moment: what it holds is every message up to some point, with no gap.
    expect(ids).toEqual([...ackedBefore, ...during].slice(0, ids.length));
    again.disconnect();
  });

  it('restore refuses while a relay runs on the database, and keeps the previous file aside', async () => {
    const server = await startTestServer();
    servers.push(server);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-restore-'));
    dirs.push(dir);
    const file = path.join(dir, 'b.sqlite');
    expect((await cli('backup', file, server.dbPath)).code).toBe(0);

    const target = path.join(dir, 'live.db');
    fs.copyFileSync(file, target);
    const release = claimRelayLock(target); // this process stands for the running relay
    try {
      expect(() => restoreDatabase(file, target)).toThrow(/a relay \(pid \d+\) is running on .*stop it, then restore/);
    } finally {
      release();
    }
    const kept = restoreDatabase(file, target, new Date('2026-11-30T10:00:00Z'));
    expect(kept).toBe(`${target}.before-restore-2026-11-30T10-00-00-000Z`);
    expect(fs.existsSync(kept as string)).toBe(true);
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'not a database');
    expect(() => restoreDatabase(path.join(dir, 'junk.sqlite'), target)).toThrow();
  });
});
