import { type Sodium, fromB64, toB64 } from './sodium.js';

/**
 * One canonical byte encoding for everything the organisation signs or anyone fingerprints.
 *
 * Encoding: a sequence of fields, each written as a 4-byte big-endian length followed by that
 * many bytes. The first field is always an ASCII domain tag (for example
 * `tsunagari/staff-statement/v1`), so bytes made for one purpose can never verify for another.
 * Field kinds:
 * - text: UTF-8 bytes of the string exactly as given (no normalisation);
 * - key: the raw bytes of a public key (never its base64 text);
 * - integer: 8 bytes, unsigned big-endian (a JavaScript safe integer, 0 … 2^53 − 1).
 * Every field is length-prefixed, including fixed-size ones, so no two field lists share bytes
 * ("ab"+"c" and "a"+"bc" differ) and the rule stays one rule.
 */
export type CanonicalField = Uint8Array;

const encoder = new TextEncoder();

/** A UTF-8 text field. */
export const textField = (value: string): CanonicalField => encoder.encode(value);

/** An unsigned integer field (8 bytes big-endian). Throws RangeError outside 0 … 2^53 − 1. */
export function integerField(value: number): CanonicalField {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an unsigned safe integer: ${value}`);
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(value / 2 ** 32));
  view.setUint32(4, value >>> 0);
  return out;
}

/** Concatenates the domain tag and the fields, each length-prefixed. */
export function canonicalBytes(tag: string, fields: readonly CanonicalField[]): Uint8Array {
  const parts = [textField(tag), ...fields];
  const total = parts.reduce((n, p) => n + 4 + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of parts) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/**
 * Decodes base64url (no padding) to exactly `length` bytes (a key or a signature), or null. Only
 * the canonical spelling is accepted (it must re-encode to the same text), so one key has one
 * text form and a relay cannot make two different strings that stand for the same signed key.
 */
export function decodeFixed(sodium: Sodium, text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string') return null;
  try {
    const bytes = fromB64(sodium, text);
    return bytes.length === length && toB64(sodium, bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

/** Byte-wise comparison of two UTF-8 strings, the sort order canonical lists use. */
export function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** True when `value` is a plain object whose own keys are exactly `keys` (any order). */
export function hasExactKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(value, k));
}
