import { describe, expect, it } from 'vitest';
import type { Scheduler } from '../../scheduler.js';
import { MemoryQueueStore } from './memory-queue-store.js';
import { Router } from './router.js';
import { fakeTime } from './fake-time.js';
import type { Offer, QueueItem, WithdrawReason } from './types.js';

function setup(opts: { offerTimeoutMs?: number } = {}) {
  const time = fakeTime();
  const offers: Offer[] = [];
  const withdrawn: { offer: Offer; reason: WithdrawReason; at: number }[] = [];
  const router = new Router(
    new MemoryQueueStore(),
    time.now,
    time.scheduler,
    {
      offered: (o) => void offers.push(o),
      offerWithdrawn: (offer, reason, at) => void withdrawn.push({ offer, reason, at }),
      failed: (caught) => {
        throw caught;
      },
    },
    { offerTimeoutMs: opts.offerTimeoutMs ?? 30_000 },
  );
  let t = 0;
  const item = (id: string, extra: Partial<QueueItem> = {}): QueueItem => ({
    consultationId: id,
    urgent: false,
    requeued: false,
    queuedAt: new Date(Date.UTC(2026, 0, 1, 10, 0, t++)).toISOString(),
    ...extra,
  });
  const counselor = (id: string, capacity = 3) => router.updateCounselor(id, { status: 'available', connected: true, capacity });
  /** Current offers by client id → counselor id. */
  const live = async () => {
    const pending = (await router.view()).offers;
    const isPending = (o: Offer) => pending.some((p) => p.consultationId === o.consultationId && p.staffId === o.staffId && p.offeredAt === o.offeredAt);
    return Object.fromEntries(offers.filter(isPending).map((o) => [o.consultationId, o.staffId]));
  };
  return { router, time, offers, withdrawn, item, counselor, live };
}

