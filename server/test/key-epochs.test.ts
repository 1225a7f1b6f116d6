import type { StoredMessage } from '@tsunagari/shared';
import { newSessionKey, openEpochMessage, openSessionKey, sealEpochMessage, sealSessionKey, type Sodium, toB64 } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { REPLAY_ID_OFFSET, TEST_HOOK_PATHS } from '../src/http/test-hooks.routes.js';
import { call, clientSocket, connected, loginStaff, next, postJson, send, serverPerTest, staffSocket, type TestServer } from './harness.js';

const text = (sodium: Sodium, key: Uint8Array, consultationId: string, m: StoredMessage) => {
  const body = openEpochMessage(sodium, key, { consultationId, senderRole: m.senderRole, keyEpoch: m.keyEpoch }, m);
  return body.kind === 'text' ? body.text : body.kind;
};

/**
 * A chat with Sato in epoch 0, handed to Tanaka while her widget is connected: the widget starts
 * epoch 1 and seals it to Tanaka only (with epoch 0 again, for the history).
 */
async function transferScene(server: TestServer, track: (...s: ReturnType<typeof clientSocket>[]) => void) {
  const { sodium } = server;
  const [sato, tanaka] = [await loginStaff(server, 'sato'), await loginStaff(server, 'tanaka')];
  const satoSock = staffSocket(server, sato);
  const tanakaSock = staffSocket(server, tanaka);
  const client = clientSocket(server);
  track(satoSock, tanakaSock, client);
  await Promise.all([satoSock, tanakaSock, client].map(connected));
  const keys = [newSessionKey(sodium), newSessionKey(sodium)];
  const { consultationId: id, clientToken } = await call(client, 'consultation:start', {});
  const seal = (senderRole: 'client' | 'counselor', keyEpoch: number, seq: number, words: string) =>
    sealEpochMessage(sodium, keys[keyEpoch] as Uint8Array, { consultationId: id, senderRole, keyEpoch, seq }, { kind: 'text', text: words });

  await call(satoSock, 'consultation:take', { consultationId: id });
  await call(client, 'key:grant', { consultationId: id, staffId: sato.session.staff.id, sealedKeys: [{ keyEpoch: 0, sealedKey: sealSessionKey(sodium, keys[0] as Uint8Array, toB64(sodium, sato.keys.boxPublicKey)) }] });
  await call(client, 'message:send', seal('client', 0, 1, 'はじめまして'));
  await call(satoSock, 'message:send', seal('counselor', 0, 1, 'お話をきかせてください'));
  await call(client, 'message:send', seal('client', 0, 2, '夫のことで'));

  // Sato hands her on, with epoch 0 sealed to Tanaka by her console; the widget hears of it.
  const assigned = next(client, 'consultation:assigned');
  const incoming = next(tanakaSock, 'consultation:incoming');
  const tanakaId = tanaka.session.staff.id;
  await call(satoSock, 'consultation:transfer', {
    consultationId: id,
    toStaffId: tanakaId,
    sealedKeys: [{ keyEpoch: 0, sealedKey: sealSessionKey(sodium, keys[0] as Uint8Array, toB64(sodium, tanaka.keys.boxPublicKey)) }],
  });
  const told = await assigned;
  const handed = await incoming;
  // The widget starts epoch 1 for Tanaka alone, and seals epoch 0 to her again for the history.
  const granted = next(tanakaSock, 'key:granted');
  await call(client, 'key:grant', {
    consultationId: id,
    staffId: tanakaId,
    sealedKeys: keys.map((k, keyEpoch) => ({ keyEpoch, sealedKey: sealSessionKey(sodium, k, toB64(sodium, tanaka.keys.boxPublicKey)) })),
  });
  await granted;
  return { sodium, id, clientToken, keys, seal, sato, tanaka, satoSock, tanakaSock, client, told, handed, tanakaId };
}

