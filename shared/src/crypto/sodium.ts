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

/** Raised when a ciphertext, signature or sealed box does not verify. Its id is stable. */
export class CryptoError extends Error {
  constructor(
    readonly id: 'DECRYPT_FAILED' | 'BAD_SIGNATURE' | 'UNSEAL_FAILED' | 'UNWRAP_FAILED' | 'BAD_BODY',
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
