import { beforeAll, describe, expect, it } from 'vitest';
import { toB64 } from '../crypto/sodium.js';
import { pinOrgKey } from './org-key.js';
import { signRevocationList, verifyRevocationList, type VerifiedRevocationList } from './revocation.js';
import { signStaffStatement, type StaffStatement } from './statement.js';
import { DAY, NOW, errorIdOf, flipBit, newOrg, sodium, statementFor } from './test-fixtures.js';
import { DEFAULT_CLOCK_SKEW_MS, ROLES_THE_WIDGET_SEALS_TO, type StatementCheck, verifyStaffIdentity, verifyStaffStatement } from './verify.js';

beforeAll(async () => {
  await sodium.ready;
});

function setup(statement: StaffStatement = statementFor()) {
  const org = newOrg();
  const signed = signStaffStatement(sodium, org.secretKey, statement);
  const check: StatementCheck = { orgKey: org.pinned, acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: NOW, revocations: null };
  return { org, signed, check };
}

function listFrom(org: ReturnType<typeof newOrg>, entries: { staffId: string; keyVersion: number }[], issuedAt = NOW): VerifiedRevocationList {
  const signed = signRevocationList(sodium, org.secretKey, { issuedAt, entries: entries.map((e) => ({ ...e, revokedAt: issuedAt })) });
  const r = verifyRevocationList(sodium, org.pinned, signed);
  if (!r.ok) throw new Error(r.reason);
  return r.list;
}

