import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { reportConnection } from '../src/redis/connection.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { call, type ClientSocket, clientSocket, connected, loginStaff, next, staffSocket, startTestServer, type TestServer } from './harness.js';
import { linked } from './node-links.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17, "nothing lost": Redis keeps nothing on disk, so a Redis that restarts (a crash, an OOM
// kill, maintenance) comes back empty while the nodes run on. Before, a woman waiting then was in
// no queue: her row said waiting, the consoles showed an empty queue and nobody was offered her.
// Now every node sees the loss and stops (main.ts exits 75; systemd starts it again), and the
// first node to start again restores the queue from the database while the others wait and join.
const file = redisPerFile();
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);
let n = 0;

describe('the nodes\' Redis restarted, empty', () => {
  it('every node sees the loss; nodes started again restore the waiting woman from the database — one restores, one joins — and she is offered', { timeout: 90_000 }, async () => {
    const prefix = `loss${++n}:`;
    const node = () => createRedisNode(reportConnection(file.redis.connect(), createLogger('silent'), 'node'), { prefix, adapterBlockMs: 200, heartbeatMs: 200, clock: systemClock, log: createLogger('silent') });
    const lost: string[] = [];
    const start = async (name: string, dir?: string): Promise<TestServer> => {
      const server = await startTestServer({ shared: node(), mustStartAgain: () => void lost.push(name), ...(dir ? { dir } : {}) });
      open.servers.push(server);
      return server;
    };
    const a = await start('a');
    const b = await start('b', a.dir);
    await linked(a, b);
    await linked(b, a);
    const her = track(clientSocket(a));
    await connected(her);
    const chat = await call(her, 'consultation:start', {});
    expect((await b.app.services.routing.router.view()).waiting.map((w) => w.consultationId)).toEqual([chat.consultationId]);

    await file.redis.restart();
    await expect.poll(() => [...lost].sort(), { timeout: 20_000, interval: 50 }).toEqual(['a', 'b']);
    expect(a.logs.some((l) => l.includes('"redis.memory_lost"'))).toBe(true);
    // What the nodes would have run on: an empty queue, her row still waiting.
    expect((await b.app.services.routing.router.view()).waiting).toEqual([]);
    expect(await a.rows('SELECT status FROM consultation WHERE id = ?', chat.consultationId)).toEqual([{ status: 'waiting' }]);

    // They stop, as main.ts makes them, and start again (systemd's Restart) at the same moment.
    her.disconnect();
    await a.stop();
    await b.stop();
    const [c, d] = await Promise.all([start('c', a.dir), start('d', a.dir)]);
    const from = (s: TestServer) => s.logs.filter((l) => l.includes('"routing.booted"')).map((l) => (JSON.parse(l) as { from: string }).from);
    await expect.poll(() => [...from(c as TestServer), ...from(d as TestServer)].sort(), { timeout: 20_000, interval: 50 }).toEqual(['cluster', 'database']);
    await linked(c as TestServer, d as TestServer);
    await linked(d as TestServer, c as TestServer);
    // She is in the queue once, on every node, and a counselor on either node is offered her.
    for (const s of [c, d] as TestServer[]) expect((await s.app.services.routing.router.view()).waiting.map((w) => w.consultationId)).toEqual([chat.consultationId]);
    const sato = track(staffSocket(d as TestServer, await loginStaff(d as TestServer, 'sato')));
    await connected(sato);
    const offered = next(sato, 'queue:offer');
    await call(sato, 'staff:status', { status: 'available' });
    expect((await offered).consultationId).toBe(chat.consultationId);
    // She comes back (her widget reconnects) and resumes her place.
    const back = track(clientSocket(c as TestServer));
    await connected(back);
    expect((await call(back, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken })).status).toBe('waiting');
    // The restarted nodes watch the new restore: nothing was lost since.
    expect(lost.filter((x) => x === 'c' || x === 'd')).toEqual([]);
  });

  it('a node whose routing cannot load (Redis failing under it) asks to start again instead of admitting nobody for good', { timeout: 30_000 }, async () => {
    const shared = createRedisNode(reportConnection(file.redis.connect(), createLogger('silent'), 'node'), { prefix: `loss${++n}:`, adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') });
    shared.incarnation.read = async () => {
      throw new Error('Redis went away while routing loaded');
    };
    let lost = 0;
    const server = await startTestServer({ shared, mustStartAgain: () => void lost++ });
    open.servers.push(server);
    await expect.poll(() => lost, { timeout: 10_000, interval: 20 }).toBe(1);
    expect(server.logs.some((l) => l.includes('"routing.boot_failed"'))).toBe(true);
  });
});