describe('routing policy, through the router', () => {
  it('orders the queue: requeued first, then urgent, FIFO within a priority', async () => {
    const { router, item } = setup();
    await router.enqueue(item('a'));
    await router.enqueue(item('b'));
    await router.enqueue(item('u1', { urgent: true }));
    await router.enqueue(item('c'));
    await router.enqueue(item('u2', { urgent: true }));
    await router.enqueue(item('r', { requeued: true }));
    expect((await router.queue()).map((q) => q.consultationId)).toEqual(['r', 'u1', 'u2', 'a', 'b', 'c']);
    expect(await router.position('a')).toBe(4);
    expect(await router.position('nobody')).toBeNull();
  });

  it('says when a withdrawn offer still stood: never after the next offer of the same woman was made', async () => {
    const { router, item, counselor, offers, withdrawn, time } = setup({ offerTimeoutMs: 800 });
    await counselor('k1', 1);
    await router.enqueue(item('a'));
    expect(offers.map((o) => [o.consultationId, o.staffId])).toEqual([['a', 'k1']]);
    await time.advance(300);
    await counselor('k2', 1);
    // k1 steps away: her offer goes back and k2 gets it, in the same turn.
    await router.updateCounselor('k1', { status: 'away' });
    expect(withdrawn.map((w) => [w.offer.staffId, w.reason, w.at])).toEqual([['k1', 'unavailable', time.now()]]);
    const next = offers.at(-1)!;
    expect([next.consultationId, next.staffId]).toEqual(['a', 'k2']);
    expect(withdrawn[0]!.at).toBeLessThanOrEqual(next.offeredAt);
    // k2 lets it run out: withdrawn as expired, with the time it still stood.
    await time.advance(800);
    expect(withdrawn.at(-1)).toMatchObject({ reason: 'expired', at: next.expiresAt });
  });

  it('offers the highest priority, longest-waiting client first', async () => {
    const { router, item, counselor, offers } = setup();
    await router.enqueue(item('a'));
    await router.enqueue(item('b'));
    await router.enqueue(item('u', { urgent: true }));
    await counselor('s1', 1);
    expect(offers.map((o) => o.consultationId)).toEqual(['u']);
  });

  it('offers to the least-loaded counselor; ties go to the one idle longest', async () => {
    const { router, item, counselor, time, live } = setup();
    await counselor('busy');
    await time.advance(1000);
    await counselor('idle-later');
    // Give "busy" one chat: she is now the most loaded.
    await router.enqueue(item('x'));
    await router.assign('busy', 'x');
    await time.advance(1000);
    await router.enqueue(item('a'));
    // idle-later has load 0 (busy has 1).
    expect((await live()).a).toBe('idle-later');
    await router.assign('idle-later', 'a');
    // Both have load 1 now; "busy" changed load earlier, so she has been idle longer.
    await router.enqueue(item('b'));
    expect((await live()).b).toBe('busy');
  });

  it('never offers or assigns beyond capacity, counting pending offers', async () => {
    const { router, item, counselor, live } = setup();
    await counselor('s1', 2);
    for (const id of ['a', 'b', 'c', 'd']) await router.enqueue(item(id));
    expect(Object.keys(await live()).sort()).toEqual(['a', 'b']);
    await router.assign('s1', 'a');
    await router.assign('s1', 'b');
    expect((await router.counselor('s1'))?.load).toBe(2);
    expect(Object.keys(await live())).toEqual([]);
    expect(await router.assign('s1', 'c')).toBe('at_capacity');
    // A chat ends: the next client is offered.
    await router.leave('a', 60_000);
    expect(Object.keys(await live())).toEqual(['c']);
  });

  it('passes an offer on to the next counselor when it times out', async () => {
    const { router, item, counselor, withdrawn, live, time } = setup({ offerTimeoutMs: 30_000 });
    await counselor('s1', 1);
    await time.advance(10);
    await counselor('s2', 1);
    await router.enqueue(item('a'));
    expect((await live()).a).toBe('s1');
    await time.advance(29_999);
    expect((await live()).a).toBe('s1');
    await time.advance(1);
    expect(withdrawn.at(-1)).toMatchObject({ offer: { staffId: 's1', consultationId: 'a' }, reason: 'expired' });
    expect((await live()).a).toBe('s2');
    // s2 lets it pass too: the round starts again with s1 rather than leaving her unoffered.
    await time.advance(30_000);
    expect((await live()).a).toBe('s1');
  });

  it('lets a counselor take any waiting client by hand, withdrawing its offer elsewhere', async () => {
    const { router, item, counselor, withdrawn, live } = setup();
    await counselor('s1', 3);
    await router.updateCounselor('s2', { status: 'away', connected: true, capacity: 3 });
    await router.enqueue(item('a'));
    await router.enqueue(item('b'));
    expect(await live()).toEqual({ a: 's1', b: 's1' });
    // s2 is away (not offered to) but may still pick b from the queue.
    // Asking is taking: the check and the change are one step of the store.
    expect(await router.assign('s2', 'b')).toBeNull();
    expect(withdrawn.at(-1)).toMatchObject({ offer: { consultationId: 'b', staffId: 's1' }, reason: 'taken' });
    expect((await router.queue()).map((q) => q.consultationId)).toEqual(['a']);
    expect(await router.assign('s2', 'b')).toBe('not_waiting');
  });

  it('withdraws offers from a counselor who goes away or drops, and re-offers them', async () => {
    const { router, item, counselor, live, withdrawn } = setup();
    await counselor('s1', 1);
    await counselor('s2', 1);
    await router.enqueue(item('a'));
    const first = (await live()).a;
    const other = first === 's1' ? 's2' : 's1';
    await router.updateCounselor(first as string, { connected: false });
    expect(withdrawn.at(-1)?.reason).toBe('unavailable');
    expect((await live()).a).toBe(other);
  });

  it('estimates the wait from handle times and free capacity; alternatives when nobody is on duty', async () => {
    const { router, item, counselor } = setup();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await router.enqueue(item(id));
    expect(await router.estimate(1)).toEqual({ estimatedWaitSeconds: null, showAlternatives: true });
    await counselor('s1', 2);
    await router.assign('s1', 'a');
    await router.assign('s1', 'b');
    await router.leave('a', 10 * 60_000);
    await router.leave('b', 20 * 60_000);
    await router.assign('s1', 'c');
    await router.assign('s1', 'd');
    // Full (2 of 2), average handle 15 min over capacity 2: the first in line waits 7.5 min.
    expect(await router.estimate(1)).toEqual({ estimatedWaitSeconds: 450, showAlternatives: false });
    expect(await router.estimate(3)).toEqual({ estimatedWaitSeconds: 1350, showAlternatives: true });
  });

  it('a client who leaves takes her offer with her', async () => {
    const { router, item, counselor, withdrawn } = setup();
    await counselor('s1', 1);
    await router.enqueue(item('a'));
    await router.leave('a');
    expect(withdrawn.at(-1)?.reason).toBe('gone');
    expect(await router.queue()).toEqual([]);
  });
});


