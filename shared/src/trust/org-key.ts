import { decodeFixed } from '../crypto/canonical.js';
import { CryptoError, type Sodium } from '../crypto/sodium.js';

declare const pinnedBrand: unique symbol;

/**
 * The organisation's Ed25519 public key as pinned where the app's code comes from (the widget's
 * embed snippet, the console's static config file). Every verifier takes this type rather than a
 * string, so a key that arrived in a relay response cannot be passed by accident: the only way to
 * make one is {@link pinOrgKey}, and only code reading the pinned configuration should call it.
 */
export type PinnedOrgKey = {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The same key as canonical base64url, as written in the snippet or config. */
  readonly text: string;
  readonly [pinnedBrand]: true;
};

/**
 * Pins the organisation key read from the app's own configuration (never from the relay).
 * Throws {@link CryptoError} `BAD_ORG_KEY` unless `text` is a canonical base64url 32-byte key.
 */
export function pinOrgKey(sodium: Sodium, text: string): PinnedOrgKey {
  const publicKey = decodeFixed(sodium, text, sodium.crypto_sign_PUBLICKEYBYTES);
  if (!publicKey) throw new CryptoError('BAD_ORG_KEY', 'the pinned organisation key is not a base64url Ed25519 public key');
  return Object.freeze({ publicKey, text }) as PinnedOrgKey;
}

/** Ed25519 detached verification that never throws (a malformed signature is just false). */
export function orgSigned(sodium: Sodium, orgKey: PinnedOrgKey, signature: Uint8Array, message: Uint8Array): boolean {
  try {
    return sodium.crypto_sign_verify_detached(signature, message, orgKey.publicKey);
  } catch {
    return false;
  }
}

