import { type Sodium, toB64 } from '@tsunagari/shared/crypto';

/** A 32-byte random bearer secret, base64url (43 characters). */
export function newToken(sodium: Sodium): string {
  return toB64(sodium, sodium.randombytes_buf(32));
}

/** What is stored for a bearer secret: its BLAKE2b hash, so a database leak reveals no token. */
export function hashToken(sodium: Sodium, token: string): string {
  // The same hex as libsodium's 'hex' output, made as one flat string: libsodium builds its hex a
  // character at a time (about 1 KB of string pieces per hash, on every start and reconnect).
  return Buffer.from(sodium.crypto_generichash(32, token, null)).toString('hex');
}
