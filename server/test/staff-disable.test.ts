/**
 * Disabling a staff member (issue 13): with an organisation-signed revocation list that revokes
 * her key version. At once: login refused, her sessions gone and her sockets closed, out of
 * routing, her chats back at the front of the queue with their history, the list published and
 * every console told trust changed. Her sealed grants are never handed to anyone. Lists that are
 * stale, do not revoke her, drop an earlier entry or are not the organisation's change nothing.
 */
import { API } from '@tsunagari/shared';
import { sealSessionKey, newSessionKey } from '@tsunagari/shared/crypto';
import { type SignedRevocationList, verifyRevocationList, verifyStaffStatement } from '@tsunagari/shared/trust';
import { describe, expect, it } from 'vitest';
import { rooms } from '../src/socket/types.js';
import { type TestServer, call, clientSocket, connected, loginStaff, next, send, serverPerTest, signIn, staffSocket } from './harness.js';
import { api, inviteAndEnrol, listingOf, revocations, sign } from './staff-helpers.js';

const staffState = async (s: TestServer) => [
  await s.rows('SELECT * FROM staff ORDER BY id'),
  await s.rows('SELECT * FROM revocation_list'),
  (await s.rows('SELECT COUNT(*) AS n FROM staff_session'))[0],
];

describe('disabling a staff member', () => {
  const servers = serverPerTest();

  async function scene() {
    const server = await servers.start();
    const admin = await signIn(server, 'chief');
    const satoLogin = await loginStaff(server, 'sato');
    const satoId = satoLogin.session.staff.id;
    const tanakaLogin = await loginStaff(server, 'tanaka');
    // Her console is open twice (two tabs); both must close.
    const [sato1, sato2] = [staffSocket(server, satoLogin), staffSocket(server, satoLogin)];
    const tanaka = staffSocket(server, tanakaLogin);
    const a = clientSocket(server);
    servers.track(admin, sato1, sato2, tanaka, a);
    await Promise.all([sato1, sato2, tanaka, a].map(connected));
    return { server, admin, satoLogin, satoId, tanakaId: tanakaLogin.session.staff.id, sato1, sato2, tanaka, a };
  }

  it('at once: her sockets close, login is refused, her chat goes to the front with its history, her grant is handed to nobody', async () => {
    const { server, admin, satoLogin, satoId, sato1, sato2, tanaka, a } = await scene();
    const other = clientSocket(server);
    servers.track(other);
    await connected(other);
    const waiting = (await call(other, 'consultation:start', {})).consultationId;
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato1, 'consultation:take', { consultationId: id });
    const key = newSessionKey(server.sodium);
    await call(a, 'key:grant', { consultationId: id, staffId: satoId, sealedKeys: [{ keyEpoch: 0, sealedKey: sealSessionKey(server.sodium, key, satoLogin.session.keys.boxPublicKey) }] });
    for (let seq = 1; seq <= 3; seq++) await call(a, 'message:send', { consultationId: id, keyEpoch: 0, seq, nonce: 'N'.repeat(32), ciphertext: `C${seq}`.padEnd(40, 'x') });

    const closed = Promise.all([sato1, sato2].map((s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)))));
    const requeued = next(a, 'consultation:requeued');
    const told = new Promise<void>((resolve) => tanaka.once('trust:changed', () => resolve()));
    const listing = await call(admin, 'staff:disable', { staffId: satoId, revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }]) });
    // By the time the admin hears back, the relay holds no socket of hers and she is out of routing.
    expect(await server.app.io.in(rooms.staffMember(satoId)).fetchSockets()).toEqual([]);
    expect((await server.app.services.routing.router.view()).counselors.map((c) => c.staffId)).not.toContain(satoId);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await Promise.all([requeued, told]);
    expect(listing).toMatchObject({ staffId: satoId, status: 'disabled', statement: satoLogin.session.keys.statement });
    expect((await server.rows('SELECT auth_hash, wrapped_secret_keys FROM staff WHERE id = ?', satoId))[0]).toEqual({ auth_hash: null, wrapped_secret_keys: null });

    await expect(loginStaff(server, 'sato')).rejects.toThrow('NOT_AUTHENTICATED');
    await expect(connected(staffSocket(server, satoLogin))).rejects.toThrow('NOT_AUTHENTICATED');
    // Her chat is first in the queue again, ahead of the woman who was waiting, with its history.
    const queue = (await call(tanaka, 'queue:list', {})).entries;
    expect(queue.map((e) => [e.consultationId, e.requeued ?? false])).toEqual([[id, true], [waiting, false]]);
    expect((await call(a, 'message:list', { consultationId: id })).messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    // The next counselor gets no key until her widget seals one to his own statement.
    const taken = await call(tanaka, 'consultation:take', { consultationId: id });
    expect(taken.sealedKeys).toEqual([]);
    expect((await call(tanaka, 'message:list', { consultationId: id })).messages).toHaveLength(3);
    expect((await call(tanaka, 'staff:list', {})).counselors.map((c) => c.staffId)).not.toContain(satoId);
  });

  it('publishes the organisation-signed list: verifiable against the pinned key, served to any origin, never cached', async () => {
    const { server, admin, satoId } = await scene();
    expect((await (await fetch(server.url + API.revocations)).json()) as unknown).toEqual({ ok: true, data: null });
    const list = revocations(server, [{ staffId: satoId, keyVersion: 1 }]);
    await call(admin, 'staff:disable', { staffId: satoId, revocations: list });
    const res = await fetch(server.url + API.revocations);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { ok: true; data: SignedRevocationList };
    expect(body.data).toEqual(list);
    const verified = verifyRevocationList(server.sodium, server.org.pinned, body.data);
    expect(verified.ok).toBe(true);
    const satoStatement = (await listingOf(admin, satoId)).statement;
    if (!verified.ok) throw new Error('unreachable');
    expect(verifyStaffStatement(server.sodium, satoStatement, { orgKey: server.org.pinned, acceptRoles: ['counselor'], now: Date.now(), revocations: verified.list })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('refuses lists that are not the organisation’s, do not revoke her, are not newer, or drop an earlier entry; nothing changes', async () => {
    const { server, admin, satoId, tanakaId, sato1 } = await scene();
    const t0 = Date.now();
    const other = server.sodium.crypto_sign_keypair();
    let before = await staffState(server);
    const refuse = async (staffId: string, list: SignedRevocationList, error: string) => {
      expect(await send(admin, 'staff:disable', { staffId, revocations: list }), error).toEqual({ ok: false, error });
      expect(await staffState(server)).toEqual(before);
    };
    await refuse(satoId, revocations(server, [{ staffId: satoId, keyVersion: 1 }], { secretKey: other.privateKey }), 'BAD_SIGNATURE');
    await refuse(satoId, revocations(server, [{ staffId: tanakaId, keyVersion: 1 }]), 'NOT_REVOKED');
    const good = revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 });
    await refuse(satoId, { ...good, list: { ...good.list, issuedAt: t0 + 1 } }, 'BAD_SIGNATURE');
    await refuse('ZZZZZZZZZZZZZZZZZZZZZZ', good, 'UNKNOWN_STAFF');
    expect(sato1.connected).toBe(true);

    await call(admin, 'staff:disable', { staffId: satoId, revocations: good });
    before = await staffState(server);
    await refuse(satoId, revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 + 5 }), 'INVALID_STATE');
    await refuse(tanakaId, revocations(server, [{ staffId: satoId, keyVersion: 1 }, { staffId: tanakaId, keyVersion: 1 }], { issuedAt: t0 }), 'REVOCATIONS_STALE');
    await refuse(tanakaId, revocations(server, [{ staffId: tanakaId, keyVersion: 1 }], { issuedAt: t0 + 10 }), 'NOT_REVOKED');
    expect((await call(admin, 'staff:disable', { staffId: tanakaId, revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }, { staffId: tanakaId, keyVersion: 1 }], { issuedAt: t0 + 10 }) })).status).toBe('disabled');
  });

  it('an admin re-publishes the list with a fresh date (trust:publish); older, foreign or shrunken lists change nothing', async () => {
    const { server, admin, satoId, tanakaId, tanaka } = await scene();
    const t0 = Date.now();
    await call(admin, 'staff:disable', { staffId: satoId, revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 }) });
    const before = await staffState(server);
    for (const [list, error] of [
      [revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 }), 'REVOCATIONS_STALE'],
      [revocations(server, [], { issuedAt: t0 + 5 }), 'NOT_REVOKED'],
      [revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 + 5, secretKey: server.sodium.crypto_sign_keypair().privateKey }), 'BAD_SIGNATURE'],
    ] as const) {
      expect(await send(admin, 'trust:publish', { revocations: list }), error).toEqual({ ok: false, error });
    }
    expect(await send(tanaka, 'trust:publish', { revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 + 5 }) })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await staffState(server)).toEqual(before);
    const fresh = revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 + 7 * 24 * 3600_000 });
    const told = new Promise<void>((resolve) => tanaka.once('trust:changed', () => resolve()));
    expect(await call(admin, 'trust:publish', { revocations: fresh })).toEqual({ issuedAt: fresh.list.issuedAt });
    await told;
    expect((await (await fetch(server.url + API.revocations)).json()) as unknown).toEqual({ ok: true, data: fresh });
    expect((await listingOf(admin, tanakaId)).status).toBe('active');
  });

  it('re-enabling is a new enrolment: key version 2, the old statement stays revoked, the new one is valid', async () => {
    const { server, admin, satoId } = await scene();
    const list = revocations(server, [{ staffId: satoId, keyVersion: 1 }]);
    await call(admin, 'staff:disable', { staffId: satoId, revocations: list });
    const again = await inviteAndEnrol(server, admin, { username: 'sato', displayName: '佐藤', role: 'counselor', password: 'sato-new-password-2026' });
    expect(again.staffId).toBe(satoId);
    const pending = (await listingOf(admin, satoId)).pending!;
    expect(pending.keyVersion).toBe(2);
    const signed = sign(server, pending);
    expect((await call(admin, 'staff:activate', { staffId: satoId, signed })).status).toBe('active');
    const verified = verifyRevocationList(server.sodium, server.org.pinned, list);
    if (!verified.ok) throw new Error('list');
    const check = { orgKey: server.org.pinned, acceptRoles: ['counselor'] as const, now: Date.now(), revocations: verified.list };
    expect(verifyStaffStatement(server.sodium, signed, check)).toMatchObject({ ok: true });
    // She enrolled with a new password; the published list is unchanged.
    expect((await api(server, API.authParams, { username: 'sato' })).body).toMatchObject({ ok: true });
    expect((await (await fetch(server.url + API.revocations)).json()) as unknown).toEqual({ ok: true, data: list });
  });
});
