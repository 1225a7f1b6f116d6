import { describe, expect, it } from 'vitest';
import { compareItems, MemoryQueueStore, type Offer, type QueueItem, Router, type Scheduler, type WithdrawReason } from './routing.js';

/** Timers fired by hand; the clock moves only when a test moves it. */
function fakeTime() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const scheduler: Scheduler = {
    set: (ms, fn) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      due[1].fn();
    }
  };
  return { now: () => now, scheduler, advance, pending: () => timers.size };
}

function setup(opts: { offerTimeoutMs?: number } = {}) {
  const time = fakeTime();
  const offers: Offer[] = [];
  const withdrawn: { offer: Offer; reason: WithdrawReason }[] = [];
  const router = new Router(
    new MemoryQueueStore(),
    time.now,
    time.scheduler,
    { offered: (o) => void offers.push(o), offerWithdrawn: (offer, reason) => void withdrawn.push({ offer, reason }) },
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
  const live = () => Object.fromEntries(offers.filter((o) => router.offerFor(o.consultationId) === o).map((o) => [o.consultationId, o.staffId]));
  return { router, time, offers, withdrawn, item, counselor, live };
}

describe('routing policy', () => {
  it('orders the queue: requeued first, then urgent, FIFO within a priority', () => {
    const { router, item } = setup();
    router.enqueue(item('a'));
    router.enqueue(item('b'));
    router.enqueue(item('u1', { urgent: true }));
    router.enqueue(item('c'));
    router.enqueue(item('u2', { urgent: true }));
    router.enqueue(item('r', { requeued: true }));
    expect(router.queue().map((q) => q.consultationId)).toEqual(['r', 'u1', 'u2', 'a', 'b', 'c']);
    expect(router.position('a')).toBe(4);
    expect(router.position('nobody')).toBeNull();
  });

  it('offers the highest priority, longest-waiting client first', () => {
    const { router, item, counselor, offers } = setup();
    router.enqueue(item('a'));
    router.enqueue(item('b'));
    router.enqueue(item('u', { urgent: true }));
    counselor('s1', 1);
    expect(offers.map((o) => o.consultationId)).toEqual(['u']);
  });

  it('offers to the least-loaded counselor; ties go to the one idle longest', () => {
    const { router, item, counselor, time, live } = setup();
    counselor('busy');
    time.advance(1000);
    counselor('idle-later');
    // Give "busy" one chat: she is now the most loaded.
    router.enqueue(item('x'));
    router.assigned('busy', 'x');
    time.advance(1000);
    router.enqueue(item('a'));
    // idle-later has load 0 (busy has 1).
    expect(live().a).toBe('idle-later');
    router.assigned('idle-later', 'a');
    // Both have load 1 now; "busy" changed load earlier, so she has been idle longer.
    router.enqueue(item('b'));
    expect(live().b).toBe('busy');
  });

  it('never offers or assigns beyond capacity, counting pending offers', () => {
    const { router, item, counselor, live } = setup();
    counselor('s1', 2);
    for (const id of ['a', 'b', 'c', 'd']) router.enqueue(item(id));
    expect(Object.keys(live()).sort()).toEqual(['a', 'b']);
    router.assigned('s1', 'a');
    router.assigned('s1', 'b');
    expect(router.counselor('s1')?.load).toBe(2);
    expect(Object.keys(live())).toEqual([]);
    expect(router.canAssign('s1', 'c')).toBe('at_capacity');
    // A chat ends: the next client is offered.
    router.released('s1', 60_000);
    expect(Object.keys(live())).toEqual(['c']);
  });

  it('passes an offer on to the next counselor when it times out', () => {
    const { router, item, counselor, withdrawn, live, time } = setup({ offerTimeoutMs: 30_000 });
    counselor('s1', 1);
    time.advance(10);
    counselor('s2', 1);
    router.enqueue(item('a'));
    expect(live().a).toBe('s1');
    time.advance(29_999);
    expect(live().a).toBe('s1');
    time.advance(1);
    expect(withdrawn.at(-1)).toMatchObject({ offer: { staffId: 's1', consultationId: 'a' }, reason: 'expired' });
    expect(live().a).toBe('s2');
    // s2 lets it pass too: the round starts again with s1 rather than leaving her unoffered.
    time.advance(30_000);
    expect(live().a).toBe('s1');
  });

  it('lets a counselor take any waiting client by hand, withdrawing its offer elsewhere', () => {
    const { router, item, counselor, withdrawn, live } = setup();
    counselor('s1', 3);
    router.updateCounselor('s2', { status: 'away', connected: true, capacity: 3 });
    router.enqueue(item('a'));
    router.enqueue(item('b'));
    expect(live()).toEqual({ a: 's1', b: 's1' });
    // s2 is away (not offered to) but may still pick b from the queue.
    expect(router.canAssign('s2', 'b')).toBeNull();
    router.assigned('s2', 'b');
    expect(withdrawn.at(-1)).toMatchObject({ offer: { consultationId: 'b', staffId: 's1' }, reason: 'taken' });
    expect(router.queue().map((q) => q.consultationId)).toEqual(['a']);
    expect(router.canAssign('s2', 'b')).toBe('not_waiting');
  });

  it('withdraws offers from a counselor who goes away or drops, and re-offers them', () => {
    const { router, item, counselor, live, withdrawn } = setup();
    counselor('s1', 1);
    counselor('s2', 1);
    router.enqueue(item('a'));
    const first = live().a;
    const other = first === 's1' ? 's2' : 's1';
    router.updateCounselor(first as string, { connected: false });
    expect(withdrawn.at(-1)?.reason).toBe('unavailable');
    expect(live().a).toBe(other);
  });

  it('estimates the wait from handle times and free capacity; alternatives when nobody is on duty', () => {
    const { router, item, counselor } = setup();
    for (const id of ['a', 'b', 'c', 'd', 'e']) router.enqueue(item(id));
    expect(router.estimate(1)).toEqual({ estimatedWaitSeconds: null, showAlternatives: true });
    counselor('s1', 2);
    router.assigned('s1', 'a');
    router.assigned('s1', 'b');
    router.released('s1', 10 * 60_000);
    router.released('s1', 20 * 60_000);
    router.assigned('s1', 'c');
    router.assigned('s1', 'd');
    // Full (2 of 2), average handle 15 min over capacity 2: the first in line waits 7.5 min.
    expect(router.estimate(1)).toEqual({ estimatedWaitSeconds: 450, showAlternatives: false });
    expect(router.estimate(3)).toEqual({ estimatedWaitSeconds: 1350, showAlternatives: true });
  });

  it('a client who leaves takes her offer with her', () => {
    const { router, item, counselor, withdrawn } = setup();
    counselor('s1', 1);
    router.enqueue(item('a'));
    router.remove('a');
    expect(withdrawn.at(-1)?.reason).toBe('gone');
    expect(router.queue()).toEqual([]);
  });
});

describe('the in-memory queue store', () => {
  it('keeps queue order through any mix of arrivals, departures and re-puts, without re-sorting', () => {
    const store = new MemoryQueueStore();
    const reference = new Map<string, QueueItem>();
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 3000; step++) {
      const id = `c${Math.floor(random() * 400)}`;
      const r = random();
      if (r < 0.55) {
        // Same second for many, so the order often rests on the tie-breakers.
        const item = { consultationId: id, urgent: random() < 0.2, requeued: random() < 0.1, queuedAt: `2026-01-01T10:00:${String(Math.floor(random() * 60)).padStart(2, '0')}.000Z` };
        store.putWaiting(item);
        reference.set(id, item);
      } else {
        expect(store.removeWaiting(id)?.consultationId).toBe(reference.get(id)?.consultationId);
        reference.delete(id);
      }
      if (step % 50 === 0) expect(store.waiting().map((w) => w.consultationId)).toEqual([...reference.values()].sort(compareItems).map((w) => w.consultationId));
    }
    expect(store.waiting().map((w) => w.consultationId)).toEqual([...reference.values()].sort(compareItems).map((w) => w.consultationId));
  });

  it('hands out a list that stays as it was while the queue changes (dispatch iterates it)', () => {
    const store = new MemoryQueueStore();
    ['a', 'b', 'c'].forEach((id, i) => store.putWaiting({ consultationId: id, urgent: false, requeued: false, queuedAt: `2026-01-01T10:00:0${i + 1}.000Z` }));
    const seen = store.waiting();
    store.removeWaiting('a');
    store.putWaiting({ consultationId: 'z', urgent: true, requeued: false, queuedAt: '2026-01-01T10:00:09.000Z' });
    expect(seen.map((w) => w.consultationId)).toEqual(['a', 'b', 'c']);
    expect(store.waiting().map((w) => w.consultationId)).toEqual(['z', 'b', 'c']);
  });
});
