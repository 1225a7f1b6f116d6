import type { SharedNode } from '../src/cluster/shared-node.js';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { reportConnection } from '../src/redis/connection.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { startTestServer, type TestServer, type TestServerOptions } from './harness.js';
import type { OpenPerTest } from './open-per-test.js';
import type { TestRedis } from './redis-server.js';

let n = 0;

/**
 * `count` relay nodes (createApp on port 0) on one real Redis under a prefix of their own, sharing
 * one database as nodes on PostgreSQL do, behind one trusted proxy (callers by X-Forwarded-For);
 * heartbeats every 200 ms. Stopped after the test by `open` (the first node's folder last).
 */
export async function nodesOnRedis(redis: TestRedis, open: OpenPerTest, count: number, opts: TestServerOptions = {}): Promise<{ servers: TestServer[]; shared: SharedNode[] }> {
  const prefix = `n${++n}-${process.pid}:`;
  const servers: TestServer[] = [];
  const shared: SharedNode[] = [];
  for (let i = 0; i < count; i++) {
    // The node's own connection reports Redis going and coming as main.ts's does (connection.ts);
    // a bare client's refused reconnections were printed raw by ioredis while a test restarted Redis.
    const log = createLogger('silent');
    const node = createRedisNode(reportConnection(redis.connect(), log, 'node'), { prefix, adapterBlockMs: 200, heartbeatMs: 200, clock: systemClock, log });
    shared.push(node);
    servers.push(await startTestServer({ trustedProxyHops: 1, ...opts, shared: node, ...(servers[0] ? { dir: servers[0].dir } : {}) }));
  }
  // The first node's folder holds the others' database: removed after every node has stopped.
  open.servers.push(...servers.slice(1).reverse(), servers[0] as TestServer);
  return { servers, shared };
}
