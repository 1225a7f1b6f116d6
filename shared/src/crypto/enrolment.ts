import { KDF_MINIMUM, requireKdfParams, requirePasswordLength } from './kdf-policy.js';
import { type SodiumSumo, toB64 } from './sodium.js';
import { deriveStaffPasswordKeys, type KdfParams, type StaffKeyPairs, type WrappedStaffKeys, wrapStaffKeys } from './staff-keys.js';

/**
 * What her browser sends the relay at enrolment (and again at a password change): public keys,
 * secret keys wrapped under her password, the KDF parameters it chose, and the login value.
 * The relay stores a hash of the login value; it never sees the password or the wrap key.
 */
export interface PasswordWrappedKeys {
  kdf: KdfParams;
  /** base64url auth key: what she presents at login. Derived apart from the wrap key. */
  loginValue: string;
  keys: WrappedStaffKeys;
}

/**
 * Wraps her key pairs under a password, in her browser: a fresh salt, Argon2id at
 * `limits` (default and minimum: MODERATE; anything weaker throws `WEAK_KDF`), then the same
 * auth/wrap derivation and wrapping as `staff-keys.ts`. Used at enrolment with new pairs from
 * `generateStaffKeyPairs` and at a password change with the pairs she unlocked. Throws
 * `WEAK_PASSWORD` under 12 characters. The derived keys are wiped before returning. `floor` is
 * MODERATE except in a console pinned to a test server's `min` floor (see `KDF_FLOORS`).
 */
export function wrapKeysUnderPassword(
  sodium: SodiumSumo,
  password: string,
  pairs: StaffKeyPairs,
  limits: { opslimit: number; memlimit: number } = KDF_MINIMUM,
  floor: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): PasswordWrappedKeys {
  requirePasswordLength(password);
  const salt = toB64(sodium, sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES));
  const kdf = requireKdfParams(sodium, { salt, opslimit: limits.opslimit, memlimit: limits.memlimit }, floor);
  const { authKey, wrapKey } = deriveStaffPasswordKeys(sodium, password, kdf);
  try {
    return { kdf, loginValue: toB64(sodium, authKey), keys: wrapStaffKeys(sodium, wrapKey, pairs) };
  } finally {
    sodium.memzero(authKey);
    sodium.memzero(wrapKey);
  }
}
