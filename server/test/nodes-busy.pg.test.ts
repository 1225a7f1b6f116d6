/**
 * Issue 17: a node whose event loop is busy for a while is alive, and must not be taken for dead.
 * Its heartbeat was renewed from that loop: held longer than the heartbeat's lifetime (4–6 s at the
 * defaults; 900 ms at the 300 ms beats here), the heartbeat ran out, the node holding the job
 * lock took its sockets for disconnected (its counselors offline, their chats' grace started,
 * its women's too) while they were all still connected. It is now renewed from a thread of its own
 * (`redis/heartbeat-thread.ts`) — only while the loop still ticks within TSUNAGARI_NODE_STALL_MS,
 * so a node stuck for good is still taken for dead.
 *
 * Node B is a relay in this test's process (its loop is this test's, held by a busy loop), node A
 * a relay process of its own on the same PostgreSQL database and Redis, which keeps sweeping.
 */
import net from 'node:net';
import type { CounselorState } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharedNode } from '../src/cluster/shared-node.js';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { call, type ClientSocket, connected, loginStaff, staffSocket, startTestServer, type TestServer } from './harness.js';
import { testDatabaseLocation } from './pg-storage.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { type RelayProcess, startRelayProcess } from './relay-process.js';

// Longer beats than the other node tests' 200 ms: on a loaded machine a thread may wait a few
// hundred ms for a core, and this test is about a held loop, not a starved machine.
const BEAT_MS = 300;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Holds this process's event loop (node B's) for `ms`, as a long synchronous task would. */
function holdLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: no timer, socket or promise of this process runs
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Node B in this process, first (so it holds the job lock), its heartbeat's log kept; and the Redis the nodes share. */
async function nodeB(stallMs: number): Promise<{ b: TestServer; redis: TestRedis; nodeLog: string[] }> {
  const redis: TestRedis = await startRedis();
  cleanups.push(() => redis.stop());
  // What node B's heartbeat says (lapsed, withheld).
  const nodeLog: string[] = [];
  const log = createLogger('info', { write: (line: string) => void nodeLog.push(line) });
  // The prefix `main.ts` uses: node A is a relay as `npm start` runs it.
  const shared: SharedNode = createRedisNode(redis.connect(), { prefix: 'tsunagari:', heartbeatMs: BEAT_MS, stallMs, adapterBlockMs: 200, clock: systemClock, log });
  const b = await startTestServer({ shared });
  cleanups.push(async () => {
    await b.stop();
    b.cleanup();
  });
  return { b, redis, nodeLog };
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A relay process on node B's database and Redis, and its URL (its banner names its public one). */
async function relayBeside(b: TestServer, redis: TestRedis): Promise<RelayProcess & { url: string }> {
  const port = await freePort();
  const relay = await startRelayProcess({
    TSUNAGARI_DB: testDatabaseLocation(b), TSUNAGARI_REDIS_URL: redis.path, PORT: String(port), PUBLIC_URL: 'https://relay.test',
    STAFF_KDF: 'min', LOG_LEVEL: 'warn', TSUNAGARI_NODE_HEARTBEAT_MS: String(BEAT_MS),
  });
  cleanups.push(async () => {
    if (relay.child.signalCode === 'SIGSTOP' || relay.child.exitCode === null) relay.child.kill('SIGCONT');
    relay.child.kill('SIGKILL');
    await relay.exited;
  });
  return { ...relay, url: `http://127.0.0.1:${port}` };
}

/** A counselor's console on `url`, a node of `b`'s cluster, available; every `staff:changed` it hears is kept. */
async function counselorOn(b: TestServer, url: string, who: 'sato' | 'tanaka'): Promise<{ boards: CounselorState[][]; staffId: string }> {
  const login = await loginStaff({ ...b, url }, who, { origin: url });
  const socket: ClientSocket = staffSocket({ url }, login, url);
  cleanups.push(async () => void socket.disconnect());
  await connected(socket);
  const boards: CounselorState[][] = [];
  socket.on('staff:changed', ({ counselors }) => boards.push(counselors));
  await call(socket, 'staff:status', { status: 'available' });
  return { boards, staffId: login.session.staff.id };
}

const sweptBy = (a: RelayProcess) => a.out().split('\n').filter((l) => l.includes('"node.swept"'));
const shownOffline = (boards: CounselorState[][], staffId: string) => boards.some((board) => board.find((c) => c.staffId === staffId)?.status === 'offline');

// One cluster for the three steps: a relay process takes seconds to start on a loaded machine.
describe('a node whose event loop is busy', { timeout: 120_000 }, () => {
  it('keeps its heartbeat while its loop is held for ten beats; is taken for dead once held past TSUNAGARI_NODE_STALL_MS, and comes back; a SIGSTOPped relay is taken for dead as before', async () => {
    // Node B (this process) may stand still for twelve beats; Sato is on it, Tanaka on node A.
    const { b, redis, nodeLog } = await nodeB(12 * BEAT_MS);
    const a = await relayBeside(b, redis);
    const { boards, staffId: satoId } = await counselorOn(b, b.url, 'sato');
    const { staffId: tanakaId } = await counselorOn(b, a.url, 'tanaka');
    // Node A beats and tries the job lock a few times: a running cluster.
    await pause(5 * BEAT_MS);

    // Held ten beats (three heartbeat lifetimes): node A had every chance to sweep (it tries every beat).
    holdLoop(10 * BEAT_MS);
    await pause(8 * BEAT_MS);
    expect(sweptBy(a)).toEqual([]);
    expect(nodeLog.filter((l) => l.includes('"node.heartbeat_lapsed"'))).toEqual([]);
    expect(shownOffline(boards, satoId)).toBe(false);

    // Held twenty beats, past its stall limit: node A swept it while it stood still, Sato shown offline ...
    holdLoop(20 * BEAT_MS);
    await expect.poll(() => sweptBy(a).length, { timeout: 10_000, interval: 100 }).toBeGreaterThan(0);
    await expect.poll(() => shownOffline(boards, satoId), { timeout: 10_000, interval: 100 }).toBe(true);
    expect(nodeLog.some((l) => l.includes('"node.heartbeat_withheld"'))).toBe(true);
    // ... and once its loop moves again the node beats again, records its sockets and puts her back online.
    await expect.poll(() => nodeLog.some((l) => l.includes('"node.heartbeat_lapsed"')), { timeout: 10_000, interval: 100 }).toBe(true);
    const connectedOnB = async (staffId: string) => (await b.app.services.routing.router.view()).counselors.find((c) => c.staffId === staffId)?.connected;
    await expect.poll(() => connectedOnB(satoId), { timeout: 10_000, interval: 100 }).toBe(true);

    // Node A stopped with SIGSTOP (its heartbeat thread stops with it): node B takes the job lock over and sweeps it.
    expect(await connectedOnB(tanakaId)).toBe(true);
    a.child.kill('SIGSTOP');
    await expect.poll(() => connectedOnB(tanakaId), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(b.logs.some((l) => l.includes('"node.swept"'))).toBe(true);
  });
});
