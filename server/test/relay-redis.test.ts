import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisPerFile } from './redis-per-file.js';
import { startRelayProcess } from './relay-process.js';

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
  it('shares through that Redis (the job lock, the day\'s caller salt, its heartbeat), and on SIGTERM releases the lock, removes its heartbeat, quits Redis and exits 0', async () => {
    const relay = await startRelayProcess({ DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: path.join(dir, 'relay.sqlite'), TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'warn' });
    const { child, exited } = relay;
    expect(relay.out()).toMatch(/Several nodes: +shared through Redis/);
    const client = file.redis.connect();
    // The lock is taken at start-up, a moment after listening: wait for it, as another node would.
    while ((await client.get('tsunagari:jobs:lock')) === null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await client.keys('tsunagari:callers:salt:*')).toHaveLength(2);
    expect(await client.keys('tsunagari:{routing}:node:*')).toHaveLength(1);
    child.kill('SIGTERM');
    // Its output with the exit code: a failure says why the relay stopped as it did.
    expect(await exited, `the relay's output:\n${relay.out()}`).toBe(0);
    expect(await client.get('tsunagari:jobs:lock')).toBeNull();
    // Its heartbeat went with it: the node holding the jobs would sweep its sockets at once.
    const heartbeats = await client.keys('tsunagari:{routing}:node:*');
    expect(heartbeats).toEqual([]);
    // Its own connections are gone: only the test's remains.
    const clients = (await client.client('LIST')) as string;
    expect(clients).not.toMatch(/name=tsunagari-relay/);
  });
});
