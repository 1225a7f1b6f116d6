import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { MESSAGE_FLOOD } from '../src/domain/messages.js';
import { call, clientSocket, connected, send, startTestServer, type TestServer } from './harness.js';

/**
 * A sender's messages take effect in the order she sent them, on SQLite and on PostgreSQL (this
 * file is in the PostgreSQL matrix): a burst — her outbox sent again after a reconnect, or a
 * script's flood — is stored in seq order and the flood limit refuses its last messages. On
 * PostgreSQL each message's consultation read is a pool query, and those come back in any order;
 * the messages of one socket then overtook each other (ids out of seq order; seq 5 and 6 refused
 * while 7 to 33 were kept).
 */
async function herBurst(server: TestServer, count: number) {
  const client = clientSocket(server);
  await connected(client);
  const { consultationId } = await call(client, 'consultation:start', {});
  const key = newSessionKey(server.sodium);
  const envelope = (seq: number) => sealEpochMessage(server.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `line ${seq}` });
  const burst = Array.from({ length: count }, (_, i) => envelope(i + 1));
  // All sent at once, in one turn.
  const answers = await Promise.all(burst.map((e) => send(client, 'message:send', e)));
  const stored = async () => (await server.rows('SELECT seq FROM message WHERE consultation_id = ? ORDER BY id', consultationId)).map((r) => (r as { seq: number }).seq);
  return { client, consultationId, envelope, burst, answers, stored };
}

describe('a sender\'s burst of messages', () => {
  it('is stored in the order she sent it', async () => {
    const server = await startTestServer({ limits: { waitingMessages: 1000 } });
    try {
      const { client, answers, stored } = await herBurst(server, 20);
      expect(answers.every((a) => a.ok)).toBe(true);
      const ids = answers.map((a) => (a as { ok: true; data: { id: number } }).data.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(await stored()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      client.disconnect();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });

  it('and her end sent right after it: every message is stored, then the chat ends', async () => {
    const server = await startTestServer({ limits: { waitingMessages: 1000 } });
    try {
      const client = clientSocket(server);
      await connected(client);
      const { consultationId } = await call(client, 'consultation:start', {});
      const key = newSessionKey(server.sodium);
      const lines = Array.from({ length: 8 }, (_, i) => sealEpochMessage(server.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq: i + 1 }, { kind: 'text', text: `line ${i + 1}` }));
      const answers = await Promise.all([...lines.map((e) => send(client, 'message:send', e)), send(client, 'consultation:end', { consultationId })]);
      expect(answers.every((a) => a.ok)).toBe(true);
      expect((await server.rows('SELECT seq FROM message WHERE consultation_id = ? ORDER BY id', consultationId)).map((r) => (r as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(((await server.rows('SELECT status FROM consultation WHERE id = ?', consultationId))[0] as { status: string }).status).toBe('ended');
      client.disconnect();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });

  it(`gets RATE_LIMITED past ${MESSAGE_FLOOD.points} new messages in ${MESSAGE_FLOOD.seconds} s, nothing more is stored, and re-sends are still answered`, async () => {
    // She waits throughout: the waiting limit (limits.test.ts) is raised so the flood limit is the one met.
    const server = await startTestServer({ limits: { waitingMessages: 1000 } });
    try {
      // Seq 1 is the intake her widget sends by itself at every start: it does not count, the next 30 do.
      const { client, envelope, burst, answers, stored } = await herBurst(server, MESSAGE_FLOOD.points + 6);
      expect(answers.filter((a) => a.ok)).toHaveLength(MESSAGE_FLOOD.points + 1);
      expect(answers.slice(MESSAGE_FLOOD.points + 1)).toEqual(Array(5).fill({ ok: false, error: 'RATE_LIMITED' }));
      expect(await stored()).toEqual(Array.from({ length: MESSAGE_FLOOD.points + 1 }, (_, i) => i + 1));
      // A re-send of a stored message (its ack was lost) is answered with the same row…
      const first = answers[2] as { ok: true; data: { id: number } };
      expect(await send(client, 'message:send', burst[2])).toEqual({ ok: true, data: first.data });
      // …a refused one stays refused, and a different envelope under a used seq is still a replay.
      expect(await send(client, 'message:send', burst[MESSAGE_FLOOD.points + 1])).toEqual({ ok: false, error: 'RATE_LIMITED' });
      expect(await send(client, 'message:send', { ...envelope(3), ciphertext: (burst[0] as { ciphertext: string }).ciphertext })).toEqual({ ok: false, error: 'INVALID_STATE' });
      expect(await stored()).toHaveLength(MESSAGE_FLOOD.points + 1);
      client.disconnect();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
