/**
 * The routing service over a real SQLite file and the in-memory store, with changes started at
 * once as socket events can arrive (one frame may carry several): the store decides who wins, and
 * the row follows it, or the store's step is undone.
 */
import { describe, expect, it } from 'vitest';
import { activeStaffRecord } from '../../../test/staff-record.js';
import { tempDatabases } from '../../../test/temp-database.js';
import { loadSodium } from '../../sodium.js';
import { createSqliteRepositories } from '../../repositories/sqlite.js';
import type { Scheduler } from '../../scheduler.js';
import type { StaffRecord } from '../types.js';
import type { RoutingEvents } from './events.js';
import { MemoryQueueStore } from './memory-queue-store.js';
import { RoutingService } from './routing-service.js';

const staff = (id: string, capacity: number): StaffRecord => activeStaffRecord(id, capacity);
/** Timers that never fire: these tests are about the order of changes, not about time. */
const idle: Scheduler = { set: () => 0, clear: () => undefined };
const noEvents: RoutingEvents = {
  offered: () => undefined, offerWithdrawn: () => undefined, changed: () => undefined, assigned: async () => undefined,
  transferred: async () => undefined, requeued: () => undefined, abandoned: () => undefined, clientAway: () => undefined, clientGone: () => undefined, stillWaiting: () => undefined,
  failed: (caught) => {
    throw caught;
  },
};
/** The error code a settled promise failed with, or 'ok'. */
const outcome = (p: PromiseSettledResult<unknown>) => (p.status === 'fulfilled' ? 'ok' : (p.reason as { code?: string }).code);

