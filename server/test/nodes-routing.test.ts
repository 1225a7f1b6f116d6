import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import type { Scheduler } from '../src/scheduler.js';
import type { Clock } from '../src/clock.js';
import { call, type ClientSocket, clientSocket, connected, loginStaff, manualClock, manualScheduler, next, staffSocket, startTestServer, type TestServer } from './harness.js';
import { linked, nextClientOffline } from './node-links.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: routing on several nodes sharing one database (PostgreSQL in the `server-pg` project,
// one SQLite file in `server`) and one real Redis. What one node knows must reach the others.
const file = redisPerFile();
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);
let n = 0;

/** Two linked nodes on one database; node A's routing timers on `timers` when given. */
async function twoNodes(routing: Record<string, number> = {}, timers: { clock?: Clock; scheduler?: Scheduler } = {}): Promise<[TestServer, TestServer]> {
  const prefix = `routing${++n}:`;
  const node = () => createRedisNode(file.redis.connect(), { prefix, adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') });
  const a = await startTestServer({ routing, ...timers, shared: node() });
  open.servers.push(a);
  const b = await startTestServer({ routing, dir: a.dir, shared: node() });
  open.servers.push(b);
  await linked(a, b);
  await linked(b, a);
  return [a, b];
}

/**
 * Sato, on `satoNode`, takes a woman who started on node A; she drops from node A, and once A has
 * seen her go her away period (60 s, on A's `scheduler`) runs out there: parked, and Sato told.
 */
async function chatParkedByA(a: TestServer, satoNode: TestServer, scheduler: { advance(ms: number): void }) {
  const sato = track(staffSocket(satoNode, await loginStaff(satoNode, 'sato')));
  await connected(sato);
  const first = track(clientSocket(a));
  await connected(first);
  const chat = await call(first, 'consultation:start', {});
  await call(sato, 'consultation:take', { consultationId: chat.consultationId });
  const goneFromA = nextClientOffline(a);
  first.disconnect();
  await goneFromA;
  const parked = next(sato, 'consultation:client-away');
  scheduler.advance(60_000);
  expect(await parked).toMatchObject({ consultationId: chat.consultationId, away: true });
  return { sato, chat };
}

describe('routing on two nodes', () => {
  it("a counselor's capacity written straight to the database is what every node offers by", async () => {
    const [a, b] = await twoNodes();
    // Sato is on duty through node B; the women start on node A.
    const login = await loginStaff(b, 'sato');
    const staffId = login.session.staff.id;
    const sato = track(staffSocket(b, login));
    await connected(sato);
    await call(sato, 'staff:status', { status: 'available' });
    const capacityOn = async (node: TestServer) => (await node.app.services.routing.router.view()).counselors.find((c) => c.staffId === staffId)?.capacity;
    // An operator writes her capacity in the database itself, not through a supervisor's form.
    const writeCapacity = (capacity: number) => a.rows('UPDATE staff SET capacity = ? WHERE id = ? RETURNING id', capacity, staffId);
    await writeCapacity(1);
    await expect.poll(() => capacityOn(a), { timeout: 10_000, interval: 100 }).toBe(1);
    expect(await capacityOn(b)).toBe(1);

    const first = track(clientSocket(a));
    await connected(first);
    const offered = next(sato, 'queue:offer');
    const one = await call(first, 'consultation:start', {});
    expect((await offered).consultationId).toBe(one.consultationId);
    await call(sato, 'offer:accept', { consultationId: one.consultationId });
    // At her capacity of one, the second woman is offered to nobody…
    const second = track(clientSocket(a));
    await connected(second);
    const two = await call(second, 'consultation:start', {});
    expect(await a.app.services.routing.router.offerFor(two.consultationId)).toBeNull();
    // …until her capacity is raised in the database: then she is offered the second woman.
    const offeredAgain = next(sato, 'queue:offer');
    await writeCapacity(2);
    expect((await offeredAgain).consultationId).toBe(two.consultationId);
    expect(await capacityOn(a)).toBe(2);
    expect(await capacityOn(b)).toBe(2);
  });

  it('a woman whose chat node A parked comes back through node B: her counselor is told she is back', async () => {
    // Node A's timers are moved by hand; node B runs on real time.
    const clock = manualClock(new Date().toISOString());
    const scheduler = manualScheduler(clock);
    const [a, b] = await twoNodes({ clientAwayMs: 60_000, clientGoneMs: 600_000 }, { clock, scheduler });
    const { sato, chat } = await chatParkedByA(a, b, scheduler);

    // She comes back through node B: her counselor hears it (node A parked the chat, node B saw her).
    const back = next(sato, 'consultation:client-away');
    const phone = track(clientSocket(b));
    await connected(phone);
    await call(phone, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
    expect(await back).toEqual({ consultationId: chat.consultationId, away: false, endsAt: null });
    // Her chat stays hers past node A's gone period.
    scheduler.advance(600_000);
    await call(sato, 'staff:list', {});
    expect((await a.rows('SELECT status FROM consultation WHERE id = ?', chat.consultationId))[0]).toEqual({ status: 'active' });
  });

  it('a woman whose chat was parked by a node that then died comes back: her counselor is told she is back', async () => {
    // Node H starts first: it holds the job lock, and sweeps. Node A times her absence, by hand.
    const prefix = `routing${++n}:`;
    const node = () => createRedisNode(file.redis.connect(), { prefix, adapterBlockMs: 200, heartbeatMs: 200, clock: systemClock, log: createLogger('silent') });
    const periods = { clientAwayMs: 60_000, clientGoneMs: 600_000 };
    const h = await startTestServer({ routing: periods, shared: node() });
    open.servers.push(h);
    const clock = manualClock(new Date().toISOString());
    const scheduler = manualScheduler(clock);
    const a = await startTestServer({ routing: periods, clock, scheduler, dir: h.dir, shared: node() });
    await linked(a, h);
    await linked(h, a);
    const { sato, chat } = await chatParkedByA(a, h, scheduler);

    // Node A stops (its timers with it; its heartbeat goes): node H sweeps it and times her absence again.
    await a.stop();
    await expect.poll(() => h.logs.some((l) => l.includes('"node.swept"')), { timeout: 10_000, interval: 50 }).toBe(true);
    // She comes back (through node H): Sato hears it, though node H never parked her chat.
    const back = next(sato, 'consultation:client-away');
    const phone = track(clientSocket(h));
    await connected(phone);
    await call(phone, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
    expect(await back).toEqual({ consultationId: chat.consultationId, away: false, endsAt: null });
  });

  it("a woman who leaves while waiting is out of every node's queue once her row has ended, however slowly the rest of her end goes", async () => {
    const [a, b] = await twoNodes();
    // Node A's revoke of her resume code is held until the test lets it go, as PostgreSQL may
    // answer late under load (the cause of nodes.test.ts's flake there: the queue still listed her
    // while it waited for that answer). Her end must not wait for it to take her out of the queue.
    const codes = (a.app.services.routing as unknown as { repos: { resumeCodes: { revoke(id: string): Promise<void> } } }).repos.resumeCodes;
    const revoke = codes.revoke.bind(codes);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    codes.revoke = async (id) => {
      await held;
      await revoke(id);
    };
    const her = track(clientSocket(a));
    await connected(her);
    const { consultationId } = await call(her, 'consultation:start', {});
    const waitingOn = async (node: TestServer) => (await node.app.services.routing.router.view()).waiting.map((w) => w.consultationId);
    expect(await waitingOn(b)).toEqual([consultationId]);
    const ended = call(her, 'consultation:end', { consultationId });
    // Out of node B's queue while the revoke is still held (its row ended before): never after it.
    await expect.poll(() => waitingOn(b), { timeout: 10_000, interval: 5 }).toEqual([]);
    expect(((await a.rows('SELECT status FROM consultation WHERE id = ?', consultationId))[0] as { status: string }).status).toBe('ended');
    release();
    await ended;
  });
});
