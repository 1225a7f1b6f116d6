import { describe, expect, it } from 'vitest';
import { compareItems, offersToWithdraw, planningDepth, planOffers, waitEstimator } from './policy.js';
import type { CounselorSlot, Offer, QueueItem, RoutingView } from './types.js';

const item = (id: string, second: number, extra: Partial<QueueItem> = {}): QueueItem => ({
  consultationId: id, urgent: false, requeued: false, queuedAt: `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`, ...extra,
});
const slot = (staffId: string, extra: Partial<CounselorSlot> = {}): CounselorSlot => ({
  staffId, status: 'available', connected: true, capacity: 3, load: 0, idleSince: 0, ...extra,
});
const offer = (consultationId: string, staffId: string): Offer => ({ consultationId, staffId, offeredAt: 0, expiresAt: 1 });
const view = (v: Partial<RoutingView>): RoutingView => ({ waiting: [], counselors: [], offers: [], passedOver: new Map(), handleTimes: [], ...v });
/** Planned offers as client → counselor. */
const plan = (v: Partial<RoutingView>) => Object.fromEntries(planOffers(view(v), 100, 30_000).map((p) => [p.offer.consultationId, p.offer.staffId]));

describe('the routing policy (pure)', () => {
  it('orders requeued, then urgent, then by arrival, then by id', () => {
    const items = [item('n2', 2), item('n1', 1), item('u', 3, { urgent: true }), item('r', 4, { requeued: true }), item('n0', 1)];
    expect(items.sort(compareItems).map((i) => i.consultationId)).toEqual(['r', 'u', 'n0', 'n1', 'n2']);
  });

  it('plans each waiting woman to the counselor with the fewest commitments, offers counted; ties to the one idle longest, then the id', () => {
    const counselors = [slot('b', { idleSince: 5 }), slot('a', { idleSince: 5 }), slot('busy', { load: 1 }), slot('offered', { idleSince: 1 })];
    expect(plan({ waiting: [item('x', 1), item('y', 2), item('z', 3)], counselors, offers: [offer('w', 'offered')] })).toEqual({ x: 'a', y: 'b', z: 'busy' });
  });

  it('plans from the queue\'s first planningDepth women exactly what it plans from the whole queue', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const waiting = Array.from({ length: Math.floor(random() * 30) }, (_, i) => item(`w${i}`, i % 60));
      const counselors = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) =>
        slot(`s${i}`, { capacity: 1 + Math.floor(random() * 4), load: Math.floor(random() * 3), status: random() < 0.2 ? 'away' : 'available', idleSince: Math.floor(random() * 5) }));
      // Offers to the women at random places (and, now and then, to one no longer here).
      const offers = waiting.filter(() => random() < 0.3).map((w) => offer(w.consultationId, `s${Math.floor(random() * counselors.length)}`));
      if (random() < 0.2) offers.push(offer('gone', 's0'));
      const passedOver = new Map(waiting.filter(() => random() < 0.2).map((w) => [w.consultationId, new Set(['s0'])] as const));
      const whole = view({ waiting, counselors, offers, passedOver });
      const head = view({ waiting: waiting.slice(0, planningDepth(whole)), counselors, offers, passedOver });
      expect(planOffers(head, 100, 30_000)).toEqual(planOffers(whole, 100, 30_000));
    }
  });

  it('plans nothing for a woman already offered, nor past the room there is; skips counselors away, offline or full', () => {
    const counselors = [slot('s1', { capacity: 2, load: 1 }), slot('away', { status: 'away' }), slot('off', { connected: false }), slot('full', { capacity: 1, load: 1 })];
    const planned = planOffers(view({ waiting: [item('a', 1), item('b', 2), item('c', 3)], counselors, offers: [offer('a', 'x')] }), 100, 30_000);
    expect(planned.map((p) => p.offer)).toEqual([{ consultationId: 'b', staffId: 's1', offeredAt: 100, expiresAt: 30_100 }]);
    expect(planOffers(view({ waiting: [item('a', 1)], counselors: [slot('away', { status: 'away' })] }), 100, 30_000)).toEqual([]);
  });

  it('passes over counselors who let her offer go, and starts the round again once all with room have', () => {
    const counselors = [slot('s1'), slot('s2', { idleSince: 9 })];
    expect(plan({ waiting: [item('a', 1)], counselors, passedOver: new Map([['a', new Set(['s1'])]]) })).toEqual({ a: 's2' });
    const again = planOffers(view({ waiting: [item('a', 1)], counselors, passedOver: new Map([['a', new Set(['s1', 's2'])]]) }), 100, 30_000);
    expect(again.map((p) => [p.offer.staffId, p.restartRound])).toEqual([['s1', true]]);
  });

  it('gives back every offer of a counselor who is off duty, and the newest ones over a lowered capacity', () => {
    const hers = [offer('a', 's1'), offer('b', 's1'), offer('c', 's1')];
    expect(offersToWithdraw(slot('s1', { connected: false }), hers)).toEqual(hers);
    expect(offersToWithdraw(slot('s1', { status: 'away' }), hers)).toEqual(hers);
    expect(offersToWithdraw(slot('s1', { capacity: 2, load: 1 }), hers).map((o) => o.consultationId)).toEqual(['c', 'b']);
    expect(offersToWithdraw(slot('s1', { capacity: 5, load: 1 }), hers)).toEqual([]);
  });

  it('estimates from the free places, the average handle time and the capacity on duty; alternatives past the threshold or with nobody on duty', () => {
    const options = { defaultHandleMs: 20 * 60_000, alternativesAfterSeconds: 600 };
    expect(waitEstimator({ counselors: [slot('away', { status: 'away' })], handleTimes: [] }, options)(1)).toEqual({ estimatedWaitSeconds: null, showAlternatives: true });
    const onDuty = [slot('s1', { capacity: 2, load: 1 }), slot('s2', { capacity: 2, load: 2 })];
    const estimate = waitEstimator({ counselors: onDuty, handleTimes: [10 * 60_000, 20 * 60_000] }, options);
    // One free place: the first waits nothing; each further one 15 min over capacity 4.
    expect([1, 2, 3].map(estimate)).toEqual([
      { estimatedWaitSeconds: 0, showAlternatives: false },
      { estimatedWaitSeconds: 225, showAlternatives: false },
      { estimatedWaitSeconds: 450, showAlternatives: false },
    ]);
    expect(waitEstimator({ counselors: onDuty, handleTimes: [] }, options)(5)).toEqual({ estimatedWaitSeconds: 1200, showAlternatives: true });
  });
});
