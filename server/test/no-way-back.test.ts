/**
 * Issue 15, "No way back in after she leaves": the person most likely to attack her holds her
 * phone. After she ends or quick-exits, nothing of hers opens that consultation again (token,
 * resume code, history); a resume code moves the chat to the new device; an active chat whose
 * woman is gone is parked and then ends. Real server and sockets; routing's timers on an injected
 * clock and scheduler.
 */
import { deriveResumeKeys, newResumeCode, newSessionKey, parseResumeCode, sealEpochMessage, wrapSessionKeys } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { type ClientSocket, type TestServer, call, clientSocket, connected, manualClock, manualScheduler, next, send, serverPerTest, signIn } from './harness.js';

const MIN = 60_000;
const { start, track } = serverPerTest();

async function open(server: TestServer): Promise<ClientSocket> {
  const s = clientSocket(server);
  track(s);
  await connected(s);
  return s;
}

/** She starts, writes once and registers a resume code; a counselor takes her chat if `taken`. */
async function chatWithCode(server: TestServer, taken: boolean) {
  const sodium = server.sodium;
  const phone = await open(server);
  const { consultationId, clientToken } = await call(phone, 'consultation:start', {});
  const sessionKey = newSessionKey(sodium);
  await call(phone, 'message:send', sealEpochMessage(sodium, sessionKey, { consultationId, senderRole: 'client', keyEpoch: 0, seq: 1 }, { kind: 'text', text: 'たすけて' }));
  const keys = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
  await call(phone, 'resume:create', { consultationId, lookup: keys.lookup, wrappedKey: wrapSessionKeys(sodium, keys.wrapKey, [sessionKey]) });
  let sato: ClientSocket | null = null;
  if (taken) {
    sato = await signIn(server, 'sato');
    track(sato);
    await call(sato, 'consultation:take', { consultationId });
  }
  return { phone, consultationId, clientToken, lookup: keys.lookup, sato };
}

/** Everything a device could try to get back in with, and what the database still holds. */
async function tryEverything(server: TestServer, chat: { phone: ClientSocket; consultationId: string; clientToken: string; lookup: string }) {
  const { consultationId, clientToken, lookup } = chat;
  const other = await open(server);
  const row = (await server.rows('SELECT client_token_hash AS t FROM consultation WHERE id = ?', consultationId))[0] as { t: string };
  return {
    byToken: await send(other, 'consultation:resume', { consultationId, clientToken }),
    byCode: await send(other, 'resume:open', { lookup }),
    historyAfterToken: await send(other, 'message:list', { consultationId, afterId: 0 }),
    historyOnHerSocket: await send(chat.phone, 'message:list', { consultationId, afterId: 0 }),
    codesStored: ((await server.rows('SELECT COUNT(*) AS n FROM resume_code WHERE consultation_id = ?', consultationId))[0] as { n: number }).n,
    tokenStored: row.t !== '',
  };
}

const REFUSED = {
  byToken: { ok: false, error: 'UNKNOWN_CONSULTATION' },
  byCode: { ok: false, error: 'UNKNOWN_CONSULTATION' },
  historyAfterToken: { ok: false, error: 'UNKNOWN_CONSULTATION' },
  historyOnHerSocket: { ok: false, error: 'INVALID_STATE' },
  codesStored: 0,
  tokenStored: false,
};

