import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisPerFile } from './redis-per-file.js';
import { startRedis } from './redis-server.js';
import { provideDemoFiles, spawnRelayProcess, startRelayProcess } from './relay-process.js';
import { within } from './within.js';

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

  it('told to stop while it starts (its Redis writes held), stops cleanly once up: exit 0, lock released — never killed by the signal', async () => {
    const client = file.redis.connect();
    const env = { DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: path.join(dir, 'starting.sqlite'), TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'warn' };
    await provideDemoFiles(env);
    // Redis holds every write for now: the relay connects (and names its connection) but waits on
    // its first write, the day's caller salt, inside start-up.
    await client.call('CLIENT', 'PAUSE', '20000', 'WRITE');
    try {
      const relay = spawnRelayProcess(env);
      while (!/name=tsunagari-relay/.test((await client.client('LIST')) as string)) {
        if (relay.child.exitCode !== null || relay.child.signalCode !== null) throw new Error(`the relay exited while starting:\n${relay.out()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Pending in the relay from here on: it reaches the relay before Redis lets start-up go on.
      relay.child.kill('SIGTERM');
      await client.call('CLIENT', 'UNPAUSE');
      expect(await relay.exited, `the relay's output:\n${relay.out()}`).toBe(0);
      expect(relay.out()).toMatch(/listening on/);
      expect(await client.get('tsunagari:jobs:lock')).toBeNull();
    } finally {
      await client.call('CLIENT', 'UNPAUSE');
    }
  });

  it('stops with exit 75 (start me again) when its Redis restarts empty, and started again restores the queue from the database', async () => {
    const db = path.join(dir, 'lost.sqlite');
    const env = { DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: db, TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'info', TSUNAGARI_NODE_HEARTBEAT_MS: '200' };
    const relay = await startRelayProcess(env);
    const client = file.redis.connect();
    let again: Awaited<ReturnType<typeof startRelayProcess>> | null = null;
    try {
      // Its routing loaded (Redis restarting while it loads is the next test's case).
      await expect.poll(() => /"routing\.booted"/.test(relay.out()), { timeout: 20_000, interval: 20 }).toBe(true);
      // Down half a second: the relay's reconnection attempts are refused meanwhile, and it says so.
      await file.redis.restart(500);
      expect(await within(20_000, () => `the relay did not exit:\n${relay.out()}`, relay.exited)).toBe(75);
      expect(relay.out()).toMatch(/"redis\.memory_lost"/);
      // Losing Redis is said in the structured log, not as ioredis's raw stderr lines.
      expect(relay.out()).toMatch(/"event":"redis\.unreachable"/);
      expect(relay.out()).not.toMatch(/Unhandled error event/);
      // Started again (systemd's Restart=on-failure): it finds the store empty and restores it.
      again = await startRelayProcess(env);
      const second = again;
      await expect.poll(() => /"routing\.booted".*"from":"database"/.test(second.out()), { timeout: 20_000, interval: 50 }).toBe(true);
      expect((await client.get('tsunagari:{routing}:incarnation'))?.startsWith('restoring:')).toBe(false);
      second.child.kill('SIGTERM');
      expect(await within(20_000, () => `the relay started again did not stop:\n${second.out()}`, second.exited)).toBe(0);
    } finally {
      // Nothing of this test may outlive it (the next tests count Redis's keys).
      for (const r of [relay, again]) if (r && r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    }
  });

  it('refuses a Redis that saves to disk (snapshots or the append-only file): the caller salt must never be written down — exit 1 saying what to change, nothing written', async () => {
    const client = file.redis.connect();
    await client.flushall();
    try {
      for (const [setting, value] of [['save', '3600 1'], ['appendonly', 'yes']] as const) {
        await client.call('CONFIG', 'SET', setting, value);
        const db = path.join(dir, `refused-${setting}.sqlite`);
        const relay = spawnRelayProcess({ DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: db, TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'warn' });
        expect(await relay.exited, `the relay's output:\n${relay.out()}`).toBe(1);
        // Refused before its database was opened, let alone seeded.
        expect(fs.existsSync(db)).toBe(false);
        expect(relay.out()).toMatch(/saves to disk/);
        expect(relay.out()).toMatch(/save "" and appendonly no/);
        expect(relay.out()).not.toMatch(/listening on/);
        // Refused before its first write: no salt, no heartbeat, no lock.
        expect(await client.keys('*')).toEqual([]);
        await client.call('CONFIG', 'SET', setting, setting === 'save' ? '' : 'no');
      }
    } finally {
      await client.call('CONFIG', 'SET', 'save', '');
      await client.call('CONFIG', 'SET', 'appendonly', 'no');
    }
  });

  it('refuses a Redis that may evict keys (a waiting woman\'s place, a limit): exit 1 saying what to change, nothing written', async () => {
    const client = file.redis.connect();
    await client.flushall();
    // What managed services often default to; Redis's own default is noeviction.
    await client.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
    try {
      const db = path.join(dir, 'refused-eviction.sqlite');
      const relay = spawnRelayProcess({ DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: db, TSUNAGARI_REDIS_URL: file.redis.path, PORT: '0', LOG_LEVEL: 'warn' });
      expect(await relay.exited, `the relay's output:\n${relay.out()}`).toBe(1);
      expect(fs.existsSync(db)).toBe(false);
      expect(relay.out()).toMatch(/maxmemory-policy volatile-lru/);
      expect(relay.out()).toMatch(/CONFIG SET maxmemory-policy noeviction/);
      expect(relay.out()).not.toMatch(/listening on/);
      expect(await client.keys('*')).toEqual([]);
    } finally {
      await client.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    }
  });

  it('refuses a Redis Cluster node, whose slots would split routing\'s several-key scripts: exit 1 saying to use one primary', async () => {
    const clustered = await startRedis({ args: ['--cluster-enabled', 'yes'] });
    try {
      const db = path.join(dir, 'refused-cluster.sqlite');
      const relay = spawnRelayProcess({ DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: db, TSUNAGARI_REDIS_URL: clustered.path, PORT: '0', LOG_LEVEL: 'warn' });
      expect(await relay.exited, `the relay's output:\n${relay.out()}`).toBe(1);
      expect(fs.existsSync(db)).toBe(false);
      expect(relay.out()).toMatch(/Redis Cluster node/);
      expect(relay.out()).toMatch(/one Redis primary/);
      expect(relay.out()).not.toMatch(/listening on/);
      // Its slots are unassigned, so nothing could have been written; the relay said why, not CLUSTERDOWN.
      expect(relay.out()).not.toMatch(/CLUSTERDOWN/);
    } finally {
      await clustered.stop();
    }
  });
});
