import { MAX_MESSAGE_CHARS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { MESSAGE_FLOOD } from '../src/domain/messages.js';
import { call, connected, next, send, serverPerTest, signIn, type ClientSocket, type TestServer } from './harness.js';
import { from, sealer, serverDropped, tableCounts, womanIsServed } from './limits-helpers.js';

/**
 * Issue 14: large payloads cost more of a socket's event budget (a point per
 * TSUNAGARI_EVENT_BYTES_PER_POINT characters on top of the event's own cost), so a script sending
 * its largest messages as fast as acks come back is refused after about ten, not a hundred,
 * while the heaviest use a real woman makes of the chat is never refused. Production limits.
 */
const servers = serverPerTest();
const messagesOf = (server: TestServer, consultationId: string): number =>
  (server.db.prepare('SELECT COUNT(*) AS n FROM message WHERE consultation_id = ?').get(consultationId) as { n: number }).n;
/** Her longest message: 4,000 characters of Japanese (padded and sealed, about 16 KB). */
const LONGEST = 'いつも話を聞いてくれてありがとう。'.repeat(Math.ceil(MAX_MESSAGE_CHARS / 17)).slice(0, MAX_MESSAGE_CHARS);

/** A client from this network who started and whom the counselor took (past the waiting limit's reach). */
async function inChat(server: TestServer, counselor: ClientSocket, address: string) {
  const socket = from(server, address);
  servers.track(socket);
  await connected(socket);
  const started = await call(socket, 'consultation:start', {});
  await call(counselor, 'consultation:take', { consultationId: started.consultationId });
  return { socket, ...started, seal: sealer(server, started.consultationId) };
}

describe('the event budget counts payload size', () => {
  it('refuses a script sending its longest messages back to back long before the message count limit, then disconnects it; a woman and her counselor on another network carry on', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const sato = await signIn(server, 'sato');
    servers.track(sato);
    const script = await inChat(server, sato, '198.51.100.7');
    const dropped = serverDropped(server, script.socket.id ?? '');
    const answers: string[] = [];
    let before: number[] = [];
    while (answers.filter((a) => a === 'RATE_LIMITED').length < 20) {
      const r = await send(script.socket, 'message:send', script.seal(LONGEST));
      if (!r.ok && answers.at(-1) === 'OK') before = await tableCounts(server);
      answers.push(r.ok ? 'OK' : r.error);
    }
    const passed = answers.indexOf('RATE_LIMITED');
    // Fewer than the message count limit passed (a short message costs 2 points: 95 would have),
    // though at least what her heaviest use sends at once (the next test), and everything after
    // the first refusal was refused and stored nothing.
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThan(MESSAGE_FLOOD.points);
    expect(answers.slice(passed).every((a) => a === 'RATE_LIMITED')).toBe(true);
    expect(messagesOf(server, script.consultationId)).toBe(passed);
    expect(await tableCounts(server)).toEqual(before);
    expect(await dropped).toBe('server namespace disconnect');

    // A woman from another network: served, taken by the same counselor, and her words reach her.
    const woman = await womanIsServed(server, '203.0.113.20', servers.track);
    await call(sato, 'consultation:take', { consultationId: woman.consultationId });
    const arrived = next(sato, 'message:new', (m) => m.consultationId === woman.consultationId);
    const seal = sealer(server, woman.consultationId);
    seal('聞いてほしいことがあります'); // her first message went through womanIsServed's own sealer (seq 1)
    expect((await send(woman.socket, 'message:send', seal(LONGEST))).ok).toBe(true);
    expect((await arrived).seq).toBe(2);
  });

  it('never refuses her heaviest real use: her longest messages one after another, a reconnect, a message sent again, and more', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const sato = await signIn(server, 'sato');
    servers.track(sato);
    const her = await inChat(server, sato, '203.0.113.20');
    // Ten of her longest messages in a row, far faster than anyone writes them.
    let last = her.seal(LONGEST);
    expect(await send(her.socket, 'message:send', last)).toMatchObject({ ok: true });
    for (let i = 0; i < 9; i++) expect(await send(her.socket, 'message:send', (last = her.seal(LONGEST)))).toMatchObject({ ok: true });
    // Her network drops; the widget reconnects, resumes, catches up and sends again the last
    // message whose ack she may not have had, then writes on.
    her.socket.disconnect();
    const again = from(server, '203.0.113.20');
    servers.track(again);
    await connected(again);
    await call(again, 'consultation:resume', { consultationId: her.consultationId, clientToken: her.clientToken });
    await call(again, 'message:list', { consultationId: her.consultationId, afterId: 0 });
    expect(await send(again, 'message:send', last)).toMatchObject({ ok: true });
    for (let i = 0; i < 8; i++) expect(await send(again, 'message:send', her.seal(LONGEST))).toMatchObject({ ok: true });
    expect(messagesOf(server, her.consultationId)).toBe(18);
  });
});
