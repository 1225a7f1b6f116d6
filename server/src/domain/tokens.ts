import { type Sodium, toB64 } from '@tsunagari/shared/crypto';

/** A 32-byte random bearer secret, base64url (43 characters). */
export function newToken(sodium: Sodium): string {
  return toB64(sodium, sodium.randombytes_buf(32));
}

/** What is stored for a bearer secret: its BLAKE2b hash, so a database leak reveals no token. */
export function hashToken(sodium: Sodium, token: string): string {
  return sodium.crypto_generichash(32, token, null, 'hex');
}
