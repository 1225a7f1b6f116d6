import type { QueuePosition } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { rooms } from '../src/socket/types.js';
import { call, type ClientSocket, clientSocket, connected, next, startTestServer, type TestServer } from './harness.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: a waiting woman is told her place by the node her socket is on, after a change made
// on any node (one `queue:moved` between nodes), and only when what she sees changed. Before, the
// node that made a change pushed every waiting woman's place through the adapter (a packet per
// woman per change) and, keeping what it had told per node, told her an unchanged place again.
const file = redisPerFile();
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);

async function twoNodes(): Promise<[TestServer, TestServer]> {
  const node = () => createRedisNode(file.redis.connect(), { prefix: 'positions:', adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') });
  const a = await startTestServer({ shared: node() });
  open.servers.push(a);
  const b = await startTestServer({ dir: a.dir, shared: node() });
  open.servers.push(b);
  return [a, b];
}

/** A woman waiting through `node`, and every place she is told from now on. */
async function waitingOn(node: TestServer): Promise<{ socket: ClientSocket; consultationId: string; told: QueuePosition[] }> {
  const socket = track(clientSocket(node));
  await connected(socket);
  const told: QueuePosition[] = [];
  socket.on('queue:position', (p) => void told.push(p));
  const first = next(socket, 'queue:position');
  const { consultationId } = await call(socket, 'consultation:start', {});
  await first;
  return { socket, consultationId, told };
}

/** A packet from each node into her room: whatever either node sent her before has arrived. */
async function settled(nodes: TestServer[], her: { socket: ClientSocket; consultationId: string }): Promise<void> {
  for (const from of nodes) {
    const marker = next(her.socket, 'trust:changed');
    from.app.io.to(rooms.consultation(her.consultationId)).emit('trust:changed', {});
    await marker;
  }
}

describe('waiting women on two nodes', () => {
  it("are told their places by their own node after a change on the other, and never an unchanged place again", async () => {
    const [a, b] = await twoNodes();
    const first = await waitingOn(b);
    const second = await waitingOn(a);
    await settled([a, b], second);
    expect(second.told.map((p) => p.position)).toEqual([2]);

    // A third woman through node B: the second's place is the same, so she hears nothing.
    const third = await waitingOn(b);
    expect(third.told.at(-1)?.position).toBe(3);
    await settled([a, b], second);
    expect(second.told.map((p) => p.position)).toEqual([2]);

    // The first leaves through node B: node A tells the second her new place, once; node B the third.
    const moved = next(second.socket, 'queue:position', (p) => p.position === 1);
    const thirdMoved = next(third.socket, 'queue:position', (p) => p.position === 2);
    await call(first.socket, 'consultation:end', { consultationId: first.consultationId });
    await Promise.all([moved, thirdMoved]);
    await settled([a, b], second);
    await settled([a, b], third);
    expect(second.told.map((p) => p.position)).toEqual([2, 1]);
    expect(third.told.map((p) => p.position)).toEqual([3, 2]);
  });
});
