import { describe, expect, it } from 'vitest';
import { redisPerFile } from '../../test/redis-per-file.js';
import { RedisStoreIncarnation } from './redis-store-incarnation.js';

// Issue 17: Redis keeps nothing on disk, so a restarted Redis is empty while the nodes run on.
// The store says whether it still holds what a node restored into it.
const file = redisPerFile();
let n = 0;
const BEAT_MS = 50;

function incarnations(count: number): RedisStoreIncarnation[] {
  const prefix = `inc${++n}:`;
  return Array.from({ length: count }, (_, i) => new RedisStoreIncarnation(file.redis.connect(), prefix, `node-${i}`, BEAT_MS));
}

/** Resolves with how many times `lost` was called once `beats` heartbeats have passed. */
async function lostAfter(watching: RedisStoreIncarnation, id: string, beats: number, between: () => Promise<unknown> = async () => undefined): Promise<number> {
  let lost = 0;
  watching.watch(id, () => void lost++);
  await between();
  await new Promise((resolve) => setTimeout(resolve, BEAT_MS * beats));
  watching.stop();
  return lost;
}

describe('the shared store\'s incarnation in Redis', () => {
  it('an empty store is claimed by one node of several at once; the others see it being restored, then restored', async () => {
    const nodes = incarnations(4);
    expect(await nodes[0]?.read()).toEqual({ state: 'empty' });
    const claims = await Promise.all(nodes.map((i) => i.claim()));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = nodes[claims.indexOf(true)] as RedisStoreIncarnation;
    expect(await nodes[0]?.read()).toEqual({ state: 'restoring' });
    const id = (await winner.restored()) as string;
    for (const i of nodes) expect(await i.read()).toEqual({ state: 'restored', id });
    // Restored, it cannot be claimed again: a store is restored once until it is lost.
    expect(await Promise.all(nodes.map((i) => i.claim()))).toEqual([false, false, false, false]);
  });

  it('a restore whose claim Redis lost meanwhile (flushed, or restarted) is not named: null, and the store stays empty', async () => {
    const [node] = incarnations(1) as [RedisStoreIncarnation];
    expect(await node.claim()).toBe(true);
    await file.redis.connect().flushall();
    expect(await node.restored()).toBeNull();
    expect(await node.read()).toEqual({ state: 'empty' });
  });

  it('the watch stays quiet while the store holds the restore it watches, and speaks once when Redis is flushed', async () => {
    const [node] = incarnations(1) as [RedisStoreIncarnation];
    await node.claim();
    const id = (await node.restored()) as string;
    expect(await lostAfter(node, id, 6)).toBe(0);
    expect(await lostAfter(node, id, 6, () => file.redis.connect().flushall())).toBe(1);
  });

  it('the watch speaks when another node restored the store again meanwhile (it was lost and refilled between two beats)', async () => {
    const [a, b] = incarnations(2) as [RedisStoreIncarnation, RedisStoreIncarnation];
    await a.claim();
    const first = (await a.restored()) as string;
    const refilled = async () => {
      await file.redis.connect().flushall();
      expect(await b.claim()).toBe(true);
      await b.restored();
    };
    expect(await lostAfter(a, first, 6, refilled)).toBe(1);
  });

  it('the watch speaks once Redis, killed and started again, answers empty — and says nothing while it is down', async () => {
    const [node] = incarnations(1) as [RedisStoreIncarnation];
    await node.claim();
    const id = (await node.restored()) as string;
    let lost = 0;
    node.watch(id, () => void lost++);
    try {
      await file.redis.restart();
      await expect.poll(() => lost, { timeout: 15_000, interval: BEAT_MS }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, BEAT_MS * 4));
      expect(lost).toBe(1);
    } finally {
      node.stop();
    }
  });
});
