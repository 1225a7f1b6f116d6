import { describe, expect, it } from 'vitest';
import { redisPerFile } from '../../test/redis-per-file.js';
import { queueStoreContract } from '../domain/routing/queue-store.contract.js';
import { RedisQueueStore } from './redis-queue-store.js';

// The same contract the in-memory store keeps, against a real Redis: the races in it start every
// operation before awaiting any, so a script that split its check from its change would fail.
const file = redisPerFile();
let n = 0;

queueStoreContract('in Redis', async () => {
  // Each test its own prefix on one server: stores that shared keys would see each other's women.
  const store = new RedisQueueStore(file.redis.connect(), `t${++n}:`);
  await store.clear();
  return store;
});

describe('two relay nodes on one Redis', () => {
  it('race for the same women and counselors: each woman assigned once, no counselor over capacity, at most one offer a woman', async () => {
    const prefix = `nodes${++n}:`;
    const nodeA = new RedisQueueStore(file.redis.connect(), prefix);
    const nodeB = new RedisQueueStore(file.redis.connect(), prefix);
    await nodeA.clear();
    const women = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const counselors = ['s1', 's2', 's3', 's4', 's5'];
    await nodeA.restore(
      women.map((id, i) => ({ consultationId: id, urgent: i % 7 === 0, requeued: false, queuedAt: `2026-01-01T10:${String(i % 60).padStart(2, '0')}:00.000Z`, campaign: null })),
      counselors.map((staffId) => ({ staffId, status: 'available', connected: true, capacity: 3, load: 0, idleSince: 0 })),
      [],
    );
    // Every node offers every woman to every counselor and tries to assign her, all at once.
    const offers = women.flatMap((w, i) => counselors.map((s) => (i % 2 ? nodeA : nodeB).offer({ consultationId: w, staffId: s, offeredAt: 1, expiresAt: 2 }, false)));
    const assigns = women.flatMap((w, i) => counselors.map((s) => (i % 2 ? nodeB : nodeA).assign(s, w, 5)));
    const [made, taken] = await Promise.all([Promise.all(offers), Promise.all(assigns)]);
    expect(made.some(Boolean)).toBe(true);
    const won = taken.filter((r) => r.refusal === null).length;
    expect(won).toBe(counselors.length * 3); // every place filled, none twice
    const view = await nodeB.view();
    for (const c of view.counselors) expect(c.load).toBe(3);
    expect(view.waiting).toHaveLength(women.length - won);
    expect(new Set(view.offers.map((o) => o.consultationId)).size).toBe(view.offers.length);
    for (const o of view.offers) expect(view.waiting.some((w) => w.consultationId === o.consultationId)).toBe(true);
  });
});
