import fs from 'node:fs';
import {
  type CounselorIdentity,
  type StoredMessage,
} from '@tsunagari/shared';
import {
  newSessionKey,
  openEpochMessage,
  openSessionKey,
  sealEpochMessage,
  sealSessionKey,
} from '@tsunagari/shared/crypto';
import { ROLES_THE_WIDGET_SEALS_TO, verifyStaffIdentity } from '@tsunagari/shared/trust';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  clientSocket,
  connected,
  loginStaff,
  next,
  send,
  staffSocket,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from './harness.js';

/** What she and the counselor say; every one of these must be absent from disk and logs. */
const CLIENT_LINES = ['夫に怒鳴られて眠れません', 'お金がなくて子どものご飯が心配です', 'secret-phrase-client-42'];
const COUNSELOR_LINES = ['話してくださってありがとうございます', 'secret-phrase-counselor-77'];
/** When each line was written, sealed inside it as the apps do (issue 15); distinct seconds, so each can be searched for. */
const writtenAt = (n: number) => `2026-11-30T04:1${n}:3${n}.${n}7${n}Z`;
/** What a stored message may carry to anyone: ciphertext and its place in the order, no time. */
const MESSAGE_FIELDS = ['ciphertext', 'consultationId', 'id', 'keyEpoch', 'nonce', 'senderRole', 'seq'];

