import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { redisPerFile } from '../../test/redis-per-file.js';
import { clientPerson, staffPerson } from '../cluster/node-presence.js';
import { createLogger } from '../log.js';
import { RedisJobLock } from './redis-job-lock.js';
import { RedisNodePresence } from './redis-node-presence.js';

// Issue 17: node liveness — heartbeats, whose sockets are on which node, and the sweep of dead nodes.
const file = redisPerFile();
let n = 0;
const log = createLogger('silent');

/** Resolves once `ok()` holds, looking again every few milliseconds (an event, not a fixed sleep). */
async function until(ok: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await ok())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * How often the nodes of the liveness tests beat: a heartbeat lives three beats, and a live node
 * must not be taken for dead while the machine is busy (at 50 ms, a 150-ms stall under the full
 * suite let a live holder's lease be taken); a killed node is seen dead within 1.2 s.
 */
const LIVE_BEAT_MS = 400;

/** Nodes beating on one Redis under a prefix of this test's own; each with its own connection. */
function nodesOf(beatMs: number) {
  const prefix = `presence${++n}:`;
  const made: RedisNodePresence[] = [];
  return {
    prefix,
    node: async () => {
      const node = new RedisNodePresence(file.redis.connect(), log, prefix, beatMs);
      await node.start();
      made.push(node);
      return node;
    },
    /** Kills a node as SIGKILL would: no beats from its loop or its thread (ended as if stopping), nothing removed. */
    kill: (node: RedisNodePresence) => {
      const inside = node as unknown as { thread: { worker: Worker; stopping: boolean }; stopLoopBeats(): void };
      inside.stopLoopBeats();
      inside.thread.stopping = true;
      void inside.thread.worker.terminate();
    },
    stopAll: () => made.forEach((m) => m.stop()),
  };
}

describe('node presence in Redis', () => {
  it("a dead node's sockets are claimed by one sweep, once; who still has a socket on a live node is not gone", async () => {
    const cluster = nodesOf(LIVE_BEAT_MS);
    const [a, b] = [await cluster.node(), await cluster.node()];
    await a.add('sa1', staffPerson('sato'));
    await a.add('ca1', clientPerson('w1'));
    await a.add('ca2', clientPerson('w2'));
    await b.add('cb2', clientPerson('w2'));
    await a.add('sa2', staffPerson('tanaka'));
    await a.remove('sa2');
    expect(await b.anywhere(staffPerson('sato'))).toBe(true);
    expect(await b.anywhere(staffPerson('tanaka'))).toBe(false);
    // Both alive: nothing to sweep.
    expect(await b.sweep()).toEqual({ nodes: [], gone: [] });
    cluster.kill(a);
    await until(async () => !(await b.anywhere(staffPerson('sato'))));
    // Two sweepers at once (the job holder and, say, one that lost the lock meanwhile): one gets them.
    const [first, second] = await Promise.all([b.sweep(), b.sweep()]);
    const claimed = [first, second].find((s) => s.nodes.length > 0);
    expect(claimed?.nodes).toEqual([a.nodeId]);
    expect(claimed?.gone.sort()).toEqual([clientPerson('w1'), staffPerson('sato')]);
    expect([first, second].filter((s) => s.nodes.length > 0)).toHaveLength(1);
    expect(await b.sweep()).toEqual({ nodes: [], gone: [] });
    // w2's socket on the live node still counts.
    expect(await b.anywhere(clientPerson('w2'))).toBe(true);
    cluster.stopAll();
  });

  it('a node that stops on purpose removes its heartbeat, so its sockets are swept at once', async () => {
    const cluster = nodesOf(60_000);
    const [a, b] = [await cluster.node(), await cluster.node()];
    await a.add('sa1', staffPerson('sato'));
    a.stop();
    await until(async () => (await b.sweep()).gone.includes(staffPerson('sato')));
    cluster.stopAll();
  });

  it('a socket bound to a second consultation leaves the first one', async () => {
    const cluster = nodesOf(60_000);
    const a = await cluster.node();
    await a.add('s1', clientPerson('first'));
    await a.add('s1', clientPerson('second'));
    expect([await a.anywhere(clientPerson('first')), await a.anywhere(clientPerson('second'))]).toEqual([false, true]);
    cluster.stopAll();
  });

  it('a node whose heartbeat ran out (a long pause) is told when it beats again', async () => {
    const cluster = nodesOf(40);
    const a = await cluster.node();
    let lapses = 0;
    a.onLapse(() => void lapses++);
    await file.redis.connect().del(`${cluster.prefix}{routing}:node:${a.nodeId}`);
    await until(() => lapses === 1);
    cluster.stopAll();
  });
});

describe('the job lock with node liveness', () => {
  it("a lease whose holder's heartbeat is gone is taken over at once; a live holder's is not, and a late holder gets nothing back", async () => {
    const cluster = nodesOf(LIVE_BEAT_MS);
    const [a, b] = [await cluster.node(), await cluster.node()];
    const key = `${cluster.prefix}jobs:lock`;
    // A lease of ten minutes: only the takeover can move it within the test.
    const lockA = new RedisJobLock(file.redis.connect(), key, 600_000, a);
    const lockB = new RedisJobLock(file.redis.connect(), key, 600_000, b);
    expect(await lockA.acquire()).toBe(true);
    expect(await lockB.acquire()).toBe(false);
    expect(await lockB.heldElsewhere()).toBe(true);
    cluster.kill(a);
    // A dead holder holds nothing: a node starting now sees no running cluster.
    await until(async () => !(await lockB.heldElsewhere()));
    expect(await lockB.acquire()).toBe(true);
    expect(await file.redis.connect().get(key)).toBe(b.nodeId);
    expect(await lockA.acquire()).toBe(false);
    cluster.stopAll();
  });
});
