/**
 * Enrolment in her browser and the admin's signature (issue 13): invite → enrol over HTTP with
 * keys made client-side → pending, with a fingerprint that matches hers → activated with a
 * statement signed by the organisation key (held by the test, not the relay) → she logs in.
 * Invitation tokens used twice, expired or guessed, weak KDF parameters and statements that do
 * not match what the relay holds are refused with a coded error, and change nothing.
 */
import { API, type EnrolInfo, INVITE_VALID_MS, type StaffSession } from '@tsunagari/shared';
import { KDF_FLOORS, toB64 } from '@tsunagari/shared/crypto';
import { staffKeysFingerprint, verifyStaffStatement } from '@tsunagari/shared/trust';
import { describe, expect, it } from 'vitest';
import { type ClientSocket, type TestServer, call, loginStaff, manualClock, send, serverPerTest, signIn } from './harness.js';
import { DAY_MS, api, browserEnrolment, inviteAndEnrol, listingOf, loginWithPassword, sign } from './staff-helpers.js';

const NEW = { username: 'yamada', displayName: '山田', role: 'counselor', password: 'yamada-password-2026' } as const;

/** Everything about staff a refused step must leave as it was. */
const staffState = (s: TestServer) => s.db.prepare('SELECT * FROM staff ORDER BY id').all();

/** Logs in as her browser would; the session, or the error code. */
const loginAs = (server: TestServer, username: string, password: string): Promise<StaffSession | string> =>
  loginWithPassword(server, username, password).then((s) => s.session, (e: Error) => e.message);

