/**
 * A counselor's take sent again. Her console (and the simulations' counselors) send a request
 * again when its answer does not come: the socket dropped, the relay restarted, or the ack took
 * longer than she waits on a loaded machine. The first take went through; the second must say so
 * (the chat, hers) rather than ALREADY_TAKEN, or she is told another counselor has the woman she
 * holds, and nobody answers her. The queue simulations timed out on exactly that under load: a
 * woman assigned to a counselor whose accept was answered ALREADY_TAKEN waited for lines that
 * never came. The order is made here, not waited for: the re-send goes out before the first answer
 * is read, and again on a new socket after a drop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, clientSocket, type ClientSocket, connected, loginStaff, next, send, staffSocket, startTestServer, type TestServer } from './harness.js';

describe('a take sent again by the counselor who holds the chat', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  const open = async (s: ClientSocket) => {
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    server = await startTestServer({ routing: { offerTimeoutMs: 60_000 } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.stop();
    server.cleanup();
  });

  it('an accept sent twice before its answer: both answered with her chat; one assignment, one place used', async () => {
    const sato = await loginStaff(server, 'sato');
    const console1 = await open(staffSocket(server, sato));
    const tanaka = await open(staffSocket(server, await loginStaff(server, 'tanaka')));
    await call(console1, 'staff:status', { status: 'available' });
    const her = await open(clientSocket(server));
    const offered = next(console1, 'queue:offer');
    const { consultationId } = await call(her, 'consultation:start', {});
    expect((await offered).consultationId).toBe(consultationId);
    let assignedPushes = 0;
    her.on('consultation:assigned', () => void assignedPushes++);

    // The re-send leaves before the first answer is read: the relay sees the same accept twice.
    const [first, again] = await Promise.all([send(console1, 'offer:accept', { consultationId }), send(console1, 'offer:accept', { consultationId })]);
    expect(first).toMatchObject({ ok: true, data: { consultationId, status: 'active' } });
    expect(again).toEqual(first);

    // Her console dropped before any answer came: on a new socket it asks once more, and by hand too.
    console1.disconnect();
    const console2 = await open(staffSocket(server, sato));
    expect(await send(console2, 'offer:accept', { consultationId })).toEqual(first);
    expect(await send(console2, 'consultation:take', { consultationId })).toEqual(first);

    // Anyone else still finds her taken; the chat is sato's alone and she writes in it.
    expect(await send(tanaka, 'consultation:take', { consultationId })).toEqual({ ok: false, error: 'ALREADY_TAKEN' });
    const board = (await call(console2, 'staff:list', {})).counselors;
    expect(board.find((c) => c.staffId === sato.session.staff.id)?.load).toBe(1);
    expect(board.map((c) => c.load).reduce((a, b) => a + b, 0)).toBe(1);
    expect(await server.rows("SELECT assigned_staff_id AS s FROM consultation WHERE id = ? AND status = 'active'", consultationId)).toEqual([{ s: sato.session.staff.id }]);
    const sent = await send(console2, 'message:send', { consultationId, keyEpoch: 0, seq: 1, nonce: 'A'.repeat(32), ciphertext: 'B'.repeat(60) });
    expect(sent.ok).toBe(true);
    expect(assignedPushes).toBe(1);
  });

  it('a take of a chat that ended is still refused, even by the one who held it', async () => {
    const sato = await open(staffSocket(server, await loginStaff(server, 'sato')));
    const her = await open(clientSocket(server));
    const { consultationId } = await call(her, 'consultation:start', {});
    await call(sato, 'consultation:take', { consultationId });
    await call(her, 'consultation:end', { consultationId });
    expect(await send(sato, 'offer:accept', { consultationId })).toEqual({ ok: false, error: 'INVALID_STATE' });
  });
});
