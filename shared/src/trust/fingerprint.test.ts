import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes, textField } from '../crypto/canonical.js';
import { fromB64, toB64 } from '../crypto/sodium.js';
import { pinOrgKey } from './org-key.js';
import {
  digitGroups,
  fingerprintsMatch,
  normaliseFingerprint,
  orgKeyFingerprint,
  staffKeysFingerprint,
} from './fingerprint.js';
import { errorIdOf, newOrg, sodium, statementFor } from './test-fixtures.js';

beforeAll(async () => {
  await sodium.ready;
});

const SHAPE = /^\d{5} \d{5} \d{5} \d{5} \d{5}$/;

describe('staff keys fingerprint', () => {
  it('is five groups of five digits, and the same for her keys and for the pending statement', () => {
    const s = statementFor();
    const hers = staffKeysFingerprint(sodium, { staffId: s.staffId, boxPublicKey: s.boxPublicKey, signPublicKey: s.signPublicKey });
    expect(hers).toMatch(SHAPE);
    expect(staffKeysFingerprint(sodium, s)).toBe(hers);
  });

  it('changes when the relay swaps either key or the staff id (the enrolment attack is caught)', () => {
    const s = statementFor();
    const original = staffKeysFingerprint(sodium, s);
    const swappedBox = { ...s, boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey) };
    const swappedSign = { ...s, signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey) };
    const keysSwapped = { ...s, boxPublicKey: s.signPublicKey, signPublicKey: s.boxPublicKey };
    for (const other of [swappedBox, swappedSign, keysSwapped, { ...s, staffId: 'staff-other' }]) {
      const theirs = staffKeysFingerprint(sodium, other);
      expect(theirs).not.toBe(original);
      expect(fingerprintsMatch(original, theirs)).toBe(false);
    }
  });

  it('follows the documented recipe: BLAKE2b-256, five 40-bit big-endian chunks mod 100000', () => {
    const s = statementFor();
    const bytes = canonicalBytes('tsunagari/staff-keys-fingerprint/v1', [
      textField(s.staffId),
      fromB64(sodium, s.boxPublicKey),
      fromB64(sodium, s.signPublicKey),
    ]);
    const hash = sodium.crypto_generichash(32, bytes, null);
    const hex = sodium.to_hex(hash.slice(0, 25));
    const expected = [0, 1, 2, 3, 4].map((g) => String(BigInt(`0x${hex.slice(g * 10, g * 10 + 10)}`) % 100000n).padStart(5, '0')).join(' ');
    expect(staffKeysFingerprint(sodium, s)).toBe(expected);
    expect(digitGroups(sodium, bytes)).toBe(expected);
  });

  it('refuses keys that are not canonical 32-byte base64url', () => {
    const s = statementFor();
    expect(errorIdOf(() => staffKeysFingerprint(sodium, { ...s, boxPublicKey: s.boxPublicKey.slice(1) }))).toBe('BAD_STATEMENT');
  });
});

describe('organisation key fingerprint', () => {
  it('is stable for a key, different for another key, and separated from the staff domain', () => {
    const org = newOrg();
    const again = pinOrgKey(sodium, org.pinned.text);
    expect(orgKeyFingerprint(sodium, org.pinned)).toMatch(SHAPE);
    expect(orgKeyFingerprint(sodium, again)).toBe(orgKeyFingerprint(sodium, org.pinned));
    expect(orgKeyFingerprint(sodium, newOrg().pinned)).not.toBe(orgKeyFingerprint(sodium, org.pinned));
    expect(orgKeyFingerprint(sodium, org.pinned)).not.toBe(digitGroups(sodium, org.pinned.publicKey));
  });
});

describe('comparing what people read out', () => {
  it('matches across spacing, hyphens and full-width digits typed with a Japanese IME', () => {
    const fp = '01234 56789 00000 99999 13579';
    expect(fingerprintsMatch(fp, '0123456789000009999913579')).toBe(true);
    expect(fingerprintsMatch(fp, '01234-56789-00000-99999-13579')).toBe(true);
    expect(fingerprintsMatch(fp, '０１２３４　５６７８９　０００００　９９９９９　１３５７９')).toBe(true);
  });

  it('does not match one digit off, a short reading, or letters', () => {
    const fp = '01234 56789 00000 99999 13579';
    expect(fingerprintsMatch(fp, '01234 56789 00000 99999 13578')).toBe(false);
    expect(fingerprintsMatch(fp, '01234 56789 00000 99999')).toBe(false);
    expect(normaliseFingerprint('01234 56789 00000 99999 1357a')).toBeNull();
    expect(fingerprintsMatch('', '')).toBe(false);
  });
});
