import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintsMatch, staffKeysFingerprint } from '../trust/fingerprint.js';
import { errorIdOf } from '../trust/test-fixtures.js';
import { wrapKeysUnderPassword } from './enrolment.js';
import { deriveCheckedPasswordKeys, KDF_MINIMUM } from './kdf-policy.js';
import { toB64 } from './sodium.js';
import { generateStaffKeyPairs, kdfLimits, unwrapStaffKeys, wrapStaffKeys } from './staff-keys.js';

beforeAll(async () => {
  await sodium.ready;
});

const PASSWORD = 'yamaguchi-soudan-2026';
/** Argon2id at MODERATE takes 1–2 s per derivation in WebAssembly on this kind of machine. */
const SLOW = { timeout: 60_000 };

describe('enrolment in her browser', SLOW, () => {
  it('wraps new pairs at MODERATE; the login value and the unwrap come back from the same password', () => {
    const pairs = generateStaffKeyPairs(sodium);
    const upload = wrapKeysUnderPassword(sodium, PASSWORD, pairs);
    expect(upload.kdf).toMatchObject(KDF_MINIMUM);
    expect(upload.keys.boxPublicKey).toBe(toB64(sodium, pairs.boxPublicKey));
    expect(JSON.stringify(upload)).not.toContain(toB64(sodium, pairs.boxSecretKey));

    const atLogin = deriveCheckedPasswordKeys(sodium, PASSWORD, JSON.parse(JSON.stringify(upload.kdf)));
    expect(toB64(sodium, atLogin.authKey)).toBe(upload.loginValue);
    const back = unwrapStaffKeys(sodium, atLogin.wrapKey, upload.keys);
    expect(back.boxSecretKey).toEqual(pairs.boxSecretKey);
    expect(back.signSecretKey).toEqual(pairs.signSecretKey);

    const wrong = deriveCheckedPasswordKeys(sodium, `${PASSWORD}!`, upload.kdf);
    expect(toB64(sodium, wrong.authKey)).not.toBe(upload.loginValue);
    expect(errorIdOf(() => unwrapStaffKeys(sodium, wrong.wrapKey, upload.keys))).toBe('UNWRAP_FAILED');
  });

  it('refuses a short password and weaker limits before any work', () => {
    const pairs = generateStaffKeyPairs(sodium);
    expect(errorIdOf(() => wrapKeysUnderPassword(sodium, 'short', pairs))).toBe('WEAK_PASSWORD');
    expect(errorIdOf(() => wrapKeysUnderPassword(sodium, PASSWORD, pairs, kdfLimits(sodium, 'interactive')))).toBe('WEAK_KDF');
  });

  it('a relay that swaps her keys in the pending statement is caught by the fingerprints', () => {
    const staffId = 'staff-sato-0000000001';
    // The public halves she uploads (the wrapping is covered above; it costs a derivation).
    const upload = { keys: wrapStaffKeys(sodium, sodium.randombytes_buf(32), generateStaffKeyPairs(sodium)) };
    const hers = staffKeysFingerprint(sodium, { staffId, ...upload.keys });
    const relays = generateStaffKeyPairs(sodium);
    const pending = { staffId, role: 'counselor', keyVersion: 1, boxPublicKey: toB64(sodium, relays.boxPublicKey), signPublicKey: upload.keys.signPublicKey };
    expect(fingerprintsMatch(hers, staffKeysFingerprint(sodium, pending))).toBe(false);
    expect(fingerprintsMatch(hers, staffKeysFingerprint(sodium, { ...pending, boxPublicKey: upload.keys.boxPublicKey }))).toBe(true);
  });
});
