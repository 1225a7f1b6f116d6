/**
 * The contract every {@link QueueStore} keeps, as a test suite any implementation runs (the
 * in-memory one now; a Redis one later, against a real Redis): queue order, conditional offers and
 * withdrawals, and the atomic steps behind the guarantees — of two counselors racing for one woman
 * exactly one wins, no counselor passes her capacity, no woman gets two offers. The races start
 * every operation before awaiting any, so a store that splits its check from its change fails.
 */
import { describe, expect, it } from 'vitest';
import { compareItems } from './policy.js';
import type { QueueStore } from './queue-store.js';
import type { CounselorSlot, Holding, Offer, QueueItem } from './types.js';

const item = (id: string, second = 0, extra: Partial<QueueItem> = {}): QueueItem => ({
  consultationId: id,
  urgent: false,
  requeued: false,
  queuedAt: `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`,
  campaign: null,
  ...extra,
});
const slot = (staffId: string, extra: Partial<CounselorSlot> = {}): CounselorSlot => ({
  staffId, status: 'available', connected: true, capacity: 3, load: 0, idleSince: 0, ...extra,
});
const offer = (consultationId: string, staffId: string, at = 1000): Offer => ({ consultationId, staffId, offeredAt: at, expiresAt: at + 30_000 });
const ids = (items: readonly QueueItem[]) => items.map((w) => w.consultationId);
/** Chats held by one counselor: `n` of them, named after her. */
const holding = (staffId: string, n: number): Holding[] => Array.from({ length: n }, (_, i) => ({ consultationId: `${staffId}-chat${i + 1}`, staffId }));

