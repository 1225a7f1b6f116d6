import { CryptoError } from '@tsunagari/shared/crypto';
import { type SignedStaffStatement, signRevocationList, signStaffStatement } from '@tsunagari/shared/trust';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, newOrg, NOW, sodium, statementFor } from '../test/trust-fixtures.js';
import { pinTrust } from './staff-trust.js';

beforeAll(() => sodium.ready);

function setUp(now = NOW) {
  const org = newOrg();
  let clock = now;
  const trust = pinTrust(sodium, org.publicKey, () => clock);
  return { org, trust, setNow: (t: number) => (clock = t) };
}

describe('StaffTrust', () => {
  it('refuses to pin a key that is not an Ed25519 public key', () => {
    try {
      pinTrust(sodium, `${'A'.repeat(42)}B`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CryptoError);
      expect((e as CryptoError).id).toBe('BAD_ORG_KEY');
    }
  });

  it('accepts a counselor the pinned organisation signed, and only for the staff id asked about', () => {
    const { org, trust } = setUp();
    const statement = signStaffStatement(sodium, org.secretKey, statementFor('staff-a'));
    const verdict = trust.verify({ staffId: 'staff-a', statement }, ['counselor']);
    expect(verdict).toMatchObject({ ok: true, revocation: 'missing', statement: { staffId: 'staff-a' } });
    expect(trust.verify({ staffId: 'staff-b', statement }, ['counselor'])).toEqual({ ok: false, reason: 'wrong-staff' });
  });

  it('says why a target is refused: another organisation, wrong role, expired, revoked', () => {
    const { org, trust, setNow } = setUp();
    const other = newOrg();
    const as = (statement: SignedStaffStatement) => ({ staffId: 'staff-a', statement });
    expect(trust.verify(as(signStaffStatement(sodium, other.secretKey, statementFor('staff-a'))), ['counselor'])).toEqual({ ok: false, reason: 'bad-signature' });
    expect(trust.verify(as(signStaffStatement(sodium, org.secretKey, statementFor('staff-a', 'admin'))), ['counselor'])).toEqual({ ok: false, reason: 'wrong-role' });
    const signed = as(signStaffStatement(sodium, org.secretKey, statementFor('staff-a')));
    setNow(NOW + 366 * DAY);
    expect(trust.verify(signed, ['counselor'])).toEqual({ ok: false, reason: 'expired' });
    setNow(NOW + DAY);
    expect(trust.acceptList(signRevocationList(sodium, org.secretKey, { issuedAt: NOW + DAY, entries: [{ staffId: 'staff-a', keyVersion: 1, revokedAt: NOW }] }))).toBe('newer');
    expect(trust.verify(signed, ['counselor'])).toEqual({ ok: false, reason: 'revoked' });
    expect(trust.verify({ ...signed, statement: { ...signed.statement, signature: 'x' } }, ['counselor'])).toEqual({ ok: false, reason: 'malformed' });
  });

  it('keeps the newest list that verifies: another org’s list and an older list change nothing', () => {
    const { org, trust } = setUp();
    const revokeA = { issuedAt: NOW, entries: [{ staffId: 'staff-a', keyVersion: 1, revokedAt: NOW }] };
    expect(trust.acceptList(null)).toBe('none');
    expect(trust.acceptList(signRevocationList(sodium, newOrg().secretKey, revokeA))).toBe('bad-signature');
    expect(trust.revocations).toBeNull();
    expect(trust.acceptList({ list: revokeA })).toBe('malformed');
    expect(trust.acceptList(signRevocationList(sodium, org.secretKey, revokeA))).toBe('newer');
    // A relay rolling back to an older, emptier list that the org once signed: kept out.
    expect(trust.acceptList(signRevocationList(sodium, org.secretKey, { issuedAt: NOW - DAY, entries: [] }))).toBe('not-newer');
    expect(trust.revocations?.entries.map((e) => e.staffId)).toEqual(['staff-a']);
  });

  it('shows the organisation key as five groups of five digits', () => {
    const { org, trust } = setUp();
    expect(trust.orgFingerprint).toMatch(/^\d{5}( \d{5}){4}$/);
    expect(trust.orgFingerprint).not.toBe(pinTrust(sodium, newOrg().publicKey).orgFingerprint);
    expect(trust.orgKey.text).toBe(org.publicKey);
  });
});
