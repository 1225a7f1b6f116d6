import { DEMAND_PER_CALLER_PER_DAY } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import type { SharedNode } from '../src/cluster/shared-node.js';
import { type ClientSocket, connected, send, type TestServer, type TestServerOptions } from './harness.js';
import { from } from './limits-helpers.js';
import { nodesOnRedis } from './nodes-on-redis.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: what one node forbids a caller network, several nodes together must forbid too. Each
// test spreads one network's sockets, starts or openings over two or three relays (createApp on
// port 0, one real Redis, one database as nodes on PostgreSQL share one) at the same moment.
const file = redisPerFile();
const open = openPerTest();
const SCRIPT = '198.51.100.7';

/** `count` nodes on one Redis and one database, behind one trusted proxy. */
const nodes = (count: number, opts: TestServerOptions = {}) => nodesOnRedis(file.redis, open, count, opts);

function track(...sockets: ClientSocket[]): ClientSocket[] {
  open.sockets.push(...sockets);
  return sockets;
}

/** `perNode` sockets from `address` on each node, all opened at once; how many connected. */
async function burst(servers: TestServer[], address: string, perNode: number): Promise<ClientSocket[]> {
  const sockets = track(...servers.flatMap((s) => Array.from({ length: perNode }, () => from(s, address))));
  const outcomes = await Promise.allSettled(sockets.map(connected));
  return sockets.filter((_s, i) => outcomes[i]?.status === 'fulfilled');
}

/** Every key the test's Redis holds now. */
async function redisKeys(): Promise<string[]> {
  const redis = file.redis.connect();
  try {
    return await redis.keys('*');
  } finally {
    await redis.quit();
  }
}

describe('sockets per caller network across nodes', () => {
  it('a burst from one network over three nodes connects the cap once, not once per node; another network still connects; no address in Redis', async () => {
    const { servers } = await nodes(3, { limits: { socketsPerCaller: 3 } });
    const admitted = await burst(servers, SCRIPT, 4);
    expect(admitted).toHaveLength(3);
    expect(servers.reduce((sum, s) => sum + s.app.io.sockets.sockets.size, 0)).toBe(3);
    // A woman on another network connects through every node meanwhile.
    expect(await burst(servers, '203.0.113.20', 1)).toHaveLength(3);
    // Redis holds daily caller keys, never the address.
    const keys = await redisKeys();
    expect(keys.some((k) => k.includes('callers:sockets:'))).toBe(true);
    expect(keys.filter((k) => k.includes('198.51.100') || k.includes('203.0.113'))).toEqual([]);

    // A socket that closes on one node frees a place on another.
    const gone = admitted[0] as ClientSocket;
    const closed = new Promise<void>((resolve) => {
      for (const s of servers) s.app.io.sockets.sockets.get(gone.id ?? '')?.once('disconnect', () => resolve());
    });
    gone.disconnect();
    await closed;
    await expect.poll(async () => (await burst([servers[2] as TestServer], SCRIPT, 1)).length, { timeout: 5_000, interval: 50 }).toBe(1);
  });

  it("a node that dies leaves no counts behind: once its heartbeat is gone, its sockets stop counting on the others", async () => {
    const { servers, shared } = await nodes(2, { limits: { socketsPerCaller: 2 } });
    const [a, b] = servers as [TestServer, TestServer];
    expect(await burst([a], SCRIPT, 2)).toHaveLength(2);
    expect(await burst([b], SCRIPT, 1)).toHaveLength(0);
    // Node A dies as a killed process does: its heartbeat stops and nobody runs its sockets' disconnects.
    stopHeartbeat(shared[0] as SharedNode);
    // Within the heartbeat's lifetime (three beats of 200 ms) node B admits her network again.
    await expect.poll(async () => (await burst([b], SCRIPT, 1)).length, { timeout: 5_000, interval: 100 }).toBe(1);
    // …up to the cap, which now counts node B's sockets only.
    expect(await burst([b], SCRIPT, 2)).toHaveLength(1);
  });
});

/** Stops a node's heartbeat (and removes it, as a lapse past its lifetime would), its sockets left open. */
function stopHeartbeat(node: SharedNode): void {
  (node.presence as unknown as { stop(): void }).stop();
}

describe("a caller network's open consultations across nodes", () => {
  it('many starts from one network at once, spread over three nodes: at most 2 open, the rest TOO_MANY_OPEN', async () => {
    const { servers } = await nodes(3, { openPerCaller: 2, startsPerHour: 1000 });
    const sockets = await burst(servers, SCRIPT, 4);
    expect(sockets).toHaveLength(12);
    const answers = await Promise.all(sockets.map((s) => send(s, 'consultation:start', {})));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok).map((a) => (a as { error: string }).error)).toEqual(Array(10).fill('TOO_MANY_OPEN'));
    const open = (await (servers[0] as TestServer).rows("SELECT COUNT(*) AS n FROM consultation WHERE status IN ('waiting', 'active')")) as { n: number | string }[];
    expect(Number(open[0]?.n)).toBe(2);
    // Another network starts through any node meanwhile.
    const [woman] = await burst([servers[1] as TestServer], '203.0.113.20', 1);
    expect((await send(woman as ClientSocket, 'consultation:start', {})).ok).toBe(true);
  });
});

describe('the demand figures across nodes', () => {
  it("one network's widget openings over three nodes count its share of the day once, not once per node", async () => {
    const { servers } = await nodes(3);
    const caller = 'network-key-of-the-script';
    const counted = await Promise.all(Array.from({ length: 45 }, (_x, i) => (servers[i % 3] as TestServer).app.services.demand.count('opened', caller)));
    expect(counted.filter(Boolean)).toHaveLength(DEMAND_PER_CALLER_PER_DAY);
    // Every node reads the one figure, and another network still counts.
    expect(await (servers[2] as TestServer).app.services.demand.count('opened', 'another-network')).toBe(true);
    for (const s of servers) expect((await s.app.services.demand.today()).opened).toBe(DEMAND_PER_CALLER_PER_DAY + 1);
  });
});