describe('routing service: changes at once', () => {
  const freshDatabase = tempDatabases('routing');

  async function setup(capacities: Record<string, number>) {
    const repos = createSqliteRepositories(freshDatabase());
    for (const [id, capacity] of Object.entries(capacities)) await repos.staff.insert(staff(id, capacity));
    const routing = new RoutingService({ repos, sodium: await loadSodium(), clock: { now: () => new Date('2026-04-01T01:00:00Z') }, scheduler: idle, store: new MemoryQueueStore() });
    await routing.boot(noEvents);
    // Connected but away: nothing is offered by itself, so each take below is by hand.
    for (const id of Object.keys(capacities)) await routing.counselors.online(id);
    const woman = async () => {
      const { consultation } = await routing.start({});
      await routing.enqueue(consultation);
      return consultation;
    };
    const load = async (id: string) => (await routing.router.counselor(id))?.load;
    return { repos, routing, woman, load };
  }

  it('two counselors taking one woman: exactly one wins, and the row names her', async () => {
    const { repos, routing, woman, load } = await setup({ s1: 3, s2: 3 });
    const c = await woman();
    const results = await Promise.allSettled([routing.take('s1', c.id), routing.take('s2', c.id)]);
    expect(results.map(outcome).sort()).toEqual(['ALREADY_TAKEN', 'ok']);
    const winner = results[0]?.status === 'fulfilled' ? 's1' : 's2';
    expect(await repos.consultations.byId(c.id)).toMatchObject({ status: 'active', assignedStaffId: winner });
    expect([await load('s1'), await load('s2')].sort()).toEqual([0, 1]);
  });

  it('one counselor taking more women than she has room for: never over capacity', async () => {
    const { repos, routing, woman, load } = await setup({ s1: 2 });
    const women = [await woman(), await woman(), await woman()];
    const results = await Promise.allSettled(women.map((c) => routing.take('s1', c.id)));
    expect(results.map(outcome).sort()).toEqual(['AT_CAPACITY', 'ok', 'ok']);
    expect(await load('s1')).toBe(2);
    expect(await repos.consultations.openForStaff('s1')).toHaveLength(2);
  });

  it('she leaves while a counselor takes her: the take is refused and her place given back', async () => {
    const { repos, routing, woman, load } = await setup({ s1: 1 });
    const c = await woman();
    const [take, end] = await Promise.allSettled([routing.take('s1', c.id), routing.end(c, 'client', 'ended')]);
    expect(outcome(take)).toBe('INVALID_STATE');
    expect(end).toMatchObject({ status: 'fulfilled', value: { changed: true, reason: 'abandoned' } });
    expect(await repos.consultations.byId(c.id)).toMatchObject({ status: 'ended', assignedStaffId: null });
    expect(await load('s1')).toBe(0);
    expect(await routing.router.queue()).toEqual([]);
  });

  it('transfers at once: two chats to the last free place, one chat to two counselors; loads add up', async () => {
    const { repos, routing, woman, load } = await setup({ s1: 3, s2: 1, s3: 1, s4: 1 });
    const [a, b, c] = [await woman(), await woman(), await woman()];
    for (const w of [a, b, c]) await routing.take('s1', w.id);
    const row = async (id: string) => (await repos.consultations.byId(id))!;
    const [rowA, rowB] = [await row(a.id), await row(b.id)];
    const toS2 = await Promise.allSettled([routing.transfer('s1', rowA, { toStaffId: 's2' }), routing.transfer('s1', rowB, { toStaffId: 's2' })]);
    expect(toS2.map(outcome).sort()).toEqual(['AT_CAPACITY', 'ok']);
    // The same chat handed to two counselors at once: it moves once; the other hand-over is refused.
    const rowC = await row(c.id);
    const twice = await Promise.allSettled([routing.transfer('s1', rowC, { toStaffId: 's3' }), routing.transfer('s1', rowC, { toStaffId: 's4' })]);
    expect(twice.map(outcome)).toEqual(['ok', 'INVALID_STATE']);
    expect((await row(c.id)).assignedStaffId).toBe('s3');
    expect([await load('s1'), await load('s2'), await load('s3'), await load('s4')]).toEqual([1, 1, 1, 0]);
  });

  it.each([['transfer', false], ['end', true]])('her chat ends while it is handed on (%s first): the chat ends and every place is free', async (_first, endFirst) => {
    const { repos, routing, woman, load } = await setup({ s1: 1, s2: 1 });
    const c = await woman();
    const held = await routing.take('s1', c.id);
    const transfer = () => routing.transfer('s1', held, { toStaffId: 's2' });
    const end = () => routing.end(held, 'client', 'ended');
    const [t, e] = endFirst ? (await Promise.allSettled([end(), transfer()])).reverse() : await Promise.allSettled([transfer(), end()]);
    expect(outcome(t as PromiseSettledResult<unknown>)).toBe('INVALID_STATE');
    expect(e).toMatchObject({ status: 'fulfilled', value: { changed: true } });
    expect((await repos.consultations.byId(c.id))?.status).toBe('ended');
    expect([await load('s1'), await load('s2')]).toEqual([0, 0]);
  });
});

describe('routing service: a restart keeps the queue in order', () => {
  const freshDatabase = tempDatabases('routing-restart');

  it('women who came within the same ten minutes keep their places: stored times are rounded, the stored order is not', async () => {
    const db = freshDatabase();
    const repos = createSqliteRepositories(db);
    // A minute apart, all within one ten-minute window.
    let t = Date.parse('2026-04-01T01:01:00Z');
    const clock = { now: () => new Date(t) };
    const first = new RoutingService({ repos, sodium: await loadSodium(), clock, scheduler: idle, store: new MemoryQueueStore() });
    await first.boot(noEvents);
    const came: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { consultation } = await first.start({});
      await first.enqueue(consultation);
      came.push(consultation.id);
      t += 60_000;
    }
    const before = await Promise.all(came.map((id) => first.router.position(id)));
    expect(before).toEqual([1, 2, 3, 4, 5, 6]);
    first.stop();
    // Every row's time is the same ten minutes; their ids are random, so only the stored order can tell.
    expect(new Set((await repos.consultations.waiting()).map((w) => w.queuedAt)).size).toBe(1);

    const next = new RoutingService({ repos: createSqliteRepositories(db), sodium: await loadSodium(), clock, scheduler: idle, store: new MemoryQueueStore() });
    await next.boot(noEvents);
    expect(await Promise.all(came.map((id) => next.router.position(id)))).toEqual([1, 2, 3, 4, 5, 6]);
    next.stop();
  });
});
