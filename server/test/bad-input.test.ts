import { type ClientToServerEvents, MAX_ENVELOPE_BYTES, MAX_STAFF_DISABLE_BYTES, MAX_TRANSFER_BYTES, eventRoles, inboundSchemas } from '@tsunagari/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  clientSocket,
  connected,
  loginStaff,
  send,
  staffSocket,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from './harness.js';

type EventName = keyof ClientToServerEvents;
const EVENTS = Object.keys(inboundSchemas) as EventName[];
const CLIENT_EVENTS: EventName[] = EVENTS.filter((e) => eventRoles[e].includes('client'));
const COUNSELOR_EVENTS: EventName[] = EVENTS.filter((e) => eventRoles[e].includes('counselor'));
const SUPERVISOR_EVENTS: EventName[] = EVENTS.filter((e) => eventRoles[e].includes('supervisor'));
const ADMIN_EVENTS: EventName[] = EVENTS.filter((e) => eventRoles[e].includes('admin'));
const UNKNOWN = 'ZZZZZZZZZZZZZZZZZZZZZZ';
const NONCE = 'A'.repeat(32);

/** A well-formed payload for each event that names a consultation nobody has. */
const unknownIdPayload: Partial<Record<EventName, unknown>> = {
  'consultation:resume': { consultationId: UNKNOWN, clientToken: 'A'.repeat(43) },
  'consultation:end': { consultationId: UNKNOWN },
  'consultation:quick-exit': { consultationId: UNKNOWN },
  'consultation:take': { consultationId: UNKNOWN },
  'key:grant': { consultationId: UNKNOWN, staffId: UNKNOWN, sealedKeys: [{ keyEpoch: 0, sealedKey: 'A'.repeat(107) }] },
  'message:send': { consultationId: UNKNOWN, keyEpoch: 0, seq: 1, nonce: NONCE, ciphertext: 'A'.repeat(40) },
  'message:list': { consultationId: UNKNOWN },
  'resume:create': { consultationId: UNKNOWN, lookup: 'A'.repeat(43), wrappedKey: 'A'.repeat(96) },
  'resume:open': { lookup: 'A'.repeat(43) },
  'offer:accept': { consultationId: UNKNOWN },
  'consultation:transfer': { consultationId: UNKNOWN },
  'consultation:read': { consultationId: UNKNOWN, lastReadId: 1 },
  'typing:set': { consultationId: UNKNOWN, typing: true },
  'consultation:record': { consultationId: UNKNOWN, topics: ['孤独'], outcome: 'listened' },
  // The consultation is checked before the time, so any well-formed time gives the same answer.
  'handoff:book': { consultationId: UNKNOWN, kind: 'phone', startsAt: '2030-01-04T15:00:00+09:00' },
};

/** A well-formed payload for each event that names an appointment nobody has. */
const unknownAppointmentPayload: Partial<Record<EventName, unknown>> = {
  'appointment:find': { code: 'ZZZZZZ' },
  'appointment:status': { appointmentId: UNKNOWN, status: 'done' },
};