describe('enrolment in her browser, signed by the organisation off the relay', () => {
  const servers = serverPerTest();

  async function scene(clockStart?: string) {
    const clock = clockStart ? manualClock(clockStart) : undefined;
    const server = await servers.start(clock ? { clock } : {});
    const admin = await signIn(server, 'chief');
    servers.track(admin);
    return { server, admin, clock };
  }

  it('invite → enrol → pending with her fingerprint → activated → she logs in and her statement verifies', async () => {
    const { server, admin } = await scene();
    const invitation = await call(admin, 'staff:invite', { username: NEW.username, displayName: NEW.displayName, role: NEW.role });
    expect(invitation.inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the token is stored.
    expect(JSON.stringify(staffState(server))).not.toContain(invitation.inviteToken);
    expect(await listingOf(admin, invitation.staffId)).toMatchObject({ status: 'invited', keyVersion: 1, pending: null, statement: null, inviteExpiresAt: invitation.expiresAt });

    const info = await api<EnrolInfo>(server, API.enrolInfo, { token: invitation.inviteToken });
    expect(info.body).toEqual({ ok: true, data: { staffId: invitation.staffId, username: NEW.username, displayName: NEW.displayName, role: 'counselor', keyVersion: 1 } });
    const browser = browserEnrolment(server, invitation.inviteToken, NEW.password);
    expect((await api(server, API.enrol, browser.body)).body).toEqual({ ok: true, data: { staffId: invitation.staffId } });
    // The relay holds public keys, the wrapped blob and a hash of the login value: never a secret key.
    const row = server.db.prepare('SELECT * FROM staff WHERE id = ?').get(invitation.staffId) as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'pending', box_public_key: browser.keys.boxPublicKey, wrapped_secret_keys: browser.keys.wrappedSecretKeys, invite_token_hash: null });
    expect(row.auth_hash).not.toContain(browser.body.authKey);
    for (const secret of [browser.pairs.boxSecretKey, browser.pairs.signSecretKey]) expect(JSON.stringify(row)).not.toContain(toB64(server.sodium, secret));

    // She cannot log in before the organisation signed.
    expect(await loginAs(server, NEW.username, NEW.password)).toBe('NOT_AUTHENTICATED');
    const listing = await listingOf(admin, invitation.staffId);
    expect(listing.status).toBe('pending');
    const hers = staffKeysFingerprint(server.sodium, { staffId: invitation.staffId, ...browser.keys });
    expect(staffKeysFingerprint(server.sodium, listing.pending!)).toBe(hers);

    const trust = new Promise<void>((resolve) => admin.once('trust:changed', () => resolve()));
    const active = await call(admin, 'staff:activate', { staffId: invitation.staffId, signed: sign(server, listing.pending!) });
    await trust;
    expect(active).toMatchObject({ status: 'active', pending: null, statement: { statement: { ...listing.pending } } });
    const session = await loginAs(server, NEW.username, NEW.password);
    if (typeof session === 'string') throw new Error(session);
    expect(verifyStaffStatement(server.sodium, session.keys.statement, { orgKey: server.org.pinned, acceptRoles: ['counselor'], now: Date.now(), revocations: null })).toMatchObject({ ok: true });
    // The directory shows the Tokyo day of her sign-in: a day, never a time.
    expect((await listingOf(admin, invitation.staffId)).lastSignInDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('an invitation works once: reused, expired or guessed tokens are INVITE_INVALID and change nothing', async () => {
    const { server, admin, clock } = await scene('2026-06-01T10:00:00+09:00');
    const first = await inviteAndEnrol(server, admin, NEW);
    const before = staffState(server);
    const again = browserEnrolment(server, first.token, NEW.password);
    expect(await api(server, API.enrolInfo, { token: first.token })).toEqual({ status: 410, body: { ok: false, error: 'INVITE_INVALID' } });
    expect(await api(server, API.enrol, again.body)).toEqual({ status: 410, body: { ok: false, error: 'INVITE_INVALID' } });
    const guessed = browserEnrolment(server, 'A'.repeat(43), NEW.password);
    expect((await api(server, API.enrol, guessed.body)).body).toEqual({ ok: false, error: 'INVITE_INVALID' });
    expect(staffState(server)).toEqual(before);

    const late = await call(admin, 'staff:invite', { username: 'kimura', displayName: '木村', role: 'supervisor' });
    clock!.set(new Date(new Date('2026-06-01T10:00:00+09:00').getTime() + INVITE_VALID_MS).toISOString());
    const beforeLate = staffState(server);
    const expired = browserEnrolment(server, late.inviteToken, 'kimura-password-2026');
    expect((await api(server, API.enrolInfo, { token: late.inviteToken })).body).toEqual({ ok: false, error: 'INVITE_INVALID' });
    expect((await api(server, API.enrol, expired.body)).body).toEqual({ ok: false, error: 'INVITE_INVALID' });
    expect(staffState(server)).toEqual(beforeLate);
  });

  it('refuses KDF parameters weaker than the server floor at enrolment, and keeps the token for a proper try', async () => {
    const server = await servers.start({ kdfFloor: 'moderate' });
    const admin = await signIn(server, 'chief');
    servers.track(admin);
    const { inviteToken } = await call(admin, 'staff:invite', { username: NEW.username, displayName: NEW.displayName, role: NEW.role });
    const before = staffState(server);
    const weak = browserEnrolment(server, inviteToken, NEW.password, KDF_FLOORS.min);
    expect(await api(server, API.enrol, weak.body)).toEqual({ status: 400, body: { ok: false, error: 'WEAK_KDF' } });
    for (const kdf of [{ ...weak.body.kdf, opslimit: 2, memlimit: KDF_FLOORS.moderate.memlimit }, { ...weak.body.kdf, opslimit: 3, memlimit: KDF_FLOORS.moderate.memlimit - 1 }]) {
      expect((await api(server, API.enrol, { ...weak.body, kdf })).body).toEqual({ ok: false, error: 'WEAK_KDF' });
    }
    expect(staffState(server)).toEqual(before);
    // Parameters at the floor are accepted (checked, not derived, by the relay).
    expect((await api(server, API.enrol, { ...weak.body, kdf: { ...weak.body.kdf, ...KDF_FLOORS.moderate } })).body).toMatchObject({ ok: true });
  });

  it('a statement that is not about what the relay holds, or not signed by the organisation, is refused and nothing changes', async () => {
    const { server, admin } = await scene();
    const { staffId } = await inviteAndEnrol(server, admin, NEW);
    const pending = (await listingOf(admin, staffId)).pending!;
    const other = server.sodium.crypto_sign_keypair();
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    const before = staffState(server);
    const refusals: [string, unknown][] = [
      ['BAD_SIGNATURE', sign(server, pending, { secretKey: other.privateKey })],
      ['STATEMENT_MISMATCH', sign(server, { ...pending, boxPublicKey: toB64(server.sodium, server.sodium.crypto_box_keypair().publicKey) })],
      ['STATEMENT_MISMATCH', sign(server, { ...pending, keyVersion: 2 })],
      ['STATEMENT_MISMATCH', sign(server, { ...pending, role: 'admin' })],
      ['STATEMENT_MISMATCH', sign(server, { ...pending, staffId: satoId })],
      ['STATEMENT_MISMATCH', sign(server, pending, { now: Date.now() - 400 * DAY_MS, validityMs: 365 * DAY_MS })],
    ];
    for (const [code, signed] of refusals) expect(await send(admin, 'staff:activate', { staffId, signed }), code).toEqual({ ok: false, error: code });
    // A signature that belongs to another statement: the bytes differ, so it does not verify.
    const good = sign(server, pending);
    const forged = { ...good, statement: { ...good.statement, notAfter: good.statement.notAfter + DAY_MS } };
    expect(await send(admin, 'staff:activate', { staffId, signed: forged })).toEqual({ ok: false, error: 'BAD_SIGNATURE' });
    expect(await send(admin, 'staff:activate', { staffId: 'ZZZZZZZZZZZZZZZZZZZZZZ', signed: good })).toEqual({ ok: false, error: 'UNKNOWN_STAFF' });
    expect(await send(admin, 'staff:resign', { staffId, signed: good })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(staffState(server)).toEqual(before);
    expect((await call(admin, 'staff:activate', { staffId, signed: good })).status).toBe('active');
    // Activating twice is refused: she is no longer pending.
    expect(await send(admin, 'staff:activate', { staffId, signed: good })).toEqual({ ok: false, error: 'INVALID_STATE' });
  });

  it('a relay that swaps her keys during enrolment is caught: the admin sees another fingerprint than hers', async () => {
    const { server, admin } = await scene();
    const { staffId, fingerprint } = await inviteAndEnrol(server, admin, NEW);
    const relayKeys = server.sodium.crypto_box_keypair();
    server.db.prepare('UPDATE staff SET box_public_key = ? WHERE id = ?').run(toB64(server.sodium, relayKeys.publicKey), staffId);
    const shown = staffKeysFingerprint(server.sodium, (await listingOf(admin, staffId)).pending!);
    expect(shown).not.toBe(fingerprint);
  });

  it('re-signing renews an active statement (same keys); a different one is refused; it reaches the board and trust:changed', async () => {
    const { server, admin } = await scene();
    const sato = await loginStaff(server, 'sato');
    const current = (await listingOf(admin, sato.session.staff.id)).statement!;
    const { notBefore: _b, notAfter: _a, ...pending } = current.statement;
    const renewed = sign(server, pending, { validityMs: 400 * DAY_MS });
    const trust = new Promise<void>((resolve) => admin.once('trust:changed', () => resolve()));
    expect((await call(admin, 'staff:resign', { staffId: pending.staffId, signed: renewed })).statement).toEqual(renewed);
    await trust;
    const board = (await call(admin, 'staff:list', {})).counselors.find((c) => c.staffId === pending.staffId);
    expect(board?.identity).toEqual({ staffId: pending.staffId, statement: renewed });
    const before = staffState(server);
    const swapped = sign(server, { ...pending, signPublicKey: toB64(server.sodium, server.sodium.crypto_sign_keypair().publicKey) });
    expect(await send(admin, 'staff:resign', { staffId: pending.staffId, signed: swapped })).toEqual({ ok: false, error: 'STATEMENT_MISMATCH' });
    expect(staffState(server)).toEqual(before);
  });

  it('an active username cannot be invited again; a pending one restarts enrolment (new key version, old keys gone)', async () => {
    const { server, admin } = await scene();
    const before = staffState(server);
    expect(await send(admin, 'staff:invite', { username: 'sato', displayName: '佐藤', role: 'counselor' })).toEqual({ ok: false, error: 'USERNAME_TAKEN' });
    expect(staffState(server)).toEqual(before);
    const first = await inviteAndEnrol(server, admin, NEW);
    const again = await call(admin, 'staff:invite', { username: NEW.username, displayName: NEW.displayName, role: NEW.role });
    expect(again.staffId).toBe(first.staffId);
    expect(await listingOf(admin, first.staffId)).toMatchObject({ status: 'invited', keyVersion: 2, pending: null });
  });

  it('only admins may invite, list, activate, re-sign or disable', async () => {
    const { server } = await scene();
    const boss = await signIn(server, 'boss');
    const sato = await signIn(server, 'sato');
    servers.track(boss, sato);
    const before = staffState(server);
    for (const s of [boss, sato]) {
      expect(await send(s, 'staff:invite', { username: 'x1', displayName: 'x', role: 'admin' })).toEqual({ ok: false, error: 'FORBIDDEN' });
      expect(await send(s, 'staff:directory', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    }
    expect(staffState(server)).toEqual(before);
  });
});
