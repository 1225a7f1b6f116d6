import type sodiumStandard from 'libsodium-wrappers';
import type sodiumSumo from 'libsodium-wrappers-sumo';

/**
 * The libsodium API that both builds share. The widget loads the small standard build; staff
 * browsers and the server load the sumo build, which adds Argon2id (`crypto_pwhash`). Functions
 * here take the instance as an argument so each side brings its own build.
 */
export type Sodium = typeof sodiumStandard;
/** The sumo build: everything in {@link Sodium} plus the password hashing functions. */
export type SodiumSumo = typeof sodiumSumo;

/** The stable ids a {@link CryptoError} carries; callers branch on these, never on messages. */
export type CryptoErrorId =
  | 'DECRYPT_FAILED'
  | 'BAD_SIGNATURE'
  | 'UNSEAL_FAILED'
  | 'UNWRAP_FAILED'
  | 'BAD_BODY'
  /** Argon2id parameters below the policy minimum (or absurdly above its maximum). */
  | 'WEAK_KDF'
  /** A password or passphrase shorter than the policy allows. */
  | 'WEAK_PASSWORD'
  /** The organisation key file is not one this code can read. */
  | 'KEY_FILE_MALFORMED'
  /** The passphrase is wrong, or the file's salt, nonce, parameters or ciphertext were altered. */
  | 'WRONG_PASSPHRASE'
  /** The file decrypted, but its secret key does not belong to the public key beside it. */
  | 'KEY_FILE_MISMATCH'
  /** A statement or revocation list that cannot be signed as given (a caller error). */
  | 'BAD_STATEMENT'
  /** A configured organisation public key that is not a 32-byte base64url Ed25519 key. */
  | 'BAD_ORG_KEY';

/** Raised when a ciphertext, signature or sealed box does not verify. Its id is stable. */
export class CryptoError extends Error {
  constructor(
    readonly id: CryptoErrorId,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export const toB64 = (sodium: Sodium, bytes: Uint8Array): string =>
  sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);

export const fromB64 = (sodium: Sodium, text: string): Uint8Array =>
  sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);

/** A random id: 16 bytes, base64url. */
export const randomId = (sodium: Sodium): string => toB64(sodium, sodium.randombytes_buf(16));