describe('bad input gets a coded error and changes nothing', () => {
  let server: TestServer;
  let client: ClientSocket;
  let counselor: ClientSocket;
  let supervisor: ClientSocket;
  let admin: ClientSocket;
  let ownConsultation: string;

  /**
   * Row counts of every table, and every staff account's lifecycle: the state that bad input must
   * not change (read from SQLite, or from PostgreSQL in the `server-pg` matrix).
   */
  const state = async () => [
    ...(await Promise.all(
      ['consultation', 'message', 'key_grant', 'staff', 'staff_session', 'case_record', 'case_record_topic', 'appointment', 'revocation_list'].map(
        async (t) => ((await server.rows(`SELECT COUNT(*) AS n FROM ${t}`))[0] as { n: number }).n,
      ),
    )),
    JSON.stringify(await server.rows('SELECT id, username, role, status, key_version, statement, invite_token_hash, auth_hash FROM staff ORDER BY id')),
  ];

  beforeAll(async () => {
    // Hundreds of refused events from each socket, back to back: the event budget (limits.test.ts)
    // would answer RATE_LIMITED long before; here every other check must answer.
    server = await startTestServer({ limits: { events: { burst: 1_000_000 } } });
    const sato = await loginStaff(server, 'sato');
    const boss = await loginStaff(server, 'boss');
    const chief = await loginStaff(server, 'chief');
    client = clientSocket(server);
    counselor = staffSocket(server, sato);
    supervisor = staffSocket(server, boss);
    admin = staffSocket(server, chief);
    await Promise.all([connected(client), connected(counselor), connected(supervisor), connected(admin)]);
    ownConsultation = (await call(client, 'consultation:start', {})).consultationId;
  });

  afterAll(async () => {
    for (const s of [client, counselor, supervisor, admin]) s.disconnect();
    await server.stop();
    server.cleanup();
  });

  const socketFor = (event: EventName): ClientSocket =>
    CLIENT_EVENTS.includes(event) ? client : COUNSELOR_EVENTS.includes(event) ? counselor : SUPERVISOR_EVENTS.includes(event) ? supervisor : admin;

  it.each(EVENTS)('%s: malformed payloads → INVALID_PAYLOAD', async (event) => {
    const before = await state();
    for (const bad of [undefined, null, 'text', 42, [], { consultationId: 5 }, { unexpected: true }]) {
      const args = bad === undefined ? [] : [bad];
      expect(await send(socketFor(event), event, ...args), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(await state()).toEqual(before);
  });

  it.each(EVENTS)('%s: oversized payload → PAYLOAD_TOO_LARGE', async (event) => {
    const before = await state();
    // staff:disable carries a whole signed revocation list, a transfer every epoch's key and a padded note, so
    // their limits are higher (still under the frame limit).
    const limit = event === 'staff:disable' ? MAX_STAFF_DISABLE_BYTES : event === 'consultation:transfer' ? MAX_TRANSFER_BYTES : MAX_ENVELOPE_BYTES;
    const huge = { consultationId: ownConsultation, keyEpoch: 0, seq: 1, nonce: NONCE, ciphertext: 'A'.repeat(limit + 10) };
    expect(await send(socketFor(event), event, huge)).toEqual({ ok: false, error: 'PAYLOAD_TOO_LARGE' });
    expect(await state()).toEqual(before);
  });

  // The size gate reads the dispatcher's one count of the payload (issue 12): a small payload
  // nested past the count's depth must still be refused as too large, not reach the schema.
  it('a small payload nested 40 deep → PAYLOAD_TOO_LARGE', async () => {
    const before = await state();
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(await send(client, 'message:send', { consultationId: ownConsultation, nested: deep })).toEqual({ ok: false, error: 'PAYLOAD_TOO_LARGE' });
    expect(await state()).toEqual(before);
  });

  it.each(Object.keys(unknownIdPayload) as EventName[])('%s: unknown consultation → UNKNOWN_CONSULTATION', async (event) => {
    const before = await state();
    expect(await send(socketFor(event), event, unknownIdPayload[event])).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    expect(await state()).toEqual(before);
  });

  it.each(Object.keys(unknownAppointmentPayload) as EventName[])('%s: unknown appointment → UNKNOWN_APPOINTMENT', async (event) => {
    const before = await state();
    for (const s of [counselor, supervisor]) expect(await send(s, event, unknownAppointmentPayload[event])).toEqual({ ok: false, error: 'UNKNOWN_APPOINTMENT' });
    expect(await state()).toEqual(before);
  });

  it.each(EVENTS)('%s: from a role that may not send it → FORBIDDEN', async (event) => {
    const before = await state();
    const wrong: ClientSocket[] = [];
    if (!CLIENT_EVENTS.includes(event)) wrong.push(client);
    if (!COUNSELOR_EVENTS.includes(event)) wrong.push(counselor);
    if (!SUPERVISOR_EVENTS.includes(event)) wrong.push(supervisor);
    if (!ADMIN_EVENTS.includes(event)) wrong.push(admin);
    expect(wrong.length).toBeGreaterThan(0);
    for (const s of wrong) expect(await send(s, event, unknownIdPayload[event] ?? {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await state()).toEqual(before);
  });

  it('a client cannot reach another woman’s consultation, even knowing its id', async () => {
    const other = clientSocket(server);
    await connected(other);
    const before = await state();
    expect(await send(other, 'message:list', { consultationId: ownConsultation })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    expect(await send(other, 'consultation:end', { consultationId: ownConsultation })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    expect(await send(other, 'consultation:resume', { consultationId: ownConsultation, clientToken: 'B'.repeat(43) })).toEqual({
      ok: false,
      error: 'UNKNOWN_CONSULTATION',
    });
    expect(await state()).toEqual(before);
    other.disconnect();
  });

  it('a counselor cannot read a consultation she does not hold', async () => {
    expect(await send(counselor, 'message:list', { consultationId: ownConsultation })).toEqual({ ok: false, error: 'FORBIDDEN' });
  });

  it('an event without an ack callback is ignored and the server keeps serving', async () => {
    const before = await state();
    (client as unknown as { emit(e: string, p: unknown): void }).emit('consultation:start', {});
    (client as unknown as { emit(e: string): void }).emit('no-such-event');
    expect((await call(counselor, 'queue:list', {})).entries.map((e) => e.consultationId)).toEqual([ownConsultation]);
    expect(await state()).toEqual(before);
  });

  it('a frame over the transport limit closes only that socket; the server keeps serving', async () => {
    const rogue = clientSocket(server);
    await connected(rogue);
    const closed = new Promise<string>((resolve) => rogue.once('disconnect', (reason) => resolve(reason)));
    rogue.emit('consultation:start', { campaign: 'x'.repeat(200_000) } as never, () => undefined);
    expect(await closed).toBe('transport close');
    const fresh = clientSocket(server);
    await connected(fresh);
    expect((await call(fresh, 'consultation:start', {})).position).toBe(2);
    fresh.disconnect();
  });
});
