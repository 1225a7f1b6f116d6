import { deriveResumeKeys, newResumeCode, parseResumeCode, type Sodium, unwrapSessionKeys, wrapSessionKeys } from '@tsunagari/shared/crypto';

/**
 * Resume codes' crypto: a chunk of its own, loaded only when she asks for a code or types one
 * (most consultations never do). Her keys come in and go out by epoch; an epoch this device never
 * held travels as 32 zero bytes, so the others keep their places.
 */

const ZERO = new Uint8Array(32);

/** A new code, its lookup value (for the server) and her keys wrapped under it. */
export function makeResumeCode(sodium: Sodium, keys: readonly (Uint8Array | undefined)[]): { code: string; lookup: string; wrappedKey: string } {
  const code = newResumeCode(sodium);
  const bytes = parseResumeCode(code);
  if (!bytes) throw new Error('resume code did not parse');
  const { lookup, wrapKey } = deriveResumeKeys(sodium, bytes);
  const wrappedKey = wrapSessionKeys(sodium, wrapKey, keys.map((k) => k ?? ZERO));
  sodium.memzero(wrapKey);
  sodium.memzero(bytes);
  return { code, lookup, wrappedKey };
}

/**
 * A typed code's lookup, and an unwrap of the keys the server returns for it (null when they do
 * not unwrap; the wrap key is zeroed after one try). Null when the code is malformed.
 */
export function readResumeCode(sodium: Sodium, typed: string): { lookup: string; unwrap(wrappedKey: string): (Uint8Array | undefined)[] | null } | null {
  const bytes = parseResumeCode(typed);
  if (!bytes) return null;
  const { lookup, wrapKey } = deriveResumeKeys(sodium, bytes);
  sodium.memzero(bytes);
  return {
    lookup,
    unwrap: (wrappedKey) => {
      try {
        return unwrapSessionKeys(sodium, wrapKey, wrappedKey).map((k) => (sodium.compare(k, ZERO) === 0 ? undefined : k));
      } catch {
        return null;
      } finally {
        sodium.memzero(wrapKey);
      }
    },
  };
}
