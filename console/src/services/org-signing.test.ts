import { staffKeysFingerprint, verifyRevocationList } from '@tsunagari/shared/trust';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, newOrg, newOrgKeyFile, NOW, PASSPHRASE, pendingFor, sodium } from '../test/trust-fixtures.js';
import { nextRevocationList, signPending, signRenewal, signRevocation, withOrgSecretKey } from './org-signing.js';
import { pinTrust, type StaffTrust } from './staff-trust.js';

/** Each open of a key file is one Argon2id MODERATE derivation (about a second here). */
const SLOW = { timeout: 60_000 };
let keyFile: ReturnType<typeof newOrgKeyFile>;
let trust: StaffTrust;

beforeAll(async () => {
  await sodium.ready;
  keyFile = newOrgKeyFile();
  trust = pinTrust(sodium, keyFile.publicKey, () => NOW + 1000);
}, 60_000);

describe('the organisation key in the admin’s browser', SLOW, () => {
  it('signs a pending enrolment the pinned key accepts, then zeroes the secret key', () => {
    const pending = pendingFor('staff-new');
    let held: Uint8Array | null = null;
    const r = withOrgSecretKey(sodium, keyFile.text, PASSPHRASE, trust.orgKey, (sk) => {
      held = sk;
      return signPending(sodium, sk, pending, NOW);
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.statement).toEqual({ ...pending, notBefore: NOW, notAfter: NOW + 365 * DAY });
    expect(trust.verify({ staffId: 'staff-new', statement: r.value }, ['counselor']).ok).toBe(true);
    expect(held).not.toBeNull();
    expect([...(held as unknown as Uint8Array)].every((b) => b === 0)).toBe(true);
  });

  it('a wrong passphrase signs nothing', () => {
    let used = false;
    const r = withOrgSecretKey(sodium, keyFile.text, `${PASSPHRASE}!`, trust.orgKey, () => (used = true));
    expect(r).toEqual({ ok: false, problem: 'WRONG_PASSPHRASE' });
    expect(used).toBe(false);
  });

  it('a key file of another organisation is refused before anything is signed', () => {
    const other = newOrgKeyFile();
    let used = false;
    const r = withOrgSecretKey(sodium, other.text, PASSPHRASE, trust.orgKey, () => (used = true));
    expect(r).toEqual({ ok: false, problem: 'NOT_THIS_ORG' });
    expect(used).toBe(false);
  });

  it('an unreadable or malformed file is said to be so', () => {
    expect(withOrgSecretKey(sodium, null, PASSPHRASE, trust.orgKey, () => 1)).toEqual({ ok: false, problem: 'READ_FAILED' });
    expect(withOrgSecretKey(sodium, '{"format":"x"}', PASSPHRASE, trust.orgKey, () => 1)).toEqual({ ok: false, problem: 'KEY_FILE_MALFORMED' });
    expect(withOrgSecretKey(sodium, 'not json', PASSPHRASE, trust.orgKey, () => 1)).toEqual({ ok: false, problem: 'KEY_FILE_MALFORMED' });
  });
});

describe('renewal and revocation lists', () => {
  it('renewal keeps keys, role and key version; only the validity moves', () => {
    const org = newOrg();
    const first = signPending(sodium, org.secretKey, pendingFor('staff-a', 'supervisor', 3), NOW - 300 * DAY);
    const renewed = signRenewal(sodium, org.secretKey, first.statement, NOW);
    expect(renewed.statement).toEqual({ ...first.statement, notBefore: NOW, notAfter: NOW + 365 * DAY });
    const fp = (s: typeof first.statement) => staffKeysFingerprint(sodium, s);
    expect(fp(renewed.statement)).toBe(fp(first.statement));
  });

  it('the next list keeps every entry, adds hers, and is issued after the current one even on a slow clock', () => {
    const org = newOrg();
    const pinned = pinTrust(sodium, org.publicKey);
    const v1 = signRevocation(sodium, org.secretKey, null, { staffId: 'staff-a', keyVersion: 1 }, NOW);
    const current = verifyRevocationList(sodium, pinned.orgKey, v1);
    if (!current.ok) throw new Error('fixture list did not verify');
    const next = nextRevocationList(current.list, { staffId: 'staff-b', keyVersion: 2 }, NOW - DAY);
    expect(next.issuedAt).toBe(NOW + 1);
    expect(next.entries.map((e) => [e.staffId, e.keyVersion])).toEqual([['staff-a', 1], ['staff-b', 2]]);
    // Disabling the same key version twice does not make a duplicate (which would be malformed).
    const again = nextRevocationList(current.list, { staffId: 'staff-a', keyVersion: 1 }, NOW + DAY);
    expect(again.entries).toEqual([{ staffId: 'staff-a', keyVersion: 1, revokedAt: NOW + DAY }]);
    // Re-published without anyone new: the same entries, a fresh date.
    expect(nextRevocationList(current.list, null, NOW + DAY)).toEqual({ issuedAt: NOW + DAY, entries: current.list.entries });
    const signed = signRevocation(sodium, org.secretKey, current.list, { staffId: 'staff-b', keyVersion: 2 }, NOW + DAY);
    expect(verifyRevocationList(sodium, pinned.orgKey, signed).ok).toBe(true);
  });
});
