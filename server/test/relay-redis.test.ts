import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../src/config.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: the relay as `npm start` runs it, with TSUNAGARI_REDIS_URL naming a real Redis.
const file = redisPerFile();
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-relay-redis-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a relay started with TSUNAGARI_REDIS_URL', { timeout: 60_000 }, () => {
  it('shares through that Redis (the job lock, the day\'s caller salt), and on SIGTERM releases the lock, quits Redis and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src', 'main.ts')], {
      cwd: SERVER_ROOT,
      env: { ...process.env, DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: path.join(dir, 'relay.sqlite'), TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => /listening on/.test(out) && resolve());
      void exited.then((code) => reject(new Error(`the relay exited (${code}):\n${out}`)));
    });
    expect(out).toMatch(/Several nodes: +shared through Redis/);
    const client = file.redis.connect();
    // The lock is taken at start-up, a moment after listening: wait for it, as another node would.
    while ((await client.get('tsunagari:jobs:lock')) === null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await client.keys('tsunagari:callers:salt:*')).toHaveLength(2);
    child.kill('SIGTERM');
    // Its output with the exit code: a failure says why the relay stopped as it did.
    expect(await exited, `the relay's output:\n${out}`).toBe(0);
    expect(await client.get('tsunagari:jobs:lock')).toBeNull();
    // Its own connections are gone: only the test's remains.
    const clients = (await client.client('LIST')) as string;
    expect(clients).not.toMatch(/name=tsunagari-relay/);
  });
});
