import { HISTORY_PAGE_BYTES, MAX_CIPHERTEXT_CHARS, MAX_MESSAGE_CHARS } from '@tsunagari/shared';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { call, connected, loginStaff, send, serverPerTest, staffSocket, type ClientSocket, type TestServer } from './harness.js';
import { from, sealer, womanIsServed } from './limits-helpers.js';

/**
 * Issue 14: what a client can make the relay store and send. Each limit is met by a caller from
 * one network while a woman from another is served.
 */
const servers = serverPerTest();

const messagesOf = (server: TestServer, consultationId: string): number =>
  (server.db.prepare('SELECT COUNT(*) AS n FROM message WHERE consultation_id = ?').get(consultationId) as { n: number }).n;

/** A waiting client from one address, and her sealer. */
async function waiting(server: TestServer, address: string) {
  const socket = from(server, address);
  servers.track(socket);
  await connected(socket);
  const { consultationId, clientToken } = await call(socket, 'consultation:start', {});
  return { socket, consultationId, clientToken, seal: sealer(server, consultationId) };
}

/** The counselor takes her and writes one line. */
async function counselorAnswers(server: TestServer, consultationId: string): Promise<ClientSocket> {
  const staff = staffSocket(server, await loginStaff(server, 'sato'));
  servers.track(staff);
  await connected(staff);
  await call(staff, 'consultation:take', { consultationId });
  const reply = sealEpochMessage(server.sodium, newSessionKey(server.sodium), { consultationId, senderRole: 'counselor', keyEpoch: 0, seq: 1 }, { kind: 'text', text: 'お待たせしました' });
  await call(staff, 'message:send', reply);
  return staff;
}

describe('while she waits', () => {
  it('keeps her intake and 5 more; the next is WAITING_LIMIT and not stored; once a counselor answers she writes on', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const script = await waiting(server, '198.51.100.7');
    for (let i = 0; i < 6; i++) expect((await send(script.socket, 'message:send', script.seal(`line ${i}`))).ok).toBe(true);
    const over = script.seal('one too many');
    expect(await send(script.socket, 'message:send', over)).toEqual({ ok: false, error: 'WAITING_LIMIT' });
    expect(messagesOf(server, script.consultationId)).toBe(6);

    await womanIsServed(server, '203.0.113.20', servers.track);

    await counselorAnswers(server, script.consultationId);
    // The refused one goes through when she sends it again (her widget's retry).
    expect((await send(script.socket, 'message:send', over)).ok).toBe(true);
    expect(messagesOf(server, script.consultationId)).toBe(8);
  });

  it('a restart forgets nothing: the tally is read again from the database', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { waitingMessages: 2 } });
    const script = await waiting(server, '198.51.100.7');
    for (let i = 0; i < 3; i++) await call(script.socket, 'message:send', script.seal(`line ${i}`));
    script.socket.disconnect();
    await server.stop();
    // The next process on the same database.
    const { startTestServer } = await import('./harness.js');
    const again = await startTestServer({ dir: server.dir, trustedProxyHops: 1, limits: { waitingMessages: 2 } });
    try {
      const resumed = from(again, '198.51.100.7');
      servers.track(resumed);
      await connected(resumed);
      await call(resumed, 'consultation:resume', { consultationId: script.consultationId, clientToken: script.clientToken });
      expect(await send(resumed, 'message:send', script.seal('after restart'))).toEqual({ ok: false, error: 'WAITING_LIMIT' });
      expect(messagesOf(again, script.consultationId)).toBe(3);
    } finally {
      await again.stop();
    }
  });
});

