/**
 * Her password and her keys, in her browser only: signing in, unlocking after the idle lock,
 * changing her password, and enrolling. Each derivation first checks the Argon2id parameters
 * against the floor in the console's own config (never one the relay names), so a relay that
 * lowers them gets nothing derived. Loaded with libsodium, after the login page has shown.
 */
import type { EnrolInfo, EnrolRequest, PasswordChangeRequest, StaffSession } from '@tsunagari/shared';
import {
  CryptoError,
  deriveCheckedPasswordKeys,
  generateStaffKeyPairs,
  KDF_FLOORS,
  KDF_MINIMUM,
  type KdfFloor,
  type KdfParams,
  type SodiumSumo,
  toB64,
  unwrapStaffKeys,
  wrapKeysUnderPassword,
} from '@tsunagari/shared/crypto';
import { staffKeysFingerprint } from '@tsunagari/shared/trust';
import { type StaffCrypto, unlockStaffCrypto } from './staff-crypto.js';

/** What Argon2id on her password gives at login: the auth key to send, the wrap key to keep. */
export interface LoginKeys {
  /** base64url auth key for `POST /api/auth/login`. */
  authKey: string;
  /** Unwraps her secret keys; zeroed by {@link unlockStaffCrypto}. */
  wrapKey: Uint8Array;
}

/**
 * Derives her login keys, or null when the parameters are below the floor, malformed or absurd
 * (`WEAK_KDF`: no work is spent on the password, nothing is derived).
 */
export function deriveLoginKeys(sodium: SodiumSumo, password: string, params: unknown, floor: KdfFloor): LoginKeys | null {
  let derived;
  try {
    derived = deriveCheckedPasswordKeys(sodium, password, params, KDF_FLOORS[floor]);
  } catch (e) {
    if (e instanceof CryptoError && e.id === 'WEAK_KDF') return null;
    throw e;
  }
  const authKey = toB64(sodium, derived.authKey);
  sodium.memzero(derived.authKey);
  return { authKey, wrapKey: derived.wrapKey };
}

/**
 * Unlocks her keys again after the idle lock, from the wrapped keys this session already holds.
 * Throws `CryptoError` `UNWRAP_FAILED` for a wrong password (or `WEAK_KDF`).
 */
export function unlockWithPassword(sodium: SodiumSumo, password: string, kdf: KdfParams, keys: StaffSession['keys'], floor: KdfFloor): StaffCrypto {
  const derived = deriveLoginKeys(sodium, password, kdf, floor);
  if (!derived) throw new CryptoError('WEAK_KDF', 'the session’s Argon2id parameters are below the floor');
  return unlockStaffCrypto(sodium, derived.wrapKey, keys);
}

/**
 * What a password change sends: her current auth key (the relay checks it), and her key pairs
 * re-wrapped under the new password with a fresh salt at MODERATE. The current password must
 * unwrap the keys she holds (`UNWRAP_FAILED` otherwise); the new one needs 12 characters
 * (`WEAK_PASSWORD`). Every derived key and secret key is zeroed before this returns.
 */
export function rewrapForNewPassword(
  sodium: SodiumSumo,
  current: string,
  next: string,
  kdf: KdfParams,
  keys: StaffSession['keys'],
  floor: KdfFloor,
): PasswordChangeRequest {
  const derived = deriveLoginKeys(sodium, current, kdf, floor);
  if (!derived) throw new CryptoError('WEAK_KDF', 'the session’s Argon2id parameters are below the floor');
  let pairs;
  try {
    pairs = unwrapStaffKeys(sodium, derived.wrapKey, keys);
  } finally {
    sodium.memzero(derived.wrapKey);
  }
  try {
    const wrapped = wrapKeysUnderPassword(sodium, next, pairs, KDF_MINIMUM);
    return { authKey: derived.authKey, kdf: wrapped.kdf, newAuthKey: wrapped.loginValue, wrappedSecretKeys: wrapped.keys.wrappedSecretKeys };
  } finally {
    sodium.memzero(pairs.boxSecretKey);
    sodium.memzero(pairs.signSecretKey);
  }
}

/** Her enrolment, made in her browser: what to upload, and the fingerprint she reads to the admin. */
export interface Enrolment {
  body: EnrolRequest;
  /** Five groups of five digits over her staff id and public keys. */
  fingerprint: string;
}

/**
 * New X25519 and Ed25519 pairs, the secret halves wrapped under her password at MODERATE, and
 * the fingerprint of the public halves. The secret keys are zeroed before this returns: only the
 * wrapped blob leaves, and only her password can open it.
 */
export function makeEnrolment(sodium: SodiumSumo, password: string, token: string, invitation: Pick<EnrolInfo, 'staffId'>): Enrolment {
  const pairs = generateStaffKeyPairs(sodium);
  try {
    const { kdf, loginValue, keys } = wrapKeysUnderPassword(sodium, password, pairs, KDF_MINIMUM);
    const fingerprint = staffKeysFingerprint(sodium, { staffId: invitation.staffId, boxPublicKey: keys.boxPublicKey, signPublicKey: keys.signPublicKey });
    return {
      body: { token, kdf, authKey: loginValue, boxPublicKey: keys.boxPublicKey, signPublicKey: keys.signPublicKey, wrappedSecretKeys: keys.wrappedSecretKeys },
      fingerprint,
    };
  } finally {
    sodium.memzero(pairs.boxSecretKey);
    sodium.memzero(pairs.signSecretKey);
  }
}
