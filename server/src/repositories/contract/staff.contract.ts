import { expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import { at, invitedStaff, revocationList, staffMember, T0 } from './fixtures.js';

const credentials = { kdf: { salt: 'salt2', opslimit: 2, memlimit: 65_536 }, authHash: 'auth2', wrappedSecretKeys: 'wrapped2' };
const keys = { boxPublicKey: 'box2', signPublicKey: 'sign2' };

/** The organisation, staff accounts through their lifecycle, sessions, the revocation list and the change counter. */
export function staffContract(repos: () => Repositories): void {
  it('organisation: none, created once, its key replaced', async () => {
    const r = repos();
    expect(await r.organisation.get()).toBeNull();
    await r.organisation.create('NPO', 'key1', T0);
    await expect(r.organisation.create('NPO again', 'key9', T0)).rejects.toThrow();
    await r.organisation.replaceKey('key2');
    expect(await r.organisation.get()).toEqual({ name: 'NPO', signPublicKey: 'key2' });
  });

  it('staff: a whole record comes back as stored; all by username; count', async () => {
    const r = repos();
    const b = staffMember('id-b', { username: 'b', lastSignInDay: '2026-05-10', capacity: 5, role: 'supervisor' });
    const a = invitedStaff('id-a', 'tok', at(60));
    await r.staff.insert(b);
    await r.staff.insert({ ...a, username: 'a' });
    expect(await r.staff.byId('id-b')).toEqual(b);
    expect(await r.staff.byUsername('a')).toEqual({ ...a, username: 'a' });
    expect(await r.staff.byInviteTokenHash('tok')).toMatchObject({ id: 'id-a' });
    expect(await r.staff.byId('nobody')).toBeNull();
    expect((await r.staff.all()).map((s) => s.username)).toEqual(['a', 'b']);
    expect(await r.staff.count()).toBe(2);
    await expect(r.staff.insert(staffMember('id-c', { username: 'b' }))).rejects.toThrow();
  });

  it('lifecycle: enrol needs her valid token, activate and a new statement need the key version, reinvite never an active account', async () => {
    const r = repos();
    await r.staff.insert(invitedStaff('s1', 'tok', at(60)));
    expect(await r.staff.enrol('s1', 'wrong', T0, credentials, keys)).toBe(false);
    expect(await r.staff.enrol('s1', 'tok', at(61), credentials, keys)).toBe(false);
    expect(await r.staff.enrol('s1', 'tok', T0, credentials, keys)).toBe(true);
    expect(await r.staff.enrol('s1', 'tok', T0, credentials, keys)).toBe(false);
    const pending = await r.staff.byId('s1');
    expect(pending).toMatchObject({ status: 'pending', invite: null, credentials, publicKeys: keys });
    const statement = staffMember('s1').statement!;
    expect(await r.staff.activate('s1', 2, statement)).toBe(false);
    expect(await r.staff.activate('s1', 1, statement)).toBe(true);
    expect(await r.staff.activate('s1', 1, statement)).toBe(false);
    const renewed = { ...statement, signature: 'renewed' };
    expect(await r.staff.replaceStatement('s1', 2, renewed)).toBe(false);
    expect(await r.staff.replaceStatement('s1', 1, renewed)).toBe(true);
    expect((await r.staff.byId('s1'))?.statement).toEqual(renewed);
    const change = { displayName: 'S', role: 'counselor' as const, keyVersion: 2, tokenHash: 'tok2', expiresAt: at(120) };
    expect(await r.staff.reinvite('s1', change)).toBe(false);
    expect(await r.staff.setCredentials('s1', { ...credentials, authHash: 'auth3' })).toBe(true);
    expect((await r.staff.byId('s1'))?.credentials?.authHash).toBe('auth3');
    await r.staff.setLastSignInDay('s1', '2026-05-11');
    expect((await r.staff.byId('s1'))?.lastSignInDay).toBe('2026-05-11');
  });

  it('disable: three changes in one transaction, or none', async () => {
    const r = repos();
    await r.staff.insert(staffMember('s1'));
    await r.sessions.insert('h1', 's1', T0, at(600));
    await r.revocations.publish(revocationList(5), T0);
    // Wrong key version: not active at it; nothing changes.
    expect(await r.staff.disable('s1', 2, revocationList(6), T0)).toBe('not-active');
    // A list not newer than the published one: the account and the sessions stay as they were.
    expect(await r.staff.disable('s1', 1, revocationList(5), T0)).toBe('stale-list');
    expect((await r.staff.byId('s1'))?.status).toBe('active');
    expect(await r.sessions.isLive('h1', T0)).toBe(true);
    expect((await r.revocations.current())?.issuedAt).toBe(5);
    expect(await r.staff.disable('s1', 1, revocationList(6), at(1))).toBe('disabled');
    expect(await r.staff.byId('s1')).toMatchObject({ status: 'disabled', credentials: null });
    expect(await r.sessions.isLive('h1', T0)).toBe(false);
    expect(await r.revocations.current()).toEqual(revocationList(6));
    expect(await r.staff.setCredentials('s1', credentials)).toBe(false);
    // A disabled account may be invited again (a new enrolment).
    expect(await r.staff.reinvite('s1', { displayName: 'S', role: 'counselor', keyVersion: 2, tokenHash: 't2', expiresAt: at(60) })).toBe(true);
    expect(await r.staff.byId('s1')).toMatchObject({ status: 'invited', keyVersion: 2, publicKeys: null, statement: null, invite: { tokenHash: 't2' } });
  });

  it('sessions: found while live, gone when deleted', async () => {
    const r = repos();
    await r.staff.insert(staffMember('s1'));
    await r.sessions.insert('h1', 's1', T0, at(10));
    await r.sessions.insert('h2', 's1', T0, at(10));
    expect(await r.sessions.find('h1', at(9))).toEqual({ staffId: 's1', expiresAt: at(10) });
    expect(await r.sessions.find('h1', at(10))).toBeNull();
    expect(await r.sessions.isLive('h1', at(10))).toBe(false);
    await r.sessions.delete('h1');
    expect(await r.sessions.find('h1', T0)).toBeNull();
    expect(await r.sessions.isLive('h2', T0)).toBe(true);
    await r.sessions.deleteForStaff('s1');
    expect(await r.sessions.isLive('h2', T0)).toBe(false);
  });

  it('revocation list: stored only when newer', async () => {
    const r = repos();
    expect(await r.revocations.current()).toBeNull();
    expect(await r.revocations.publish(revocationList(3), T0)).toBe(true);
    expect(await r.revocations.publish(revocationList(3), T0)).toBe(false);
    expect(await r.revocations.publish(revocationList(2), T0)).toBe(false);
    expect(await r.revocations.publish(revocationList(1_764_000_000_000), T0)).toBe(true);
    expect((await r.revocations.current())?.issuedAt).toBe(1_764_000_000_000);
  });

  it('the change counter moves on lifecycle, session ends, lists and capacities; not on a sign-in day or a session start', async () => {
    const r = repos();
    const v0 = await r.staffChanges.version();
    await r.staff.insert(staffMember('s1'));
    const v1 = await r.staffChanges.version();
    expect(v1).toBeGreaterThan(v0);
    await r.staff.setLastSignInDay('s1', '2026-05-11');
    await r.sessions.insert('h1', 's1', T0, at(10));
    expect(await r.staffChanges.version()).toBe(v1);
    // Issue 17: a capacity, whoever writes it, moves it (routing on every node reads capacities again).
    await r.counselors.setCapacity('s1', 4);
    const vCapacity = await r.staffChanges.version();
    expect(vCapacity).toBeGreaterThan(v1);
    await r.sessions.delete('h1');
    const v2 = await r.staffChanges.version();
    expect(v2).toBeGreaterThan(vCapacity);
    await r.revocations.publish(revocationList(1), T0);
    const v3 = await r.staffChanges.version();
    expect(v3).toBeGreaterThan(v2);
    await r.staff.replaceStatement('s1', 1, { ...staffMember('s1').statement!, signature: 'x' });
    expect(await r.staffChanges.version()).toBeGreaterThan(v3);
  });
}