describe('verifyStaffStatement', () => {
  it('accepts a counselor statement signed by the pinned key, within validity, and returns its keys', () => {
    const { signed, check } = setup();
    const verdict = verifyStaffStatement(sodium, JSON.parse(JSON.stringify(signed)), check);
    expect(verdict).toEqual({ ok: true, statement: signed.statement, revocation: 'missing' });
  });

  it('bad-signature: a statement signed by another organisation key (a relay inserting its own)', () => {
    const { check } = setup();
    const intruder = newOrg();
    const forged = signStaffStatement(sodium, intruder.secretKey, statementFor());
    expect(verifyStaffStatement(sodium, forged, check)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each<[string, (s: StaffStatement) => StaffStatement]>([
    ['box key swapped', (s) => ({ ...s, boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey) })],
    ['sign key swapped', (s) => ({ ...s, signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey) })],
    ['role raised', (s) => ({ ...s, role: 'supervisor' })],
    ['staff id changed', (s) => ({ ...s, staffId: 'staff-other-000000001' })],
    ['validity extended by a millisecond', (s) => ({ ...s, notAfter: s.notAfter + 1 })],
    ['key version rolled back', (s) => ({ ...s, keyVersion: 2 })],
  ])('bad-signature: a signed statement with its %s', (_name, tamper) => {
    const { signed, check } = setup();
    const verdict = verifyStaffStatement(sodium, { ...signed, statement: tamper(signed.statement) }, check);
    expect(verdict).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('bad-signature: a flipped signature bit; malformed: a missing, empty or truncated signature', () => {
    const { signed, check } = setup();
    expect(verifyStaffStatement(sodium, { ...signed, signature: flipBit(signed.signature, 7) }, check)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const signature of ['', signed.signature.slice(0, 40), 42, undefined]) {
      expect(verifyStaffStatement(sodium, { ...signed, signature }, check)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('malformed: an extra field in the statement or beside it, even with a valid signature', () => {
    const { signed, check } = setup();
    expect(verifyStaffStatement(sodium, { ...signed, statement: { ...signed.statement, extra: 1 } }, check)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStaffStatement(sodium, { ...signed, orgPublicKey: 'x' }, check)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStaffStatement(sodium, null, check)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('wrong-role: an admin or supervisor statement, validly signed, is not sealed to by the widget', () => {
    for (const role of ['admin', 'supervisor'] as const) {
      const { signed, check } = setup(statementFor('staff-x', role));
      expect(verifyStaffStatement(sodium, signed, check)).toEqual({ ok: false, reason: 'wrong-role' });
      expect(verifyStaffStatement(sodium, signed, { ...check, acceptRoles: [role] }).ok).toBe(true);
    }
  });

  it('not-yet-valid and expired, at the edges of the clock-skew tolerance', () => {
    const { signed, check } = setup();
    const { notBefore, notAfter } = signed.statement;
    const at = (now: number) => verifyStaffStatement(sodium, signed, { ...check, now });
    expect(at(notBefore - DEFAULT_CLOCK_SKEW_MS).ok).toBe(true);
    expect(at(notBefore - DEFAULT_CLOCK_SKEW_MS - 1)).toEqual({ ok: false, reason: 'not-yet-valid' });
    expect(at(notAfter + DEFAULT_CLOCK_SKEW_MS - 1).ok).toBe(true);
    expect(at(notAfter + DEFAULT_CLOCK_SKEW_MS)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyStaffStatement(sodium, signed, { ...check, now: notAfter, clockSkewMs: 0 })).toEqual({ ok: false, reason: 'expired' });
  });

  it('revoked: the listed key version and every older one; a newer enrolment stays valid', () => {
    const { org, check } = setup();
    const list = listFrom(org, [{ staffId: 'staff-sato-0000000001', keyVersion: 2 }]);
    for (const [keyVersion, reason] of [[1, 'revoked'], [2, 'revoked'], [3, undefined]] as const) {
      const signed = signStaffStatement(sodium, org.secretKey, statementFor('staff-sato-0000000001', 'counselor', keyVersion));
      const verdict = verifyStaffStatement(sodium, signed, { ...check, revocations: list });
      expect(verdict.ok ? undefined : verdict.reason).toBe(reason);
    }
  });

  it('revoked wins over a fresh signature, and a stale list still revokes (revocation is permanent)', () => {
    const { org, signed, check } = setup();
    const old = listFrom(org, [{ staffId: signed.statement.staffId, keyVersion: 1 }], NOW - 300 * DAY);
    expect(verifyStaffStatement(sodium, signed, { ...check, revocations: old })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('reports how fresh the revocation list was: current, stale, missing', () => {
    const { org, signed, check } = setup();
    const fresh = listFrom(org, [{ staffId: 'someone-else', keyVersion: 1 }], NOW - DAY);
    const stale = listFrom(org, [], NOW - 8 * DAY);
    const verdict = (revocations: VerifiedRevocationList | null) => verifyStaffStatement(sodium, signed, { ...check, revocations });
    expect(verdict(fresh)).toMatchObject({ ok: true, revocation: 'current' });
    expect(verdict(stale)).toMatchObject({ ok: true, revocation: 'stale' });
    expect(verdict(null)).toMatchObject({ ok: true, revocation: 'missing' });
    expect(verifyStaffStatement(sodium, signed, { ...check, revocations: stale, maxListAgeMs: 9 * DAY })).toMatchObject({ revocation: 'current' });
  });

  it('does not mistake a statement of another org for bad-signature when checked against that org (control)', () => {
    const { signed } = setup();
    const other = newOrg();
    const check: StatementCheck = { orgKey: other.pinned, acceptRoles: ['counselor'], now: NOW, revocations: null };
    expect(verifyStaffStatement(sodium, signStaffStatement(sodium, other.secretKey, signed.statement), check).ok).toBe(true);
    expect(verifyStaffStatement(sodium, signed, check)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('pinOrgKey', () => {
  it('refuses anything but a canonical 32-byte base64url key, with a coded error', () => {
    for (const text of ['', 'abc', toB64(sodium, sodium.randombytes_buf(31)), `${toB64(sodium, sodium.randombytes_buf(32))}=`]) {
      expect(errorIdOf(() => pinOrgKey(sodium, text))).toBe('BAD_ORG_KEY');
    }
  });
});

describe('verifyStaffIdentity', () => {
  it('accepts the identity the server named, and refuses a valid colleague statement under another id', () => {
    const { signed, check } = setup();
    const staffId = signed.statement.staffId;
    expect(verifyStaffIdentity(sodium, { staffId, statement: signed }, check)).toMatchObject({ ok: true, statement: { staffId } });
    expect(verifyStaffIdentity(sodium, { staffId: 'staff-tanaka-000000002', statement: signed }, check)).toEqual({ ok: false, reason: 'wrong-staff' });
  });
  it('passes on the statement reasons, and malformed for an identity of another shape (an old one with a display name)', () => {
    const { signed, check } = setup();
    const other = setup();
    const staffId = signed.statement.staffId;
    expect(verifyStaffIdentity(sodium, { staffId, statement: other.signed }, check)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyStaffIdentity(sodium, { staffId, displayName: '佐藤', statement: signed }, check)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStaffIdentity(sodium, null, check)).toEqual({ ok: false, reason: 'malformed' });
  });
});