describe('no way back in after she leaves', () => {
  it.each([
    ['she ends while waiting', false, 'consultation:end'],
    ['she quick-exits while waiting', false, 'consultation:quick-exit'],
    ['she ends an active chat', true, 'consultation:end'],
    ['she quick-exits an active chat', true, 'consultation:quick-exit'],
  ] as const)('%s: token, code and history are refused, and neither is stored', async (_name, taken, event) => {
    const server = await start();
    const chat = await chatWithCode(server, taken);
    // Before: everything works (so the refusals below are about the end, not the test).
    const before = await open(server);
    expect(await send(before, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken })).toMatchObject({ ok: true });
    before.disconnect();
    await call(chat.phone, event, { consultationId: chat.consultationId });
    expect(await tryEverything(server, chat)).toEqual(REFUSED);
  });

  it('her counselor ends the chat: the same, and the counselor can still record it', async () => {
    const server = await start();
    const chat = await chatWithCode(server, true);
    const sato = chat.sato as ClientSocket;
    await call(sato, 'consultation:end', { consultationId: chat.consultationId });
    expect(await tryEverything(server, chat)).toEqual(REFUSED);
    await call(sato, 'consultation:record', { consultationId: chat.consultationId, topics: ['虐待・DV'], outcome: 'listened' });
  });

  it('her counselor ends the chat while another device opens her code at once (storage answering later): ended, and no token of hers is left on it', async () => {
    const server = await start({ storageLatency: true });
    const chat = await chatWithCode(server, true);
    const other = await open(server);
    const [opened, ended] = await Promise.all([
      send(other, 'resume:open', { lookup: chat.lookup }),
      send(chat.sato as ClientSocket, 'consultation:end', { consultationId: chat.consultationId }),
    ]);
    expect(ended.ok).toBe(true);
    expect((await server.rows('SELECT status, client_token_hash AS t FROM consultation WHERE id = ?', chat.consultationId))[0]).toEqual({ status: 'ended', t: '' });
    expect((await server.rows('SELECT COUNT(*) AS n FROM resume_code'))[0]).toEqual({ n: 0 });
    // Whichever came first, a token the open handed out opens nothing now.
    if (opened.ok) {
      const token = (opened.data as { clientToken: string }).clientToken;
      expect(await send(await open(server), 'consultation:resume', { consultationId: chat.consultationId, clientToken: token })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    }
  });

  it('resume:open moves the chat to the new device: the old one is dropped and her counselor is told', async () => {
    const server = await start();
    const chat = await chatWithCode(server, true);
    const sato = chat.sato as ClientSocket;
    const dropped = new Promise<string>((resolve) => chat.phone.once('disconnect', resolve));
    const told = next(sato, 'consultation:moved');
    const newPhone = await open(server);
    const opened = await call(newPhone, 'resume:open', { lookup: chat.lookup });
    expect(await dropped).toBe('io server disconnect');
    expect(await told).toEqual({ consultationId: chat.consultationId });
    // The new device is hers; the old token is not.
    expect(opened.snapshot.messages).toHaveLength(1);
    const stale = await open(server);
    expect(await send(stale, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    // Her counselor's sockets stayed.
    expect(sato.connected).toBe(true);
    expect(await send(sato, 'message:list', { consultationId: chat.consultationId, afterId: 0 })).toMatchObject({ ok: true });
  });
});

describe('a client gone from an active chat', () => {
  const periods = { clientAwayMs: 10 * MIN, clientGoneMs: 20 * MIN };

  async function goneChat() {
    const clock = manualClock('2026-12-01T10:00:00+09:00');
    const scheduler = manualScheduler(clock);
    const server = await start({ clock, scheduler, routing: periods });
    const chat = await chatWithCode(server, true);
    const sato = chat.sato as ClientSocket;
    const timers = scheduler.pending();
    const left = new Promise((resolve) => chat.phone.once('disconnect', resolve));
    chat.phone.disconnect();
    await left;
    // The server has seen her go once her socket left the room, and times her absence once it has
    // read her chat (on PostgreSQL a loaded run got there after the test's clock had moved on).
    await expect.poll(() => server.app.io.sockets.adapter.rooms.get(`c:${chat.consultationId}`)?.size).toBe(1);
    await expect.poll(() => scheduler.pending()).toBeGreaterThan(timers);
    return { server, scheduler, chat, sato };
  }

  it('is parked after the away period (her counselor told), and the chat ends as client_gone after the second', async () => {
    const { server, scheduler, chat, sato } = await goneChat();
    const away: unknown[] = [];
    sato.on('consultation:client-away', (p) => void away.push(p));
    scheduler.advance(10 * MIN - 1);
    await call(sato, 'staff:list', {}); // a round trip: any push would have come before its answer
    expect(away).toEqual([]);
    const parked = next(sato, 'consultation:client-away');
    scheduler.advance(1);
    expect(await parked).toEqual({ consultationId: chat.consultationId, away: true, endsAt: new Date('2026-12-01T10:30:00+09:00').toISOString() });
    const ended = next(sato, 'consultation:ended');
    scheduler.advance(20 * MIN);
    expect(await ended).toEqual({ consultationId: chat.consultationId, endedBy: 'client', reason: 'client_gone' });
    expect((await server.rows('SELECT status, end_reason FROM consultation WHERE id = ?', chat.consultationId))[0]).toEqual({ status: 'ended', end_reason: 'client_gone' });
    // Nothing of hers opens it again, and her counselor can record it.
    expect(await tryEverything(server, { ...chat, phone: await open(server) })).toMatchObject({ byToken: REFUSED.byToken, byCode: REFUSED.byCode, codesStored: 0, tokenStored: false });
    await call(sato, 'consultation:record', { consultationId: chat.consultationId, topics: ['虐待・DV'], outcome: 'listened' });
  });

  it('coming back while parked keeps the chat, and her counselor is told she is back', async () => {
    const { server, scheduler, chat, sato } = await goneChat();
    const parked = next(sato, 'consultation:client-away');
    scheduler.advance(10 * MIN);
    await parked;
    const back = next(sato, 'consultation:client-away');
    const phone = await open(server);
    await call(phone, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
    expect(await back).toEqual({ consultationId: chat.consultationId, away: false, endsAt: null });
    scheduler.advance(60 * MIN);
    await call(sato, 'staff:list', {});
    expect((await server.rows('SELECT status FROM consultation WHERE id = ?', chat.consultationId))[0]).toEqual({ status: 'active' });
  });
});
