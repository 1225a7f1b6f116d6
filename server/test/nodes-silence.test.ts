import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { call, type ClientSocket, clientSocket, connected, loginStaff, manualClock, manualScheduler, next, send, staffSocket, startTestServer } from './harness.js';
import { sealer } from './limits-helpers.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: a waiting woman's silence is timed on the node where she started. Before, what she
// said through another node (a message, her answer to 「まだお待ちですか？」) never reached that
// timer: she was asked while writing, and ended as silent although she had answered.
const file = redisPerFile();
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);

describe('a waiting woman talking through another node than the one timing her silence', () => {
  it('is asked only after her silence there, and her answer through that node keeps her place', async () => {
    // Node A (where she starts) has its timers moved by hand; node B runs on real time. One database.
    const clock = manualClock(new Date().toISOString());
    const scheduler = manualScheduler(clock);
    const periods = { clientSilenceMs: 60_000, clientSilenceAnswerMs: 60_000, clientGraceMs: 3_600_000 };
    const node = () => createRedisNode(file.redis.connect(), { prefix: 'silence:', adapterBlockMs: 200, clock: systemClock, log: createLogger('silent') });
    const a = await startTestServer({ routing: periods, clock, scheduler, shared: node() });
    open.servers.push(a);
    const b = await startTestServer({ routing: periods, dir: a.dir, shared: node() });
    open.servers.push(b);
    // What node B tells the others reaches node A's routing: each test step waits for it.
    const silenceA = a.app.services.routing.silence;
    const heardOnA = silenceA.spokeElsewhere.bind(silenceA);
    let heard: (answered: boolean) => void = () => undefined;
    silenceA.spokeElsewhere = (id, answered) => {
      heardOnA(id, answered);
      heard(answered);
    };
    const nextHeard = () => new Promise<boolean>((resolve) => (heard = resolve));

    // She starts on node A (its silence timer starts), drops, and comes back through node B.
    const first = track(clientSocket(a));
    await connected(first);
    const chat = await call(first, 'consultation:start', {});
    first.disconnect();
    const her = track(clientSocket(b));
    await connected(her);
    await call(her, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
    const asked: unknown[] = [];
    her.on('queue:still-waiting', (p) => void asked.push(p));

    // 30 s in she writes through node B; node A hears it, and 40 s later (70 s after she started) has not asked her.
    scheduler.advance(30_000);
    const seal = sealer(a, chat.consultationId);
    let spoke = nextHeard();
    expect(await send(her, 'message:send', seal('まだ待っています'))).toMatchObject({ ok: true });
    expect(await spoke).toBe(false);
    scheduler.advance(40_000);
    const sato = track(staffSocket(a, await loginStaff(a, 'sato')));
    await connected(sato);
    // A push from node A to her room after the advance: anything A sent before it has arrived.
    const marker = next(her, 'trust:changed');
    a.app.io.to(`c:${chat.consultationId}`).emit('trust:changed', {});
    await marker;
    expect(asked).toEqual([]);

    // 60 s after her message node A asks her (through node B); she answers through node B.
    const question = next(her, 'queue:still-waiting');
    scheduler.advance(20_000);
    await question;
    spoke = nextHeard();
    expect(await send(her, 'queue:still-here', { consultationId: chat.consultationId })).toMatchObject({ ok: true });
    expect(await spoke).toBe(true);
    // Her time to answer runs out on node A: she answered, so she still waits — a take waits
    // behind node A's decision for her (one at a time per consultation) and finds her waiting.
    scheduler.advance(60_000);
    expect(await send(sato, 'consultation:take', { consultationId: chat.consultationId })).toMatchObject({ ok: true });
  });
});
