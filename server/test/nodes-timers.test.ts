import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { call, clientSocket, connected, startTestServer } from './harness.js';
import { nextClientOffline } from './node-links.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: "grace periods survive the node that set them". A node's timers die with it; the
// node that sweeps it (the job-lock holder) starts them again for everyone no live node has a
// socket of — before, a woman who had dropped before her node went kept her place for ever.
const file = redisPerFile();
const open = openPerTest();

describe("a node's grace timers, once it is gone", () => {
  it('run out on the node that swept it: a woman who dropped before her node stopped is ended as abandoned there', async () => {
    const periods = { clientGraceMs: 1500 };
    const node = () => createRedisNode(file.redis.connect(), { prefix: 'timers:', adapterBlockMs: 200, heartbeatMs: 200, clock: systemClock, log: createLogger('silent') });
    // Node A starts first and holds the job lock; node B shares its database, as on PostgreSQL.
    const a = await startTestServer({ routing: periods, shared: node() });
    const b = await startTestServer({ routing: periods, dir: a.dir, shared: node() });
    open.servers.push(b);
    const her = clientSocket(a);
    await connected(her);
    const { consultationId } = await call(her, 'consultation:start', {});
    // She drops: node A removes her socket from the registry and starts her grace timer…
    const goneFromA = nextClientOffline(a);
    her.disconnect();
    await goneFromA;
    // …and stops before it runs out: its timers stop with it, and its heartbeat goes.
    await a.stop();
    // Its folder is node B's database too: removed once B has stopped (after this test).
    open.after.push(() => a.cleanup());
    const status = async () => ((await b.rows('SELECT status, end_reason FROM consultation WHERE id = ?', consultationId)) as { status: string; end_reason: string | null }[])[0];
    expect((await status())?.status).toBe('waiting');
    // Node B takes the lock, sweeps node A, and runs her grace out itself.
    await expect.poll(status, { timeout: 15_000, interval: 100 }).toEqual({ status: 'ended', end_reason: 'abandoned' });
    expect((await b.app.services.routing.router.view()).waiting).toEqual([]);
  });
});