export function queueStoreContract(name: string, make: () => Promise<QueueStore>): void {
  describe(`queue store contract: ${name}`, () => {
    it('keeps queue order through any mix of arrivals, departures and re-puts, without re-sorting', async () => {
      const store = await make();
      const reference = new Map<string, QueueItem>();
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let step = 0; step < 3000; step++) {
        const id = `c${Math.floor(random() * 400)}`;
        const r = random();
        if (r < 0.55) {
          // Same second for many, so the order often rests on the tie-breakers.
          const next = { consultationId: id, urgent: random() < 0.2, requeued: random() < 0.1, queuedAt: `2026-01-01T10:00:${String(Math.floor(random() * 60)).padStart(2, '0')}.000Z` };
          await store.enqueue(next);
          reference.set(id, next);
        } else {
          expect((await store.leave(id, 0)).item?.consultationId).toBe(reference.get(id)?.consultationId);
          reference.delete(id);
        }
        if (step % 50 === 0) expect(ids((await store.view()).waiting)).toEqual(ids([...reference.values()].sort(compareItems)));
      }
      expect(ids((await store.view()).waiting)).toEqual(ids([...reference.values()].sort(compareItems)));
    });

    it("answers a woman's place, the queue's head, its length and its ids as the whole queue would", async () => {
      const store = await make();
      const reference = new Map<string, QueueItem>();
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let step = 0; step < 600; step++) {
        const id = `c${Math.floor(random() * 80)}`;
        if (random() < 0.6) {
          const next = { consultationId: id, urgent: random() < 0.2, requeued: random() < 0.1, queuedAt: `2026-01-01T10:00:${String(Math.floor(random() * 60)).padStart(2, '0')}.000Z`, campaign: null };
          await store.enqueue(next);
          reference.set(id, next);
        } else {
          await store.leave(id, 0);
          reference.delete(id);
        }
        if (step % 40 !== 0) continue;
        const whole = [...reference.values()].sort(compareItems);
        expect(await store.waitingCount()).toBe(whole.length);
        expect(await store.waitingIds()).toEqual(ids(whole));
        for (const head of [0, 1, 5, whole.length + 3]) expect((await store.view(head)).waiting).toEqual(whole.slice(0, head));
        for (const [i, w] of whole.entries()) expect(await store.place(w.consultationId)).toEqual({ item: w, position: i + 1, waiting: whole.length });
      }
      expect(await store.place('nobody')).toBeNull();
    });

    it("reads the head with the rest of the picture whole: counselors, offers, passes", async () => {
      const store = await make();
      await store.restore([item('a', 1), item('b', 2), item('c', 3)], [slot('s1')], []);
      expect(await store.offer(offer('b', 's1'), false)).toBe(true);
      const head = await store.view(1);
      expect(ids(head.waiting)).toEqual(['a']);
      expect(head.offers).toEqual([offer('b', 's1')]);
      expect(head.counselors).toEqual((await store.view()).counselors);
      expect((await store.view(0)).waiting).toEqual([]);
    });

    it('hands out a list that stays as it was while the queue changes (dispatch iterates it)', async () => {
      const store = await make();
      for (const [i, id] of ['a', 'b', 'c'].entries()) await store.enqueue(item(id, i + 1));
      const seen = (await store.view()).waiting;
      await store.leave('a', 0);
      await store.enqueue(item('z', 9, { urgent: true }));
      expect(ids(seen)).toEqual(['a', 'b', 'c']);
      expect(ids((await store.view()).waiting)).toEqual(['z', 'b', 'c']);
    });

    it('restores items and counselors; a new counselor starts as given, a change merges', async () => {
      const store = await make();
      await store.restore([item('b', 2), item('a', 1)], [slot('s1', { load: 2, connected: false })], holding('s1', 2));
      expect(ids((await store.view()).waiting)).toEqual(['a', 'b']);
      expect(await store.counselor('s1')).toMatchObject({ load: 2, connected: false });
      expect(await store.updateCounselor('s2', { connected: true }, slot('s2', { status: 'away', connected: false }))).toMatchObject({ status: 'away', connected: true });
      expect(await store.updateCounselor('s1', { capacity: 5 }, slot('s1'))).toMatchObject({ load: 2, capacity: 5, connected: false });
      expect(await store.counselor('nobody')).toBeNull();
    });

    it('a rejoin replaces her entry: requeued, she goes to the front', async () => {
      const store = await make();
      await store.enqueue(item('a', 1));
      await store.enqueue(item('b', 2));
      await store.enqueue(item('b', 3, { requeued: true }));
      expect((await store.view()).waiting.map((w) => [w.consultationId, w.requeued])).toEqual([['b', true], ['a', false]]);
    });

    it('makes an offer only while it holds: she waits without one, he is on duty with room counting offers', async () => {
      const store = await make();
      await store.restore([item('a', 1), item('b', 2), item('c', 3)], [slot('s1', { capacity: 2, load: 1 }), slot('away', { status: 'away' }), slot('gone', { connected: false })], holding('s1', 1));
      expect(await store.offer(offer('nobody', 's1'), false)).toBe(false);
      expect(await store.offer(offer('a', 'unknown'), false)).toBe(false);
      expect(await store.offer(offer('a', 'away'), false)).toBe(false);
      expect(await store.offer(offer('a', 'gone'), false)).toBe(false);
      expect(await store.offer(offer('a', 's1'), false)).toBe(true);
      expect(await store.offer(offer('a', 's1', 2000), false)).toBe(false); // one offer per woman
      expect(await store.offer(offer('b', 's1'), false)).toBe(false); // load 1 + 1 offer = capacity 2
      expect((await store.view()).offers).toEqual([offer('a', 's1')]);
    });

    it('withdraws only the offer still pending; a pass is remembered until she leaves or a round restarts', async () => {
      const store = await make();
      await store.restore([item('a', 1)], [slot('s1'), slot('s2')], []);
      await store.offer(offer('a', 's1'), false);
      expect(await store.withdraw(offer('a', 's1', 999), true)).toBe(false); // another offer than this one
      expect(await store.withdraw(offer('a', 's1'), true)).toBe(true);
      expect(await store.withdraw(offer('a', 's1'), true)).toBe(false); // fired twice: once
      expect([...((await store.view()).passedOver.get('a') ?? [])]).toEqual(['s1']);
      await store.offer(offer('a', 's2'), false);
      await store.withdraw(offer('a', 's2'), true);
      expect([...((await store.view()).passedOver.get('a') ?? [])].sort()).toEqual(['s1', 's2']);
      expect(await store.offer(offer('a', 's1', 5000), true)).toBe(true);
      expect((await store.view()).passedOver.has('a')).toBe(false);
      await store.withdraw(offer('a', 's1', 5000), true);
      expect(await store.leave('a', 0)).toEqual({ item: expect.objectContaining({ consultationId: 'a' }), offer: null, heldBy: null });
      expect((await store.view()).passedOver.has('a')).toBe(false);
    });

    it('assigns a waiting woman once: refusals change nothing; success takes her and her offer out, load up', async () => {
      const store = await make();
      await store.restore([item('a', 1), item('b', 2)], [slot('s1', { capacity: 1 }), slot('s2', { status: 'away' })], []);
      await store.offer(offer('a', 's1'), false);
      expect(await store.assign('unknown', 'a', 5)).toEqual({ refusal: 'unknown_counselor' });
      expect(await store.assign('s1', 'nobody', 5)).toEqual({ refusal: 'not_waiting' });
      // Away counselors may still take by hand; the offer to s1 comes back to be withdrawn.
      expect(await store.assign('s2', 'a', 5)).toEqual({ refusal: null, offer: offer('a', 's1') });
      expect(await store.counselor('s2')).toMatchObject({ load: 1, idleSince: 5 });
      expect(ids((await store.view()).waiting)).toEqual(['b']);
      expect((await store.view()).offers).toEqual([]);
      await store.assign('s1', 'b', 6);
      await store.enqueue(item('c', 3));
      expect(await store.assign('s1', 'c', 7)).toEqual({ refusal: 'at_capacity' });
      expect(ids((await store.view()).waiting)).toEqual(['c']);
    });

    it('two counselors racing for one woman: exactly one wins', async () => {
      const store = await make();
      await store.restore([item('a', 1)], [slot('s1'), slot('s2')], []);
      const results = await Promise.all([store.assign('s1', 'a', 1), store.assign('s2', 'a', 1)]);
      expect(results.filter((r) => r.refusal === null)).toHaveLength(1);
      expect(results.filter((r) => r.refusal === 'not_waiting')).toHaveLength(1);
      const loads = await Promise.all(['s1', 's2'].map(async (id) => (await store.counselor(id))?.load));
      expect(loads.sort()).toEqual([0, 1]);
    });

    it('one counselor racing for more women than she has room: never over capacity', async () => {
      const store = await make();
      await store.restore(['a', 'b', 'c', 'd'].map((id, i) => item(id, i)), [slot('s1', { capacity: 2 })], []);
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.assign('s1', id, 1)));
      expect(results.filter((r) => r.refusal === null)).toHaveLength(2);
      expect(results.filter((r) => r.refusal === 'at_capacity')).toHaveLength(2);
      expect((await store.counselor('s1'))?.load).toBe(2);
    });

    it('offers racing: one woman gets one offer, a counselor no more than her room', async () => {
      const store = await make();
      await store.restore([item('a', 1), item('b', 2), item('c', 3)], [slot('s1', { capacity: 1 }), slot('s2', { capacity: 1 })], []);
      const forA = await Promise.all([store.offer(offer('a', 's1'), false), store.offer(offer('a', 's2'), false)]);
      expect(forA.filter(Boolean)).toHaveLength(1);
      const holder = (await store.view()).offers[0]?.staffId as string;
      const toHolder = await Promise.all([store.offer(offer('b', holder), false), store.offer(offer('c', holder), false)]);
      expect(toHolder.filter(Boolean)).toHaveLength(0);
      const other = holder === 's1' ? 's2' : 's1';
      const toOther = await Promise.all([store.offer(offer('b', other), false), store.offer(offer('c', other), false)]);
      expect(toOther.filter(Boolean)).toHaveLength(1);
      expect((await store.view()).offers).toHaveLength(2);
    });

    it('transfers a chat only from the counselor who holds it, to a known, connected counselor with room', async () => {
      const store = await make();
      const counselors = [slot('from', { load: 1 }), slot('full', { capacity: 1, load: 1 }), slot('off', { connected: false }), slot('to', { status: 'away' })];
      await store.restore([], counselors, [...holding('from', 1), ...holding('full', 1)]);
      const chat = 'from-chat1';
      expect(await store.transfer(chat, 'someone-else', 'to', 1)).toBe('not_held');
      expect(await store.transfer('nobody', 'from', 'to', 1)).toBe('not_held');
      expect(await store.transfer(chat, 'from', 'unknown', 1)).toBe('unknown_counselor');
      expect(await store.transfer(chat, 'from', 'off', 1)).toBe('offline');
      expect(await store.transfer(chat, 'from', 'full', 1)).toBe('at_capacity');
      expect(await store.transfer(chat, 'from', 'to', 2)).toBeNull(); // away is fine for a named transfer
      expect([(await store.counselor('from'))?.load, (await store.counselor('to'))?.load]).toEqual([0, 1]);
      expect(await store.transfer(chat, 'from', 'to', 3)).toBe('not_held'); // the second of two at once
    });

    it('frees the place of a chat that ends once, whoever holds it, and keeps the newest handle times', async () => {
      const store = await make();
      await store.restore([], [slot('s1', { load: 4 }), slot('s2')], holding('s1', 4));
      for (const n of [1, 2, 3]) expect((await store.leave(`s1-chat${n}`, 10, { ms: n, keep: 3 })).heldBy).toBe('s1');
      await store.transfer('s1-chat4', 's1', 's2', 11);
      expect((await store.leave('s1-chat4', 12, { ms: 4, keep: 3 })).heldBy).toBe('s2');
      expect(await store.leave('s1-chat4', 13, { ms: 99, keep: 3 })).toEqual({ item: null, offer: null, heldBy: null });
      expect(await store.counselor('s1')).toMatchObject({ load: 0, idleSince: 11 });
      expect(await store.counselor('s2')).toMatchObject({ load: 0, idleSince: 12 });
      expect((await store.view()).handleTimes).toEqual([2, 3, 4]);
    });

    it('requeues a chat to the front and frees its place once', async () => {
      const store = await make();
      await store.restore([item('w', 1)], [slot('s1', { load: 1 })], holding('s1', 1));
      expect(await store.requeue(item('s1-chat1', 5, { requeued: true }), 20)).toEqual({ heldBy: 's1' });
      expect(ids((await store.view()).waiting)).toEqual(['s1-chat1', 'w']);
      expect((await store.counselor('s1'))?.load).toBe(0);
      expect(await store.requeue(item('s1-chat1', 5, { requeued: true }), 21)).toEqual({ heldBy: null });
      expect((await store.counselor('s1'))?.load).toBe(0);
    });

    it('a chat that ends while it is handed on: every place is freed exactly once, in either order', async () => {
      for (const order of ['transfer first', 'end first']) {
        const store = await make();
        await store.restore([], [slot('s1', { load: 1 }), slot('s2')], holding('s1', 1));
        const transfer = () => store.transfer('s1-chat1', 's1', 's2', 1);
        const end = () => store.leave('s1-chat1', 1);
        const [first, second] = order === 'transfer first' ? [transfer, end] : [end, transfer];
        await Promise.all([first(), second()]);
        expect([(await store.counselor('s1'))?.load, (await store.counselor('s2'))?.load]).toEqual([0, 0]);
      }
    });

    it('removes a counselor (disabled): her slot and offers go at once; her chats stay hers until requeued', async () => {
      const store = await make();
      await store.restore([item('a', 1)], [slot('s1', { load: 1 }), slot('s2', { status: 'away' })], holding('s1', 1));
      expect(await store.offer(offer('a', 's1'), false)).toBe(true);
      expect(await store.removeCounselor('s1')).toEqual({ offers: [offer('a', 's1')] });
      expect(await store.counselor('s1')).toBeNull();
      const view = await store.view();
      expect(view.offers).toEqual([]);
      expect(view.counselors.map((c) => c.staffId)).toEqual(['s2']);
      expect(await store.offer(offer('a', 's1', 2000), false)).toBe(false);
      expect(await store.assign('s1', 'a', 2)).toEqual({ refusal: 'unknown_counselor' });
      expect(await store.transfer('s1-chat1', 's1', 's1', 3)).toBe('unknown_counselor');
      expect(await store.requeue(item('s1-chat1', 5, { requeued: true }), 20)).toEqual({ heldBy: 's1' });
      expect(ids((await store.view()).waiting)).toEqual(['s1-chat1', 'a']);
      expect(await store.removeCounselor('s1')).toEqual({ offers: [] });
    });

    it('hands out views that later changes leave as they were', async () => {
      const store = await make();
      await store.restore([item('a', 1)], [slot('s1')], []);
      await store.offer(offer('a', 's1'), false);
      const before = await store.view();
      await store.withdraw(offer('a', 's1'), true);
      await store.assign('s1', 'a', 50);
      await store.leave('a', 60, { ms: 5, keep: 3 });
      expect(ids(before.waiting)).toEqual(['a']);
      expect(before.offers).toEqual([offer('a', 's1')]);
      expect(before.passedOver.has('a')).toBe(false);
      expect(before.counselors[0]).toMatchObject({ load: 0 });
      expect(before.handleTimes).toEqual([]);
    });

    it('a parked chat is unparked once, whoever asks, racing or not', async () => {
      const store = await make();
      expect(await store.unpark('a')).toBe(false);
      await store.park('a');
      await store.park('b');
      const both = await Promise.all([store.unpark('a'), store.unpark('a')]);
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(await store.unpark('a')).toBe(false);
      expect(await store.unpark('b')).toBe(true);
    });
  });
}
