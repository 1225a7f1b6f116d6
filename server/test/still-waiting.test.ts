/**
 * Issue 14's silent-script rule without losing a quiet woman: when a waiting woman has sent
 * nothing for the silence period she is asked 「まだお待ちですか？」 (`queue:still-waiting`) and keeps
 * her place while she may answer (`queue:still-here`); only the unanswered are ended as silent.
 * A script cannot keep its place by answering before it is asked. Real server and sockets;
 * routing's timers on an injected clock and scheduler.
 */
import { describe, expect, it } from 'vitest';
import { type ClientSocket, type TestServer, call, clientSocket, connected, manualClock, manualScheduler, next, send, serverPerTest, signIn } from './harness.js';

const MIN = 60_000;
const { start, track } = serverPerTest();

async function waitingWoman(server: TestServer): Promise<{ socket: ClientSocket; consultationId: string }> {
  const socket = clientSocket(server);
  track(socket);
  await connected(socket);
  const { consultationId } = await call(socket, 'consultation:start', {});
  return { socket, consultationId };
}

async function silentQueue() {
  const clock = manualClock('2026-12-01T10:00:00+09:00');
  const scheduler = manualScheduler(clock);
  const server = await start({ clock, scheduler, routing: { clientSilenceMs: 30 * MIN, clientSilenceAnswerMs: 10 * MIN } });
  return { server, scheduler };
}

const status = async (server: TestServer, id: string) => (await server.rows('SELECT status, end_reason, abandon_cause FROM consultation WHERE id = ?', id))[0];

describe('a woman who waits quietly', () => {
  it('is asked after the silence period, keeps her place while she may answer, and stays when she answers', async () => {
    const { server, scheduler } = await silentQueue();
    const her = await waitingWoman(server);
    const script = await waitingWoman(server);
    const asked = next(her.socket, 'queue:still-waiting');
    scheduler.advance(30 * MIN);
    expect(await asked).toEqual({ consultationId: her.consultationId, answerBy: new Date('2026-12-01T10:40:00+09:00').toISOString() });
    expect(await status(server, her.consultationId)).toMatchObject({ status: 'waiting' });
    expect(await call(her.socket, 'queue:still-here', { consultationId: her.consultationId })).toEqual({ answered: true });
    const ended = next(script.socket, 'consultation:ended');
    scheduler.advance(10 * MIN);
    expect(await ended).toEqual({ consultationId: script.consultationId, endedBy: 'client', reason: 'abandoned' });
    expect(await status(server, script.consultationId)).toEqual({ status: 'ended', end_reason: 'abandoned', abandon_cause: 'silent' });
    expect(await status(server, her.consultationId)).toMatchObject({ status: 'waiting' });
    // A counselor still finds her first in the queue.
    const sato = await signIn(server, 'sato');
    track(sato);
    expect((await call(sato, 'queue:list', {})).entries.map((w) => w.consultationId)).toEqual([her.consultationId]);
  });

  it('an answer before she is asked changes nothing (answered: false); the script is still ended', async () => {
    const { server, scheduler } = await silentQueue();
    const script = await waitingWoman(server);
    for (let i = 0; i < 5; i++) {
      expect(await call(script.socket, 'queue:still-here', { consultationId: script.consultationId })).toEqual({ answered: false });
      scheduler.advance(5 * MIN);
    }
    const ended = next(script.socket, 'consultation:ended');
    scheduler.advance(15 * MIN);
    await ended;
    expect(await status(server, script.consultationId)).toMatchObject({ abandon_cause: 'silent' });
  });

  it('only the woman herself may answer: another client, a counselor and bad payloads are refused and change nothing', async () => {
    const { server, scheduler } = await silentQueue();
    const her = await waitingWoman(server);
    const other = await waitingWoman(server);
    scheduler.advance(30 * MIN);
    expect(await send(other.socket, 'queue:still-here', { consultationId: her.consultationId })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    const sato = await signIn(server, 'sato');
    track(sato);
    expect(await send(sato, 'queue:still-here', { consultationId: her.consultationId })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(her.socket, 'queue:still-here', { consultationId: her.consultationId, extra: 1 })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(her.socket, 'queue:still-here', {})).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    const ended = next(her.socket, 'consultation:ended');
    scheduler.advance(10 * MIN);
    await ended;
    expect(await status(server, her.consultationId)).toMatchObject({ abandon_cause: 'silent' });
  });
});
