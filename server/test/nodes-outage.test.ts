import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ClientSocket, clientSocket, connected, loginStaff, next, send, staffSocket } from './harness.js';
import { sealer } from './limits-helpers.js';
import { linked } from './node-links.js';
import { nodesOnRedis } from './nodes-on-redis.js';
import { openPerTest } from './open-per-test.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { within } from './within.js';

// Issue 17, "nothing lost": Redis unreachable for a few seconds and back with what it held (a
// replica's failover, a network that drops and comes back; here a Redis with its append-only file,
// killed and started again 3 s later). Before, a woman's message stored and acknowledged on node A
// meanwhile never reached her counselor on node B: the adapter's publish failed after three
// reconnection attempts and was dropped, and the counselor saw only the next one, after a gap.
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
});
afterAll(async () => {
  await redis.stop();
});
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);

describe('two nodes while their Redis is unreachable for 3 s', () => {
  it("a message she sends meanwhile reaches her counselor on the other node once Redis answers, in order", { timeout: 60_000 }, async () => {
    const { servers } = await nodesOnRedis(redis, open, 2);
    const [a, b] = servers;
    if (!a || !b) throw new Error('two nodes were started');
    await within(15_000, 'the nodes linked', Promise.all([linked(a, b), linked(b, a)]));
    const sato = track(staffSocket(b, await loginStaff(b, 'sato')));
    await connected(sato);
    const her = track(clientSocket(a));
    await connected(her);
    const chat = await call(her, 'consultation:start', {});
    await call(sato, 'consultation:take', { consultationId: chat.consultationId });
    const seen: number[] = [];
    sato.on('message:new', (m) => void seen.push(m.seq));
    const seal = sealer(a, chat.consultationId);
    const first = next(sato, 'message:new');
    expect(await send(her, 'message:send', seal('ひとつめ'))).toMatchObject({ ok: true });
    await within(15_000, 'her first message on node B', first);

    const down = redis.restart(3_000);
    // Sent while Redis is down: stored (acknowledged once it is), and relayed once Redis answers.
    const during = send(her, 'message:send', seal('ふたつめ'));
    await within(20_000, 'Redis started again', down);
    expect(await during).toMatchObject({ ok: true });
    expect(await send(her, 'message:send', seal('みっつめ'))).toMatchObject({ ok: true });
    await expect.poll(() => new Set(seen).size, { timeout: 15_000, interval: 50 }).toBe(3);
    // Pushes cross nodes at least once: a publish Redis took but was killed before answering is
    // sent again once it is back (ioredis resends what was unanswered), and node B relays both
    // copies — seen once in a loaded fresh clone as four pushes for three messages. Only the
    // message sent during the outage may come twice, as the same message (the apps merge by id:
    // console state/chats.ts, the widget's session); none is missing and none out of order.
    // Dropping the resend instead would lose that message until her next one.
    expect(seen.filter((s) => s !== 2)).toEqual([1, 3]);
    expect(seen.indexOf(2)).toBe(1);
  });
});
