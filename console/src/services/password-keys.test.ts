import { CryptoError, deriveStaffPasswordKeys, KDF_FLOORS, KDF_MINIMUM, kdfLimits, toB64, unwrapStaffKeys } from '@tsunagari/shared/crypto';
import { staffKeysFingerprint } from '@tsunagari/shared/trust';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodium } from '../test/trust-fixtures.js';
import { deriveLoginKeys, makeEnrolment, rewrapForNewPassword, unlockWithPassword } from './password-keys.js';

/** Each MODERATE derivation takes about a second here. */
const SLOW = { timeout: 120_000 };
const PASSWORD = 'ume no hana saku yamaguchi';
const TOKEN = 'T'.repeat(43);

function idOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return e instanceof CryptoError ? e.id : 'other';
  }
  return 'none';
}

let enrolment: ReturnType<typeof makeEnrolment>;
/** What the relay would hand back at login for this enrolment. */
let sessionKeys: { boxPublicKey: string; signPublicKey: string; wrappedSecretKeys: string; statement: never };

beforeAll(async () => {
  await sodium.ready;
  enrolment = makeEnrolment(sodium, PASSWORD, TOKEN, { staffId: 'staff-new' });
  const b = enrolment.body;
  sessionKeys = { boxPublicKey: b.boxPublicKey, signPublicKey: b.signPublicKey, wrappedSecretKeys: b.wrappedSecretKeys, statement: undefined as never };
}, 120_000);

describe('enrolment in her browser', SLOW, () => {
  it('uploads public keys, the wrapped blob, MODERATE parameters and the login value; never the password', () => {
    const b = enrolment.body;
    expect(Object.keys(b).sort()).toEqual(['authKey', 'boxPublicKey', 'kdf', 'signPublicKey', 'token', 'wrappedSecretKeys']);
    expect(b.token).toBe(TOKEN);
    expect(b.kdf).toMatchObject(KDF_MINIMUM);
    expect(JSON.stringify(b)).not.toContain(PASSWORD);
    // The login value is the auth key derived from her password; the wrap key (never sent) opens the blob.
    const derived = deriveStaffPasswordKeys(sodium, PASSWORD, b.kdf);
    expect(b.authKey).toBe(toB64(sodium, derived.authKey));
    expect(b.authKey).not.toBe(toB64(sodium, derived.wrapKey));
    const pairs = unwrapStaffKeys(sodium, derived.wrapKey, b);
    expect(toB64(sodium, sodium.crypto_scalarmult_base(pairs.boxSecretKey))).toBe(b.boxPublicKey);
  });

  it('her fingerprint is of her staff id and the keys her browser made', () => {
    const b = enrolment.body;
    expect(enrolment.fingerprint).toBe(staffKeysFingerprint(sodium, { staffId: 'staff-new', boxPublicKey: b.boxPublicKey, signPublicKey: b.signPublicKey }));
    expect(enrolment.fingerprint).toMatch(/^\d{5}( \d{5}){4}$/);
  });

  it('refuses a password under 12 characters before making anything', () => {
    expect(idOf(() => makeEnrolment(sodium, 'short pass', TOKEN, { staffId: 'x' }))).toBe('WEAK_PASSWORD');
  });
});

describe('deriving from the relay’s parameters', SLOW, () => {
  const salt = () => toB64(sodium, sodium.randombytes_buf(16));

  it('derives nothing from parameters below the floor, malformed or absurd', () => {
    expect(deriveLoginKeys(sodium, PASSWORD, { salt: salt(), ...kdfLimits(sodium, 'interactive') }, 'moderate')).toBeNull();
    expect(deriveLoginKeys(sodium, PASSWORD, { salt: salt(), ...kdfLimits(sodium, 'min') }, 'moderate')).toBeNull();
    expect(deriveLoginKeys(sodium, PASSWORD, { salt: salt(), opslimit: 1, memlimit: 1024 }, 'min')).toBeNull();
    expect(deriveLoginKeys(sodium, PASSWORD, { salt: 'x', ...KDF_MINIMUM }, 'moderate')).toBeNull();
    expect(deriveLoginKeys(sodium, PASSWORD, { salt: salt(), opslimit: 3, memlimit: 4 * 1024 ** 3 }, 'min')).toBeNull();
  });

  it('a test floor lets a test server’s weak parameters through', () => {
    const keys = deriveLoginKeys(sodium, PASSWORD, { salt: salt(), ...KDF_FLOORS.min }, 'min');
    expect(keys?.authKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('unlock and password change', SLOW, () => {
  it('unlocks with her password and refuses another', () => {
    const crypto = unlockWithPassword(sodium, PASSWORD, enrolment.body.kdf, sessionKeys, 'moderate');
    crypto.wipe();
    expect(idOf(() => unlockWithPassword(sodium, `${PASSWORD}!`, enrolment.body.kdf, sessionKeys, 'moderate'))).toBe('UNWRAP_FAILED');
  });

  it('re-wraps under the new password with a fresh salt; the old one no longer opens the new blob', () => {
    const next = 'kawa no nagare wa yukkuri';
    const body = rewrapForNewPassword(sodium, PASSWORD, next, enrolment.body.kdf, sessionKeys, 'moderate');
    expect(Object.keys(body).sort()).toEqual(['authKey', 'kdf', 'newAuthKey', 'wrappedSecretKeys']);
    expect(body.authKey).toBe(enrolment.body.authKey);
    expect(body.kdf.salt).not.toBe(enrolment.body.kdf.salt);
    expect(body.kdf).toMatchObject(KDF_MINIMUM);
    const rewrapped = { ...sessionKeys, wrappedSecretKeys: body.wrappedSecretKeys };
    unlockWithPassword(sodium, next, body.kdf, rewrapped, 'moderate').wipe();
    expect(idOf(() => unlockWithPassword(sodium, PASSWORD, body.kdf, rewrapped, 'moderate'))).toBe('UNWRAP_FAILED');
    expect(body.newAuthKey).toBe(toB64(sodium, deriveStaffPasswordKeys(sodium, next, body.kdf).authKey));
  });

  it('a wrong current password changes nothing (UNWRAP_FAILED before any upload is made)', () => {
    expect(idOf(() => rewrapForNewPassword(sodium, 'not her password at all', 'kawa no nagare wa yukkuri', enrolment.body.kdf, sessionKeys, 'moderate'))).toBe('UNWRAP_FAILED');
  });
});