describe('offers a node left behind (a store shared by several nodes)', () => {
  /** Two routers on one store, as two relay nodes on one Redis; one clock, one set of timers. */
  function twoNodes() {
    const time = fakeTime();
    const store = new MemoryQueueStore();
    const heard: { node: string; offer: Offer; reason: WithdrawReason }[] = [];
    const offered: { node: string; offer: Offer }[] = [];
    const node = (name: string) =>
      new Router(store, time.now, time.scheduler, {
        offered: (offer) => void offered.push({ node: name, offer }),
        offerWithdrawn: (offer, reason) => void heard.push({ node: name, offer, reason }),
        failed: (caught) => {
          throw caught;
        },
      }, { offerTimeoutMs: 30_000 });
    return { time, store, heard, offered, a: node('a'), b: node('b') };
  }
  const waiting = (id: string): QueueItem => ({ consultationId: id, urgent: false, requeued: false, queuedAt: '2026-01-01T10:00:00.000Z' });

  it('a node that died with its timer: the offer expires on another node, and she is offered to the next counselor', async () => {
    const { time, heard, offered, a, b } = twoNodes();
    await a.updateCounselor('s1', { status: 'available', connected: true, capacity: 1 });
    await a.enqueue(waiting('w'));
    expect(offered.map((o) => [o.node, o.offer.staffId])).toEqual([['a', 's1']]);
    a.stop(); // node A dies: its timer for the offer is gone, the offer stays in the store
    await b.updateCounselor('s2', { status: 'available', connected: true, capacity: 1 });
    await time.advance(60_000);
    expect(heard).toEqual([]); // nobody watches it: without adoption she would wait for ever
    // The sweep leaves an offer alone until it is overdue by the slack, then takes it on.
    expect(await b.adoptOffers(90_000)).toBe(0);
    expect(await b.adoptOffers(2_000)).toBe(1);
    await time.advance(0);
    expect(heard.map((h) => [h.node, h.offer.staffId, h.reason])).toEqual([['b', 's1', 'expired']]);
    expect(offered.at(-1)).toMatchObject({ node: 'b', offer: { consultationId: 'w', staffId: 's2' } });
  });

  it('a restart that meets its own offers: watched for the time they have left, not restarted', async () => {
    const { time, heard, a, b } = twoNodes();
    await a.updateCounselor('s1', { status: 'available', connected: true, capacity: 1 });
    await a.enqueue(waiting('w'));
    a.stop();
    await time.advance(10_000);
    expect(await b.adoptOffers()).toBe(1);
    await time.advance(19_999);
    expect(heard).toEqual([]);
    await time.advance(1);
    expect(heard.map((h) => h.reason)).toEqual(['expired']);
  });

  it('both nodes watching one offer expire it once', async () => {
    const { time, heard, a, b } = twoNodes();
    await a.updateCounselor('s1', { status: 'available', connected: true, capacity: 1 });
    await a.updateCounselor('s2', { status: 'available', connected: true, capacity: 1 });
    await a.enqueue(waiting('w'));
    expect(await b.adoptOffers()).toBe(1); // A's own timer and B's, both live
    expect(await b.adoptOffers()).toBe(0); // adopting again adds no second timer
    await time.advance(30_000);
    expect(heard.filter((h) => h.offer.staffId === 's1').map((h) => h.reason)).toEqual(['expired']);
  });
});
