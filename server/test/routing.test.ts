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
  type LoggedInStaff,
  type TestServer,
} from './harness.js';

describe('routing over real sockets', () => {
  let server: TestServer;
  let sato: LoggedInStaff;
  let tanaka: LoggedInStaff;
  let satoSock: ClientSocket;
  let tanakaSock: ClientSocket;
  let boss: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ routing: { offerTimeoutMs: 60_000 } });
    sato = await loginStaff(server, 'sato');
    tanaka = await loginStaff(server, 'tanaka');
    satoSock = staffSocket(server, sato);
    tanakaSock = staffSocket(server, tanaka);
    boss = staffSocket(server, await loginStaff(server, 'boss'));
    sockets.push(satoSock, tanakaSock, boss);
    await Promise.all(sockets.map(connected));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.stop();
    server.cleanup();
  });

  const newClient = async () => {
    const c = clientSocket(server);
    sockets.push(c);
    await connected(c);
    return c;
  };

  it('nobody on duty: she keeps her place and is told to see the alternatives; leaving records her wait', async () => {
    const client = await newClient();
    const pos = next(client, 'queue:position');
    const { consultationId } = await call(client, 'consultation:start', {});
    expect(await pos).toMatchObject({ position: 1, waiting: 1, estimatedWaitSeconds: null, showAlternatives: true });
    await call(client, 'consultation:end', { consultationId });
    const row = (await server.rows('SELECT end_reason, abandon_cause, wait_ms FROM consultation WHERE id = ?', consultationId))[0] as Record<string, unknown>;
    expect(row).toMatchObject({ end_reason: 'abandoned', abandon_cause: 'left' });
    expect(row.wait_ms).toBeGreaterThanOrEqual(0);
  });

  it('offers to an available counselor; capacity set by a supervisor is never exceeded', async () => {
    const satoState = await call(satoSock, 'staff:status', { status: 'available' });
    expect(satoState).toMatchObject({ status: 'available', capacity: 3, load: 0 });
    expect((await send(satoSock, 'staff:capacity', { staffId: sato.session.staff.id, capacity: 1 })).ok).toBe(false); // counselors may not
    expect(await call(boss, 'staff:capacity', { staffId: sato.session.staff.id, capacity: 1 })).toMatchObject({ capacity: 1 });

    const first = await newClient();
    const offered = next(satoSock, 'queue:offer');
    const a = await call(first, 'consultation:start', {});
    expect((await offered).consultationId).toBe(a.consultationId);
    const assigned = next(first, 'consultation:assigned');
    await call(satoSock, 'offer:accept', { consultationId: a.consultationId });
    expect((await assigned).counselor.staffId).toBe(sato.session.staff.id);

    // Full: the next one is not offered to her, and she cannot take it by hand either.
    const second = await newClient();
    const b = await call(second, 'consultation:start', {});
    expect(await send(satoSock, 'consultation:take', { consultationId: b.consultationId })).toEqual({ ok: false, error: 'AT_CAPACITY' });
    // Tanaka takes her by hand while away.
    await call(tanakaSock, 'consultation:take', { consultationId: b.consultationId });
    await call(boss, 'staff:capacity', { staffId: sato.session.staff.id, capacity: 3 });
  });

  it('transfer to a named counselor: key sealed by the console recorded as a grant, note kept encrypted, the old holder loses access', async () => {
    const [mine] = (await call(satoSock, 'consultation:mine', {})).consultations;
    const id = mine?.consultationId as string;
    const incoming = next(tanakaSock, 'consultation:incoming');
    const released = next(satoSock, 'consultation:released');
    const sealedKeys = [{ keyEpoch: 0, sealedKey: 'K'.repeat(107) }];
    const note = { nonce: 'N'.repeat(32), ciphertext: 'C'.repeat(40) };
    await call(satoSock, 'consultation:transfer', { consultationId: id, toStaffId: tanaka.session.staff.id, sealedKeys, note });
    const got = await incoming;
    expect(got.fromStaffId).toBe(sato.session.staff.id);
    expect(got.consultation).toMatchObject({ consultationId: id, sealedKeys, handover: [{ fromName: '佐藤', ...note }] });
    expect((await released).consultationId).toBe(id);
    expect(await send(satoSock, 'message:list', { consultationId: id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    const grant = (await server.rows('SELECT granted_by FROM key_grant WHERE consultation_id = ? AND staff_id = ?', id, tanaka.session.staff.id))[0];
    expect(grant).toEqual({ granted_by: 'counselor' });

    // Back to the queue: she goes to the front, ahead of anyone waiting.
    const waiting = await newClient();
    await call(waiting, 'consultation:start', {});
    await call(satoSock, 'staff:status', { status: 'away' });
    const queued = next(boss, 'queue:changed', (q) => q.entries.some((e) => e.requeued));
    await call(tanakaSock, 'consultation:transfer', { consultationId: id });
    const entries = (await queued).entries;
    expect(entries[0]).toMatchObject({ consultationId: id, position: 1, requeued: true });
  });

  it('a client handed back to the queue who reloads is told again why she waits (snapshot: requeued)', async () => {
    const client = await newClient();
    const { consultationId, clientToken } = await call(client, 'consultation:start', {});
    expect((await call(client, 'consultation:resume', { consultationId, clientToken })).requeued).toBe(false);
    await call(tanakaSock, 'consultation:take', { consultationId });
    await call(tanakaSock, 'consultation:transfer', { consultationId });
    client.disconnect();
    const reloaded = await newClient();
    const snapshot = await call(reloaded, 'consultation:resume', { consultationId, clientToken });
    expect(snapshot).toMatchObject({ status: 'waiting', requeued: true, counselor: null });
    expect(snapshot.position).toBeGreaterThanOrEqual(1);
  });

  it('typing is relayed to the other side and never stored', async () => {
    const client = await newClient();
    const { consultationId } = await call(client, 'consultation:start', {});
    await call(tanakaSock, 'consultation:take', { consultationId });
    const seen = next(tanakaSock, 'typing:changed', (t) => t.consultationId === consultationId);
    await call(client, 'typing:set', { consultationId, typing: true });
    expect(await seen).toEqual({ consultationId, role: 'client', typing: true });
    expect(await call(tanakaSock, 'consultation:read', { consultationId, lastReadId: 5 })).toEqual({ lastReadId: 5 });
    expect(await call(tanakaSock, 'consultation:read', { consultationId, lastReadId: 2 })).toEqual({ lastReadId: 5 });
  });
});
