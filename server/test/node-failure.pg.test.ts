/**
 * Issue 17, "a node must be able to fail without losing a woman": relays as `npm start` runs them
 * (a process each) on one PostgreSQL and one Redis, one killed with SIGKILL — no disconnect runs
 * for its sockets. Node liveness (heartbeats in Redis, `redis/redis-node-presence.ts`) makes the
 * node that runs the jobs take those sockets for disconnected, and lets a dead holder's job lease
 * be taken over at once. The job lease is ten minutes here: only the takeover can move it.
 */
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '@tsunagari/shared';
import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../src/sodium.js';
import { freshPgDatabase } from './postgres-server.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { loginTo } from './relay-login.js';
import { type RelayProcess, startRelayProcess } from './relay-process.js';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

const LOCK = 'tsunagari:jobs:lock';
const cleanups: Array<() => Promise<unknown>> = [];
const sockets: Sock[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of cleanups.reverse()) await c();
});

/** Resolves once `ok()` holds (looked at every 250 ms, within the sockets' event budgets); rejects after `ms` saying what it waited for. */
async function until(ok: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const since = Date.now();
  while (!(await ok())) {
    if (Date.now() - since > ms) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One PostgreSQL database and one Redis of this test's own, and relays on them. */
async function cluster(more: Record<string, string> = {}) {
  const redis: TestRedis = await startRedis();
  const database = await freshPgDatabase(inject('pgBaseUrl'), 'template0');
  const relays: RelayProcess[] = [];
  cleanups.push(async () => {
    for (const r of relays) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await Promise.all(relays.map((r) => r.exited));
    await database.drop();
    await redis.stop();
  });
  const env = {
    DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: database.url, TSUNAGARI_REDIS_URL: redis.path, PORT: '0', LOG_LEVEL: 'warn',
    TSUNAGARI_POW_COUNTER: '0', TSUNAGARI_NODE_HEARTBEAT_MS: '200', TSUNAGARI_JOB_LEASE_MS: '600000', ...more,
  };
  const client: Redis = redis.connect();
  return {
    database,
    client,
    /** Starts a relay; the first seeds the demo. */
    start: async () => {
      const relay = await startRelayProcess(env, relays.length === 0 ? /Demo logins/ : /listening on/);
      relays.push(relay);
      return relay;
    },
    holder: () => client.get(LOCK),
  };
}

const urlOf = (r: RelayProcess) => /listening on (http:\/\/\S+)/.exec(r.out())?.[1] ?? '';
const idOf = (r: RelayProcess) => /This node: +(\S+)/.exec(r.out())?.[1] ?? '';

function open(url: string, options: Record<string, unknown>): Promise<Sock> {
  const sock: Sock = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  sockets.push(sock);
  return new Promise((resolve, reject) => {
    sock.once('connect', () => resolve(sock));
    sock.once('connect_error', reject);
  });
}

async function ask<T>(sock: Sock, event: string, payload: unknown): Promise<T> {
  const loose = sock as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<AckResult<T>> } };
  const r = await loose.timeout(5_000).emitWithAck(event, payload);
  if (!r.ok) throw new Error(`${event}: ${r.error}`);
  return r.data;
}

type Started = { consultationId: string; clientToken: string };
const startOn = async (url: string): Promise<Started> => ask<Started>(await open(url, { auth: { role: 'client' } }), 'consultation:start', {});
const resumeOn = async (url: string, w: Started) => ask<{ status: string }>(await open(url, { auth: { role: 'client' } }), 'consultation:resume', { consultationId: w.consultationId, clientToken: w.clientToken });
const kill = async (relay: RelayProcess) => {
  relay.child.kill('SIGKILL');
  await relay.exited;
};