describe('per consultation', () => {
  it('a byte budget: past it CONSULTATION_FULL, nothing stored, re-sends still answered', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { waitingMessages: 1000, consultationBytes: 24_000 } });
    const script = await waiting(server, '198.51.100.7');
    const big = () => script.seal('あ'.repeat(1000)); // padded to 4,096 bytes: about 5,500 characters of ciphertext
    const sent = [big(), big(), big(), big()];
    for (const e of sent) expect((await send(script.socket, 'message:send', e)).ok).toBe(true);
    expect(await send(script.socket, 'message:send', big())).toEqual({ ok: false, error: 'CONSULTATION_FULL' });
    expect(messagesOf(server, script.consultationId)).toBe(4);
    // Her widget re-sends one whose ack was lost: answered with the stored row, not refused.
    expect((await send(script.socket, 'message:send', sent[1])).ok).toBe(true);
    await womanIsServed(server, '203.0.113.20', servers.track);
  });

  it('a message budget: past it CONSULTATION_FULL and nothing stored', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { waitingMessages: 1000, consultationMessages: 3 } });
    const script = await waiting(server, '198.51.100.7');
    for (let i = 0; i < 3; i++) expect((await send(script.socket, 'message:send', script.seal('短い'))).ok).toBe(true);
    expect(await send(script.socket, 'message:send', script.seal('短い'))).toEqual({ ok: false, error: 'CONSULTATION_FULL' });
    expect(messagesOf(server, script.consultationId)).toBe(3);
    await womanIsServed(server, '203.0.113.20', servers.track);
  });

  it('the ciphertext cap: her longest message (4,000 characters of Japanese) is stored, anything longer refused', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const her = await waiting(server, '203.0.113.20');
    const longest = her.seal('相'.repeat(MAX_MESSAGE_CHARS));
    expect(longest.ciphertext.length).toBeLessThanOrEqual(MAX_CIPHERTEXT_CHARS);
    expect((await send(her.socket, 'message:send', longest)).ok).toBe(true);
    const script = await waiting(server, '198.51.100.7');
    const padded = { ...script.seal('x'), ciphertext: 'A'.repeat(MAX_CIPHERTEXT_CHARS + 1) };
    expect(await send(script.socket, 'message:send', padded)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(messagesOf(server, script.consultationId)).toBe(0);
  });
});

describe('history is paged by bytes', () => {
  it('she and her counselor each get a long history whole, page by page, no answer over HISTORY_PAGE_BYTES; a resume snapshot says more follow', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { waitingMessages: 1000, events: { burst: 100_000 } } });
    const her = await waiting(server, '203.0.113.20');
    for (let i = 0; i < 30; i++) await call(her.socket, 'message:send', her.seal(`${i}:` + '話'.repeat(MAX_MESSAGE_CHARS - 4)));
    const staff = await counselorAnswers(server, her.consultationId);
    for (const socket of [her.socket, staff]) {
      let afterId = 0;
      const ids: number[] = [];
      let pages = 0;
      for (;;) {
        const result = await send(socket, 'message:list', { consultationId: her.consultationId, afterId });
        expect(JSON.stringify(result).length).toBeLessThanOrEqual(HISTORY_PAGE_BYTES);
        const page = (result as { ok: true; data: { messages: { id: number }[]; more: boolean } }).data;
        ids.push(...page.messages.map((m) => m.id));
        pages++;
        afterId = page.messages.at(-1)?.id ?? afterId;
        if (!page.more) break;
      }
      expect(ids).toHaveLength(31);
      expect(new Set(ids).size).toBe(31);
      expect(pages).toBeGreaterThan(1);
    }
    // After a reload her widget resumes: the snapshot carries the first page and says more follow.
    const reloaded = from(server, '203.0.113.20');
    servers.track(reloaded);
    await connected(reloaded);
    const snapshot = await send(reloaded, 'consultation:resume', { consultationId: her.consultationId, clientToken: her.clientToken });
    expect(JSON.stringify(snapshot).length).toBeLessThanOrEqual(HISTORY_PAGE_BYTES + 2048);
    const data = (snapshot as { ok: true; data: { messages: unknown[]; moreMessages: boolean } }).data;
    expect(data.moreMessages).toBe(true);
    expect(data.messages.length).toBeGreaterThan(0);
    expect(data.messages.length).toBeLessThan(31);
  });
});
