import { CryptoError, fromB64, type Sodium, toB64 } from './sodium.js';

/**
 * Resume codes let her continue a consultation later, on any device, with nothing stored on the
 * device. The code is 16 random bytes (128 bits) shown as Crockford base32 in groups of four.
 * From it the widget derives a lookup value (sent; the server stores only its hash) and a wrap
 * key (never sent) that wraps the session key. At 128 bits a fast KDF is enough: the standard
 * libsodium build in the widget has no Argon2id.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 16;
const CODE_CHARS = 26; // ceil(128 / 5)
const MASTER_CONTEXT = new TextEncoder().encode('tsunagari/v1|resume-code');

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return out.length >= CODE_BYTES ? new Uint8Array(out.slice(0, CODE_BYTES)) : null;
}

/** A new code, grouped for reading aloud or copying: "7K3M-Q9PX-…". */
export function newResumeCode(sodium: Sodium): string {
  return encodeBase32(sodium.randombytes_buf(CODE_BYTES)).match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * Normalises what she typed: case, spaces and hyphens do not matter, and the letters people
 * confuse with digits (O, I, L) are read as 0 and 1. Returns the 16 code bytes or null.
 */
export function parseResumeCode(typed: string): Uint8Array | null {
  const clean = typed.toUpperCase().replace(/[\s\-‐－ー]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== CODE_CHARS) return null;
  return decodeBase32(clean);
}

/** The lookup value (for the server) and the wrap key (for her only) derived from a code. */
export function deriveResumeKeys(sodium: Sodium, codeBytes: Uint8Array): { lookup: string; wrapKey: Uint8Array } {
  const master = sodium.crypto_generichash(32, codeBytes, MASTER_CONTEXT);
  const lookup = sodium.crypto_kdf_derive_from_key(32, 1, 'tsg_rlku', master);
  const wrapKey = sodium.crypto_kdf_derive_from_key(32, 2, 'tsg_rwrp', master);
  sodium.memzero(master);
  return { lookup: toB64(sodium, lookup), wrapKey };
}

/** Bytes of one session key in a wrapped set. */
const KEY_BYTES = 32;

/**
 * Wraps every key epoch's session key (`keys[i]` is epoch i) under the code's wrap key
 * (XSalsa20-Poly1305 over their concatenation, nonce prepended), so a consultation continued on
 * another device can read its whole history. One epoch gives the same 72 bytes as a single key.
 */
export function wrapSessionKeys(sodium: Sodium, wrapKey: Uint8Array, keys: readonly Uint8Array[]): string {
  const plain = new Uint8Array(keys.length * KEY_BYTES);
  keys.forEach((k, i) => plain.set(k, i * KEY_BYTES));
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const boxed = sodium.crypto_secretbox_easy(plain, nonce, wrapKey);
  sodium.memzero(plain);
  const out = new Uint8Array(nonce.length + boxed.length);
  out.set(nonce, 0);
  out.set(boxed, nonce.length);
  return toB64(sodium, out);
}

/** The keys of {@link wrapSessionKeys}, epoch 0 first. Throws {@link CryptoError} UNWRAP_FAILED. */
export function unwrapSessionKeys(sodium: Sodium, wrapKey: Uint8Array, wrapped: string): Uint8Array[] {
  let plain: Uint8Array;
  try {
    const blob = fromB64(sodium, wrapped);
    const n = sodium.crypto_secretbox_NONCEBYTES;
    plain = sodium.crypto_secretbox_open_easy(blob.subarray(n), blob.subarray(0, n), wrapKey);
  } catch {
    throw new CryptoError('UNWRAP_FAILED', 'session keys did not unwrap');
  }
  if (plain.length === 0 || plain.length % KEY_BYTES !== 0) throw new CryptoError('UNWRAP_FAILED', 'session keys have the wrong length');
  const keys: Uint8Array[] = [];
  for (let at = 0; at < plain.length; at += KEY_BYTES) keys.push(plain.slice(at, at + KEY_BYTES));
  sodium.memzero(plain);
  return keys;
}
