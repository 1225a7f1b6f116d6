import type { QueueList } from '@tsunagari/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisNode } from '../src/redis/redis-node.js';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { type ClientSocket, call, clientSocket, connected, next, send, signIn, startTestServer, type TestServer, type TestServerOptions } from './harness.js';
import { type TestRedis, startRedis } from './redis-server.js';

// Issue 17, sockets across nodes: two relays (each createApp on port 0, each its own SQLite file)
// share one real Redis through the Socket.IO Redis Streams adapter and the queue store.
let redis: TestRedis;
let n = 0;
const open: { servers: TestServer[]; sockets: ClientSocket[] } = { servers: [], sockets: [] };
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const s of open.sockets.splice(0)) s.disconnect();
  for (const s of open.servers.splice(0)) {
    await s.stop();
    s.cleanup();
  }
});
afterAll(async () => {
  await redis.stop();
});

/** Two nodes on one Redis, sharing a prefix of this test's own. */
async function twoNodes(opts: TestServerOptions = {}): Promise<[TestServer, TestServer]> {
  const prefix = `nodes${++n}:`;
  const start = () => startTestServer({ ...opts, shared: createRedisNode(redis.connect(), { prefix, adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') }) });
  const servers: [TestServer, TestServer] = [await start(), await start()];
  open.servers.push(...servers);
  return servers;
}

function track<T extends ClientSocket>(socket: T): T {
  open.sockets.push(socket);
  return socket;
}

/**
 * The adapter starts reading the stream a moment after it is made, and says nothing when it has:
 * `from` emits to a room only `to` holds until `to` hears it, so what the test emits next is read.
 */
async function linked(from: TestServer, to: TestServer): Promise<void> {
  const probe = track(clientSocket(to));
  await connected(probe);
  to.app.io.sockets.sockets.get(probe.id ?? '')?.join('probe');
  let heard = false;
  probe.on('trust:changed', () => void (heard = true));
  while (!heard) {
    from.app.io.to('probe').emit('trust:changed', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  probe.disconnect();
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
    const onB = track(clientSocket(b));
    const onA = track(clientSocket(a));
    await Promise.all([connected(onB), connected(onA)]);
    b.app.io.sockets.sockets.get(onB.id ?? '')?.join('room-1');
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
    // Each board was pushed each state once: no node's push reached a console twice.
    for (const board of [boardA, boardB]) {
      expect(board.filter((q) => q.entries.length === 1)).toHaveLength(1);
      expect(board.filter((q) => q.entries.length === 2)).toHaveLength(1);
    }
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
});