describe('a relay node killed with SIGKILL', { timeout: 90_000 }, () => {
  it("its counselor goes offline for the others and her chat back to the queue after her grace; a waiting woman back through another node keeps her place, one who is not ends as abandoned", async () => {
    const c = await cluster({ TSUNAGARI_COUNSELOR_GRACE_S: '3', TSUNAGARI_CLIENT_GRACE_S: '1.5' });
    const sodium = await loadSodium();
    const a = await c.start();
    const [b, third] = await Promise.all([c.start(), c.start()]);
    // The node to be killed holds the job lease: the others must take it over to sweep.
    await until(async () => (await c.holder()) === idOf(a), 'node A to hold the job lease');

    // Sato on node A takes W1; then she steps away, so W2 and W3 (also on A) wait.
    const sato = await loginTo(sodium, urlOf(a), { username: 'sato', password: 'demo-sato-2026' });
    const satoSock = await open(urlOf(a), { auth: { role: 'staff' }, extraHeaders: { cookie: sato.cookie, origin: urlOf(a) } });
    const offered = new Promise<{ consultationId: string }>((resolve) => satoSock.once('queue:offer', resolve));
    await ask(satoSock, 'staff:status', { status: 'available' });
    const w1 = await startOn(urlOf(a));
    expect((await offered).consultationId).toBe(w1.consultationId);
    await ask(satoSock, 'offer:accept', { consultationId: w1.consultationId });
    await ask(satoSock, 'staff:status', { status: 'away' });
    const w2 = await startOn(urlOf(a));
    const w3 = await startOn(urlOf(a));

    // A supervisor on node B watches the board.
    const boss = await loginTo(sodium, urlOf(b), { username: 'supervisor', password: 'demo-super-2026' });
    const desk = await open(urlOf(b), { auth: { role: 'staff' }, extraHeaders: { cookie: boss.cookie, origin: urlOf(b) } });
    const satoStatus = async () => (await ask<{ counselors: { staffId: string; status: string }[] }>(desk, 'staff:list', {})).counselors.find((x) => x.staffId === sato.session.staff.id)?.status;
    expect(await satoStatus()).not.toBe('offline');

    await kill(a);
    // Her socket died with node A and nobody ran its disconnect: the sweep does, once A's heartbeat is gone.
    await until(async () => (await satoStatus()) === 'offline', 'sato shown offline on node B');
    const leader = await c.holder();
    expect([idOf(b), idOf(third)]).toContain(leader);
    // W2 comes back through the node that does not sweep (her grace timer runs on the one that does).
    const elsewhere = leader === idOf(b) ? third : b;
    expect((await resumeOn(urlOf(elsewhere), w2)).status).toBe('waiting');

    // Sato's grace (3 s, started by the sweep with the women's 1.5 s) runs out: W1 goes back to the queue.
    const row = async (id: string) =>
      (await c.database.pool.query<{ status: string; end_reason: string | null; abandon_cause: string | null; requeued_at: unknown }>(
        'SELECT status, end_reason, abandon_cause, requeued_at FROM consultation WHERE id = $1', [id])).rows[0];
    await until(async () => (await row(w1.consultationId))?.requeued_at != null, "W1's chat back in the queue");
    // By then the women's grace has run out too: W3, never back, ended as abandoned by its timeout ...
    expect(await row(w3.consultationId)).toMatchObject({ status: 'ended', end_reason: 'abandoned', abandon_cause: 'timeout' });
    // ... and W2, back through another node, still waits in the one queue.
    expect((await row(w2.consultationId))?.status).toBe('waiting');
    const queue = await ask<{ entries: { consultationId: string }[] }>(desk, 'queue:list', {});
    expect(queue.entries.map((e) => e.consultationId)).toContain(w2.consultationId);
  });

  it('a lone relay killed and started again at once takes the job lease and restores routing from the database', async () => {
    const c = await cluster({ LOG_LEVEL: 'info' });
    const first = await c.start();
    await until(async () => (await c.holder()) === idOf(first), 'the first process to hold the job lease');
    const waiting = await startOn(urlOf(first));
    await kill(first);
    const again = await c.start();
    const booted = () => again.out().split('\n').filter((l) => l.includes('"routing.booted"')).map((l) => JSON.parse(l) as { from: string });
    await until(() => booted().length > 0, 'routing to boot');
    // Its predecessor's lease (ten minutes) names a node whose heartbeat is gone: not a running cluster.
    expect(booted()[0]?.from).toBe('database');
    await until(async () => (await c.holder()) === idOf(again), 'the lease taken over by the new process');
    // The woman who waited comes back to it and still waits.
    expect((await resumeOn(urlOf(again), waiting)).status).toBe('waiting');
  });
});
