// Over 300 lines on purpose: every case here needs the same two- or three-node set-up and its
// helpers (nodes, linked, track, satoOnTwoNodes, record); split by topic if it grows further.
import type { QueueList, SettingsView } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { fakeTime } from '../src/domain/routing/fake-time.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { rooms } from '../src/socket/types.js';
import {
  type ClientSocket,
  call,
  clientSocket,
  connected,
  loginStaff,
  manualClock,
  manualScheduler,
  next,
  send,
  signIn,
  staffSocket,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './harness.js';
import { linked } from './node-links.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17, sockets across nodes: two relays (each createApp on port 0, each its own SQLite file)
// share one real Redis through the Socket.IO Redis Streams adapter and the queue store.
const file = redisPerFile();
let n = 0;
const open = openPerTest();

/** Two nodes on one Redis, sharing a prefix of this test's own. */
async function twoNodes(opts: TestServerOptions = {}, oneDatabase = false): Promise<[TestServer, TestServer]> {
  const [a, b] = await nodes(2, opts, oneDatabase);
  return [a as TestServer, b as TestServer];
}

/** `count` nodes on one Redis, sharing a prefix of this test's own. */
async function nodes(count: number, opts: TestServerOptions = {}, oneDatabase = false): Promise<TestServer[]> {
  const prefix = `nodes${++n}:`;
  const start = (more: TestServerOptions = {}) => startTestServer({ ...opts, ...more, shared: createRedisNode(file.redis.connect(), { prefix, adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') }) });
  const servers: TestServer[] = [];
  // One database for all (as nodes on PostgreSQL share one), where a test needs one counselor on several.
  for (let i = 0; i < count; i++) servers.push(await start(oneDatabase && servers[0] ? { dir: servers[0].dir } : {}));
  open.servers.push(...servers);
  return servers;
}

/** Two linked nodes on one database, sato logged in, and whether node A's routing shows her connected. */
async function satoOnTwoNodes() {
  const [a, b] = await twoNodes({}, true);
  await linked(a, b);
  await linked(b, a);
  const sato = await loginStaff(a, 'sato');
  const staffId = sato.session.staff.id;
  const connectedNow = async () => (await a.app.services.routing.router.view()).counselors.find((c) => c.staffId === staffId)?.connected;
  return { a, b, sato, staffId, connectedNow };
}

function track<T extends ClientSocket>(socket: T): T {
  open.sockets.push(socket);
  return socket;
}

/** A client socket on each node; node B's joined to `room`. */
async function socketsOn(a: TestServer, b: TestServer, room: string): Promise<{ onA: ClientSocket; onB: ClientSocket }> {
  const onA = track(clientSocket(a));
  const onB = track(clientSocket(b));
  await Promise.all([connected(onA), connected(onB)]);
  b.app.io.sockets.sockets.get(onB.id ?? '')?.join(room);
  return { onA, onB };
}

/** Every payload of `event` a socket receives from now on. */
function record<T>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, l: (p: T) => void): void }).on(event, (p) => void seen.push(p));
  return seen;
}

describe('two relay nodes on one Redis', () => {
  it('a socket in a room on node B receives what node A emits to that room, once', async () => {
    const [a, b] = await twoNodes();
    await linked(a, b);
    const { onA, onB } = await socketsOn(a, b, 'room-1');
    const heardB = record<object>(onB, 'trust:changed');
    const heardA = record<object>(onA, 'trust:changed');
    a.app.io.to('room-1').emit('trust:changed', {});
    // The stream is read in order: once the second emit arrives, any copy of the first has too.
    const marker = next(onB, 'settings:changed');
    a.app.io.to('room-1').emit('settings:changed', a.app.services.settings.view());
    await marker;
    expect(heardB).toHaveLength(1);
    // Node A's own socket was not in the room.
    expect(heardA).toHaveLength(0);
  });

  it("the board reaches staff on both nodes once, whichever node a woman starts on", async () => {
    const [a, b] = await twoNodes();
    await linked(a, b);
    await linked(b, a);
    const satoOnA = track(await signIn(a, 'sato'));
    const tanakaOnB = track(await signIn(b, 'tanaka'));
    const boardA = record<QueueList>(satoOnA, 'queue:changed');
    const boardB = record<QueueList>(tanakaOnB, 'queue:changed');
    const first = track(clientSocket(a));
    await connected(first);
    const seenOnB = next(tanakaOnB, 'queue:changed', (q) => q.entries.length === 1);
    const seenOnA = next(satoOnA, 'queue:changed', (q) => q.entries.length === 1);
    const one = await call(first, 'consultation:start', {});
    expect((await seenOnB).entries.map((e) => e.consultationId)).toEqual([one.consultationId]);
    await seenOnA;
    // A second woman on node B: node B computes this push; both consoles see her behind the first.
    const second = track(clientSocket(b));
    await connected(second);
    const twoOnA = next(satoOnA, 'queue:changed', (q) => q.entries.length === 2);
    const twoOnB = next(tanakaOnB, 'queue:changed', (q) => q.entries.length === 2);
    const two = await call(second, 'consultation:start', {});
    expect((await twoOnA).entries.map((e) => e.consultationId)).toEqual([one.consultationId, two.consultationId]);
    await twoOnB;
    // A marker from each node through the stream: every push either node made before is in.
    for (const from of [a, b]) {
      const markers = [next(satoOnA, 'trust:changed'), next(tanakaOnB, 'trust:changed')];
      from.app.io.to(rooms.staff).emit('trust:changed', {});
      await Promise.all(markers);
    }
    // Each push reached each console once: both consoles got the same boards, as many times.
    // (A node may push an unchanged board again for a change of its own — a counselor's presence
    // settling late on a loaded machine — and then both consoles get that push too.)
    const withHer = (board: QueueList[]) => board.filter((q) => q.entries.length > 0).map((q) => JSON.stringify(q)).sort();
    expect(withHer(boardA)).toEqual(withHer(boardB));
    expect(boardA.filter((q) => q.entries.length === 2).length).toBeGreaterThanOrEqual(1);
  });

  it('a node with no staff of its own still pushes the board to staff on the other node', async () => {
    const [a, b] = await twoNodes();
    await linked(a, b);
    const tanakaOnB = track(await signIn(b, 'tanaka'));
    const woman = track(clientSocket(a));
    await connected(woman);
    const seen = next(tanakaOnB, 'queue:changed', (q) => q.entries.length === 1);
    const { consultationId } = await call(woman, 'consultation:start', {});
    expect((await seen).entries.map((e) => e.consultationId)).toEqual([consultationId]);
  });

  it("one network's starts on node A and node B meet the start limit at the shared count (the same caller key on both)", async () => {
    const [a, b] = await twoNodes({ startsPerHour: 3 });
    const results: string[] = [];
    for (const node of [a, b, a, b]) {
      const woman = track(clientSocket(node));
      await connected(woman);
      const result = await send(woman, 'consultation:start', {});
      results.push(result.ok ? 'started' : result.error);
    }
    expect(results).toEqual(['started', 'started', 'started', 'RATE_LIMITED']);
  });

  it('a counselor whose tab on node A closes while another tab of hers is on node B stays online; her last tab closing takes her offline', async () => {
    const { a, b, sato, staffId, connectedNow } = await satoOnTwoNodes();
    const onA = track(staffSocket(a, sato));
    const onB = track(staffSocket(b, sato));
    await Promise.all([connected(onA), connected(onB)]);
    await until(async () => (await connectedNow()) === true);
    onA.disconnect();
    await until(() => a.app.io.sockets.sockets.size === 0);
    // Node A asked the other nodes (a round trip through Redis), then would have told routing:
    // after two more round trips of our own and the queue store's, she is still online.
    await a.app.io.in(rooms.staffMember(staffId)).fetchSockets();
    await a.app.io.in(rooms.staffMember(staffId)).fetchSockets();
    expect(await connectedNow()).toBe(true);
    onB.disconnect();
    await until(async () => (await connectedNow()) === false);
  });

  it("a counselor's socket moving from node A to node B while A marks her gone: B's online landing first does not leave her offline", async () => {
    const { a, b, sato, connectedNow } = await satoOnTwoNodes();
    const onA = track(staffSocket(a, sato));
    await connected(onA);
    await call(onA, 'staff:status', { status: 'available' });
    await until(async () => (await connectedNow()) === true);
    // The order a loaded node meets, made by hand: node A has found no socket of hers (her next one
    // is not open yet) and is about to write "offline"; it waits there until her socket on node B
    // is open and B's "online" is written, then writes.
    const counselorsA = a.app.services.routing.counselors;
    const counselorsB = b.app.services.routing.counselors;
    const offlineOnA = counselorsA.offline.bind(counselorsA);
    const onlineOnB = counselorsB.online.bind(counselorsB);
    let onlineWritten: () => void = () => undefined;
    const wroteOnlineOnB = new Promise<void>((resolve) => (onlineWritten = resolve));
    counselorsB.online = async (id) => {
      await onlineOnB(id);
      onlineWritten();
    };
    let onB: ClientSocket | null = null;
    let offlineWritten: () => void = () => undefined;
    const wroteOfflineOnA = new Promise<void>((resolve) => (offlineWritten = resolve));
    counselorsA.offline = async (id) => {
      onB = track(staffSocket(b, sato));
      await connected(onB);
      await wroteOnlineOnB;
      await offlineOnA(id);
      offlineWritten();
    };
    onA.disconnect();
    await wroteOfflineOnA;
    // She is connected (on B): shown online again, offered the next woman, and her grace on A stopped.
    await expect.poll(connectedNow, { timeout: 5000 }).toBe(true);
    const offered = next(onB as unknown as ClientSocket, 'queue:offer');
    const { consultationId } = await call(track(clientSocket(a)), 'consultation:start', {});
    expect((await offered).consultationId).toBe(consultationId);
  });

  it("a woman who drops on node A and comes back through node B keeps her place, then her chat, when A's grace timers run out", async () => {
    // Node A's timers are moved by hand; node B runs on real time. One database, as on PostgreSQL.
    const clock = manualClock(new Date().toISOString());
    const scheduler = manualScheduler(clock);
    const periods = { clientGraceMs: 60_000, clientAwayMs: 60_000, clientGoneMs: 60_000 };
    const prefix = `nodes${++n}:`;
    const node = () => createRedisNode(file.redis.connect(), { prefix, adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') });
    const a = await startTestServer({ routing: periods, clock, scheduler, shared: node() });
    open.servers.push(a);
    const b = await startTestServer({ routing: periods, dir: a.dir, shared: node() });
    open.servers.push(b);
    await linked(a, b);
    await linked(b, a);
    const sato = track(staffSocket(a, await loginStaff(a, 'sato')));
    await connected(sato);
    // Node A has seen her go (its grace timer for her is set) once its absence.offline has run.
    const absenceA = a.app.services.routing.absence;
    const clientOffline = absenceA.offline.bind(absenceA);
    const goneFromA = () => new Promise<void>((resolve) => {
      absenceA.offline = async (id) => {
        await clientOffline(id);
        resolve();
      };
    });
    const comeBack = async (server: TestServer, chat: { consultationId: string; clientToken: string }) => {
      const phone = track(clientSocket(server));
      await connected(phone);
      await call(phone, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
      return phone;
    };

    // Waiting (nobody on duty): she drops from A and is back through B within her grace.
    const first = track(clientSocket(a));
    await connected(first);
    const chat = await call(first, 'consultation:start', {});
    let gone = goneFromA();
    first.disconnect();
    await gone;
    const throughB = await comeBack(b, chat);
    scheduler.advance(60_000);
    // A take waits behind A's grace-over for her (one at a time per consultation): she still waits.
    expect(await send(sato, 'consultation:take', { consultationId: chat.consultationId })).toMatchObject({ ok: true });

    // In her chat: back on A, gone from A, back through B; A's away and gone periods both run out.
    throughB.disconnect();
    const again = await comeBack(a, chat);
    gone = goneFromA();
    again.disconnect();
    await gone;
    await comeBack(b, chat);
    const away: unknown[] = [];
    sato.on('consultation:client-away', (p) => void away.push(p));
    scheduler.advance(60_000);
    scheduler.advance(60_000);
    expect(await send(sato, 'consultation:take', { consultationId: chat.consultationId })).toMatchObject({ ok: true });
    expect((await a.rows('SELECT status FROM consultation WHERE id = ?', chat.consultationId))[0]).toEqual({ status: 'active' });
    expect(away).toEqual([]);
  });

  it("a node shutting down tells its own sockets, not the other nodes'", async () => {
    const [a, b, c] = (await nodes(3)) as [TestServer, TestServer, TestServer];
    await linked(a, b);
    await linked(c, b);
    const { onA, onB } = await socketsOn(a, b, 'room-b');
    const toldB = record<unknown>(onB, 'server:shutdown');
    const toldA = next(onA, 'server:shutdown');
    await a.stop();
    await toldA;
    // Node C's emit comes after anything node A put on the stream before it closed.
    const marker = next(onB, 'trust:changed');
    c.app.io.to('room-b').emit('trust:changed', {});
    await marker;
    expect(toldB).toHaveLength(0);
  });

  it("an admin's settings saved on node A apply on node B too, and each console is told once", async () => {
    const [a, b] = await twoNodes({}, true);
    await linked(a, b);
    await linked(b, a);
    const admin = track(await signIn(a, 'chief'));
    const bossOnB = track(await signIn(b, 'boss'));
    const told = record<SettingsView>(bossOnB, 'settings:changed');
    const settings = { ...a.app.services.settings.get(), longWaitAlertMinutes: 25, retentionDays: 120 };
    const pushed = next(bossOnB, 'settings:changed', (v) => v.settings.longWaitAlertMinutes === 25);
    await call(admin, 'settings:save', { settings });
    await pushed;
    await until(() => b.app.services.settings.get().longWaitAlertMinutes === 25);
    expect(b.app.services.settings.get()).toEqual(settings);
    // The next push through the stream comes after any second copy of the first.
    const marker = next(bossOnB, 'trust:changed');
    a.app.io.to(rooms.staff).emit('trust:changed', {});
    await marker;
    expect(told.filter((v) => v.settings.longWaitAlertMinutes === 25)).toHaveLength(1);
  });

  it('a waiting woman who drops on node A and comes back through node B within her grace keeps her place; her grace runs out on A all the same', async () => {
    // Both nodes' timers fired by hand: her grace timer is started by node A, where she dropped.
    const time = fakeTime();
    const [a, b] = await twoNodes({ scheduler: time.scheduler, routing: { clientGraceMs: 60_000 } }, true);
    const her = track(clientSocket(a));
    const other = track(clientSocket(a));
    await Promise.all([connected(her), connected(other)]);
    const mine = await call(her, 'consultation:start', {});
    const theirs = await call(other, 'consultation:start', {});
    const timers = time.pending();
    her.disconnect();
    await until(() => time.pending() > timers);
    // Back through node B (as the proxy may send her), before her grace runs out on node A.
    const back = track(clientSocket(b));
    await connected(back);
    expect((await call(back, 'consultation:resume', { consultationId: mine.consultationId, clientToken: mine.clientToken })).status).toBe('waiting');
    // The other woman drops on A too and does not come back: her grace timer starts after the first's.
    const timersNow = time.pending();
    other.disconnect();
    await until(() => time.pending() > timersNow);
    await time.advance(60_000);
    const status = async (id: string) => ((await a.rows('SELECT status, end_reason FROM consultation WHERE id = ?', id)) as { status: string; end_reason: string | null }[])[0];
    await until(async () => (await status(theirs.consultationId))?.status === 'ended');
    expect(await status(theirs.consultationId)).toEqual({ status: 'ended', end_reason: 'abandoned' });
    // Node A's timer for the first ran before the second's and found her on node B: she still waits.
    expect((await status(mine.consultationId))?.status).toBe('waiting');
    expect((await a.app.services.routing.router.view()).waiting.map((w) => w.consultationId)).toEqual([mine.consultationId]);
  });
});

/** Resolves once `ok()` holds, looking again every few milliseconds. */
async function until(ok: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await ok())) await new Promise((resolve) => setTimeout(resolve, 10));
}