describe('key epochs on the relay', () => {
  const servers = serverPerTest();

  it('stores each message with its epoch; seq starts again from 1 in a new epoch; the new holder reads every epoch', async () => {
    const server = await servers.start();
    const s = await transferScene(server, servers.track);
    expect(s.told).toMatchObject({ consultationId: s.id, counselor: { staffId: s.tanakaId } });
    expect(s.handed.consultation.sealedKeys.map((k) => k.keyEpoch)).toEqual([0]);

    await call(s.client, 'message:send', s.seal('client', 1, 1, 'つづきです'));
    await call(s.tanakaSock, 'message:send', s.seal('counselor', 1, 1, '田中です。引き継ぎました'));

    const stored = (await call(s.tanakaSock, 'message:list', { consultationId: s.id })).messages;
    expect(stored.map((m) => `${m.senderRole}:${m.keyEpoch}:${m.seq}`)).toEqual(['client:0:1', 'counselor:0:1', 'client:0:2', 'client:1:1', 'counselor:1:1']);
    // Tanaka's console opens every epoch's key sealed to her, and with them the whole history.
    const [mine] = (await call(s.tanakaSock, 'consultation:mine', {})).consultations;
    expect(mine?.sealedKeys.map((k) => k.keyEpoch)).toEqual([0, 1]);
    const opened = new Map(mine?.sealedKeys.map((k) => [k.keyEpoch, openSessionKey(s.sodium, k.sealedKey, s.tanaka.keys.boxPublicKey, s.tanaka.keys.boxSecretKey)]));
    expect(opened.get(0)).toEqual(s.keys[0]);
    expect(opened.get(1)).toEqual(s.keys[1]);
    expect(stored.map((m) => text(s.sodium, opened.get(m.keyEpoch) as Uint8Array, s.id, m))).toEqual([
      'はじめまして',
      'お話をきかせてください',
      '夫のことで',
      'つづきです',
      '田中です。引き継ぎました',
    ]);
  });

  it('a former counselor gets no key of the new epoch: not sealed to her, not grantable to her, and no more history', async () => {
    const server = await servers.start();
    const s = await transferScene(server, servers.track);
    const satoId = s.sato.session.staff.id;
    const rows = await server.rows('SELECT staff_id, key_epoch, granted_by FROM key_grant WHERE consultation_id = ? ORDER BY staff_id, key_epoch', s.id);
    expect(rows).toEqual(
      [
        { staff_id: satoId, key_epoch: 0, granted_by: 'client' },
        // Tanaka's epoch 0 came from Sato's console, then again from the widget (the newest is kept).
        { staff_id: s.tanakaId, key_epoch: 0, granted_by: 'client' },
        { staff_id: s.tanakaId, key_epoch: 1, granted_by: 'client' },
      ].sort((a, b) => (a.staff_id < b.staff_id ? -1 : a.staff_id > b.staff_id ? 1 : a.key_epoch - b.key_epoch)),
    );
    // A key for her now is refused, whoever sends it: she no longer holds the chat.
    const toSato = { consultationId: s.id, staffId: satoId, sealedKeys: [{ keyEpoch: 1, sealedKey: sealSessionKey(s.sodium, s.keys[1] as Uint8Array, toB64(s.sodium, s.sato.keys.boxPublicKey)) }] };
    expect(await send(s.client, 'key:grant', toSato)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect((await server.rows('SELECT COUNT(*) AS n FROM key_grant WHERE staff_id = ? AND key_epoch = 1', satoId))[0]).toEqual({ n: 0 });
    expect(await send(s.satoSock, 'message:list', { consultationId: s.id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect((await call(s.satoSock, 'consultation:mine', {})).consultations).toEqual([]);
    // Even given the new epoch's ciphertext, her epoch-0 key does not open it.
    await call(s.client, 'message:send', s.seal('client', 1, 1, 'あとの話'));
    const after = (await call(s.tanakaSock, 'message:list', { consultationId: s.id })).messages.at(-1) as StoredMessage;
    expect(after.keyEpoch).toBe(1);
    expect(() => openEpochMessage(s.sodium, s.keys[0] as Uint8Array, { consultationId: s.id, senderRole: 'client', keyEpoch: 1 }, after)).toThrow();
    expect(() => openEpochMessage(s.sodium, s.keys[0] as Uint8Array, { consultationId: s.id, senderRole: 'client', keyEpoch: 0 }, after)).toThrow();
  });

  it('re-sends are idempotent per (sender, epoch, seq); another message under a used (epoch, seq) is refused', async () => {
    const server = await servers.start();
    const s = await transferScene(server, servers.track);
    const envelope = s.seal('client', 1, 1, 'おなじ');
    const first = await call(s.client, 'message:send', envelope);
    expect(await call(s.client, 'message:send', envelope)).toEqual(first);
    expect(await send(s.client, 'message:send', s.seal('client', 1, 1, 'ちがう'))).toEqual({ ok: false, error: 'INVALID_STATE' });
    // Seq 2 was used in epoch 0 (and seq 1 in both): each epoch has its own.
    expect((await call(s.client, 'message:send', s.seal('client', 1, 2, 'に'))).id).toBeGreaterThan(first.id);
    const count = await server.rows('SELECT key_epoch, COUNT(*) AS n FROM message WHERE consultation_id = ? AND sender_role = ? GROUP BY key_epoch', s.id, 'client');
    expect(count).toEqual([
      { key_epoch: 0, n: 2 },
      { key_epoch: 1, n: 2 },
    ]);
  });

  it('her snapshot names the newest epoch and the assignment she was told of, so a reconnect is not taken for a transfer', async () => {
    const server = await servers.start();
    const waiting = clientSocket(server);
    servers.track(waiting);
    await connected(waiting);
    const fresh = await call(waiting, 'consultation:start', {});
    const before = await call(waiting, 'consultation:resume', { consultationId: fresh.consultationId, clientToken: fresh.clientToken });
    expect(before).toMatchObject({ status: 'waiting', counselor: null, assignedAt: null, keyEpoch: null });

    const s = await transferScene(server, servers.track);
    const row = (await server.rows('SELECT assigned_at FROM consultation WHERE id = ?', s.id))[0] as { assigned_at: string };
    expect(s.told.assignedAt).toBe(row.assigned_at);
    // Reconnect as her widget does after a drop: the snapshot carries the same assignment and epoch 1.
    const again = clientSocket(server);
    servers.track(again);
    await connected(again);
    const snapshot = await call(again, 'consultation:resume', { consultationId: s.id, clientToken: s.clientToken });
    expect(snapshot).toMatchObject({ status: 'active', counselor: { staffId: s.tanakaId }, assignedAt: s.told.assignedAt, keyEpoch: 1 });
  });

  it('test hook: replays a stored message to the room under a new id, only when the server was started with hooks', async () => {
    const server = await servers.start({ testHooks: true });
    const s = await transferScene(server, servers.track);
    await call(s.tanakaSock, 'message:send', s.seal('counselor', 1, 1, 'もう一度'));
    const [original] = (await call(s.client, 'message:list', { consultationId: s.id })).messages.filter((m) => m.senderRole === 'counselor' && m.keyEpoch === 1);
    const atClient = next(s.client, 'message:new');
    const atCounselor = next(s.tanakaSock, 'message:new');
    const res = await postJson(server.url + TEST_HOOK_PATHS.replay, { consultationId: s.id, senderRole: 'counselor' });
    expect(res.status).toBe(200);
    const copy = { ...original, id: (original?.id ?? 0) + REPLAY_ID_OFFSET };
    expect(await atClient).toEqual(copy);
    expect(await atCounselor).toEqual(copy);
    // Nothing was stored: a catch-up still has it once.
    expect((await call(s.client, 'message:list', { consultationId: s.id })).messages.filter((m) => m.ciphertext === original?.ciphertext)).toHaveLength(1);
    expect((await postJson(server.url + TEST_HOOK_PATHS.replay, { consultationId: s.id, senderRole: 'someone' })).status).toBe(400);
  });

  it('test hook: absent from a server started without hooks', async () => {
    const server = await servers.start();
    const res = await postJson(server.url + TEST_HOOK_PATHS.replay, { consultationId: 'A'.repeat(22), senderRole: 'counselor' });
    expect(res.status).toBe(404);
  });
});