describe('a full consultation, end to end encrypted', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  const received: { client: string[]; counselor: string[] } = { client: [], counselor: [] };
  /** Every message and ack as it arrived, to look at its fields; and the times inside the bodies. */
  const delivered: StoredMessage[] = [];
  const acks: object[] = [];
  const times: (string | undefined)[] = [];
  let stored: StoredMessage[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const sodium = server.sodium;
    const sato = await loginStaff(server, 'sato');
    const staff = staffSocket(server, sato);
    const client = clientSocket(server);
    sockets.push(staff, client);
    await Promise.all([connected(staff), connected(client)]);

    // She joins the queue; staff see it, she sees her place.
    const queueSeen = next(staff, 'queue:changed', (q) => q.entries.length === 1);
    const position = next(client, 'queue:position');
    // She says she is in danger now: routing and the board use it; the log must not (issue 15).
    const started = await call(client, 'consultation:start', { campaign: 'flyer', urgent: true });
    expect((await queueSeen).entries[0]?.consultationId).toBe(started.consultationId);
    expect(await position).toMatchObject({ consultationId: started.consultationId, position: 1, waiting: 1 });
    const id = started.consultationId;
    const sessionKey = newSessionKey(sodium);

    // The counselor takes her; the widget checks the organisation's signature, then seals the key.
    const assigned = next(client, 'consultation:assigned');
    const granted = next(staff, 'key:granted');
    const taken = await call(staff, 'consultation:take', { consultationId: id });
    expect(taken.status).toBe('active');
    const counselor: CounselorIdentity = (await assigned).counselor;
    const verdict = verifyStaffIdentity(sodium, counselor, { orgKey: server.org.pinned, acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: Date.now(), revocations: null });
    if (!verdict.ok) throw new Error(`the widget would refuse: ${verdict.reason}`);
    expect(verdict.statement.staffId).toBe(sato.session.staff.id);
    await call(client, 'key:grant', { consultationId: id, staffId: counselor.staffId, sealedKeys: [{ keyEpoch: 0, sealedKey: sealSessionKey(sodium, sessionKey, verdict.statement.boxPublicKey) }] });
    const [grant] = (await granted).sealedKeys;
    expect(grant?.keyEpoch).toBe(0);
    const counselorKey = openSessionKey(sodium, grant?.sealedKey ?? '', sato.keys.boxPublicKey, sato.keys.boxSecretKey);
    expect(counselorKey).toEqual(sessionKey);

    // Both ways: each side decrypts what the other sent.
    const textOf = (key: Uint8Array, m: StoredMessage) => {
      const body = openEpochMessage(sodium, key, { consultationId: id, senderRole: m.senderRole, keyEpoch: 0 }, m);
      delivered.push(m);
      times.push(body.writtenAt);
      return body.kind === 'text' ? body.text : body.kind;
    };
    staff.on('message:new', (m) => void received.counselor.push(textOf(counselorKey, m)));
    client.on('message:new', (m) => void received.client.push(textOf(sessionKey, m)));
    let seq = 0;
    let written = 0;
    for (const text of CLIENT_LINES) {
      const arrived = next(staff, 'message:new');
      const body = { kind: 'text' as const, text, writtenAt: writtenAt(++written) };
      acks.push(await call(client, 'message:send', sealEpochMessage(sodium, sessionKey, { consultationId: id, senderRole: 'client', keyEpoch: 0, seq: ++seq }, body)));
      await arrived;
    }
    seq = 0;
    for (const text of COUNSELOR_LINES) {
      const arrived = next(client, 'message:new');
      const body = { kind: 'text' as const, text, writtenAt: writtenAt(++written) };
      acks.push(await call(staff, 'message:send', sealEpochMessage(sodium, counselorKey, { consultationId: id, senderRole: 'counselor', keyEpoch: 0, seq: ++seq }, body)));
      await arrived;
    }

    // A re-send after a lost ack is stored once and answered with the same message.
    const again = sealEpochMessage(sodium, sessionKey, { consultationId: id, senderRole: 'client', keyEpoch: 0, seq: 99 }, { kind: 'text', text: 'resent' });
    const first = await call(client, 'message:send', again);
    const second = await call(client, 'message:send', again);
    expect(second.id).toBe(first.id);
    // The same seq with another ciphertext is a replay and is refused.
    const forged = sealEpochMessage(sodium, sessionKey, { consultationId: id, senderRole: 'client', keyEpoch: 0, seq: 99 }, { kind: 'text', text: 'other' });
    expect(await send(client, 'message:send', forged)).toEqual({ ok: false, error: 'INVALID_STATE' });

    stored = (await call(staff, 'message:list', { consultationId: id })).messages;

    const ended = next(staff, 'consultation:ended');
    await call(client, 'consultation:end', { consultationId: id });
    expect(await ended).toEqual({ consultationId: id, endedBy: 'client', reason: 'ended' });
    expect(await send(client, 'message:send', sealEpochMessage(sodium, sessionKey, { consultationId: id, senderRole: 'client', keyEpoch: 0, seq: 100 }, { kind: 'text', text: 'late' }))).toEqual({
      ok: false,
      error: 'INVALID_STATE',
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.stop();
    server.cleanup();
  });

  it('delivers every message to the other party, decrypted there', () => {
    expect(received.counselor).toEqual([...CLIENT_LINES, 'resent']);
    expect(received.client).toEqual(COUNSELOR_LINES);
  });

  it('stores each message once, in order', () => {
    expect(stored.map((m) => `${m.senderRole}:${m.seq}`)).toEqual(['client:1', 'client:2', 'client:3', 'counselor:1', 'counselor:2', 'client:99']);
  });

  it('gives no time with a message: not to the counselor, not to her, not in an ack or a history page; the time is inside the ciphertext', () => {
    expect(delivered).toHaveLength(CLIENT_LINES.length + 1 + COUNSELOR_LINES.length);
    for (const m of [...delivered, ...stored]) expect(Object.keys(m).sort()).toEqual(MESSAGE_FIELDS);
    for (const a of acks) expect(Object.keys(a)).toEqual(['id']);
    // Each side read the time from the body: hers at the counselor, the counselor's at her, the re-send with none.
    expect(times).toEqual([...[...CLIENT_LINES, ...COUNSELOR_LINES].map((_l, i) => writtenAt(i + 1)), undefined]);
  });

  it('keeps no time column for a message', () => {
    const columns = (server.db.prepare("SELECT name FROM pragma_table_info('message')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('ciphertext');
    expect(columns.filter((c) => /_at$|time/i.test(c))).toEqual([]);
  });

  it('leaves no plaintext in the database file or its WAL', () => {
    const files = [server.dbPath, `${server.dbPath}-wal`].filter((f) => fs.existsSync(f));
    expect(files).toContain(`${server.dbPath}-wal`);
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    // The search is real: the ciphertexts themselves are found in the same bytes.
    for (const m of stored) expect(bytes.includes(Buffer.from(m.ciphertext))).toBe(true);
    for (const text of [...CLIENT_LINES, ...COUNSELOR_LINES, 'resent']) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
    // Nor when anything was written, to the second (the relay's own times are coarse, to 10 minutes).
    for (let n = 1; n <= CLIENT_LINES.length + COUNSELOR_LINES.length; n++) expect(bytes.includes(Buffer.from(writtenAt(n).slice(11, 19))), writtenAt(n)).toBe(false);
  });

  it('logs no IP address, user agent or message content', () => {
    const all = server.logs.join('');
    expect(all).toContain('consultation.started'); // logging was on, at trace level
    expect(all).not.toMatch(/127\.0\.0\.1|::1|::ffff:|\b\d{1,3}(\.\d{1,3}){3}\b/);
    expect(all).not.toMatch(/user-?agent|node-XMLHttpRequest|Mozilla/i);
    for (const text of [...CLIENT_LINES, ...COUNSELOR_LINES]) expect(all).not.toContain(text);
    for (const m of stored) expect(all).not.toContain(m.ciphertext);
    // Her "in danger now" answer is never logged, in any form.
    expect(all).not.toMatch(/urgent/i);
  });
});

describe('what the server holds about a connected socket', () => {
  it('keeps neither her address nor her headers (user agent, cookies) once she is connected', async () => {
    const server = await startTestServer();
    try {
      const sato = await loginStaff(server, 'sato');
      const phone = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) test-phone' };
      const client: ClientSocket = connect(server.url, { auth: { role: 'client' }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: phone });
      const staff = staffSocket(server, sato);
      await Promise.all([connected(client), connected(staff)]);
      const held = [...server.app.io.sockets.sockets.values()];
      expect(held.map((s) => s.data.role).sort()).toEqual(['client', 'counselor']);
      for (const s of held) {
        expect(s.handshake.headers).toEqual({});
        expect(s.handshake.address).toBe('');
        expect(s.request).toBeNull();
        expect(JSON.stringify(s.handshake)).not.toMatch(/127\.0\.0\.1|Mozilla|tsg_staff/);
      }
      // The staff socket was still authenticated from those headers before they were dropped.
      expect(await send(staff, 'staff:list', {})).toMatchObject({ ok: true });
      client.disconnect();
      staff.disconnect();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
