import { MAX_BODY_BYTES, MAX_NOTE_BYTES } from '../protocol/limits.js';
import { CryptoError, type Sodium } from './sodium.js';

/**
 * Padding inside the plaintext, before sealing (issue 15: the relay learns less). A ciphertext's
 * length is its plaintext's length plus a fixed overhead, so without padding the relay could tell
 * a 「はい」 from a long story, and which intake answers she chose (虐待・DV is longer than 孤独).
 * Every message body is padded up to one of a few fixed sizes; the intake always to one size.
 *
 * The padding is ISO/IEC 7816-4 (libsodium's `pad`/`unpad`): a 0x80 byte, then zeros. It is
 * inside the AEAD, so the relay can neither read nor change it.
 *
 * The sizes: the smallest one that holds the body. The largest (MAX_BODY_BYTES, 12 160 bytes) holds the longest
 * message one can type in Japanese (MAX_MESSAGE_CHARS × 3 bytes of UTF-8, plus the JSON) and still
 * fits one envelope (MAX_ENVELOPE_BYTES) once sealed and in base64. A body larger than that (only
 * text full of characters JSON must escape) is padded to a multiple of the last step.
 */
export const PADDED_SIZES = [512, 1024, 4096, MAX_BODY_BYTES] as const;

/** Every intake, whatever she answered, is padded to this size (its largest form is well below it). */
export const INTAKE_PADDED_SIZE = 1024;

const OVERFLOW_STEP = 1024;

/**
 * Handover notes are padded the same way, to these sizes (`handover.ts`): the largest,
 * MAX_NOTE_BYTES, holds the longest note (MAX_HANDOVER_CHARS of Japanese at 3 bytes each).
 */
export const NOTE_PADDED_SIZES = [512, 1024, 2048, MAX_NOTE_BYTES] as const;

/** The padded length for `length` bytes of plaintext, at least `minimum` (one of `sizes`, {@link PADDED_SIZES} unless told). */
export function paddedLength(length: number, minimum = 0, sizes: readonly number[] = PADDED_SIZES): number {
  // libsodium always adds at least the 0x80 byte.
  const size = sizes.find((s) => s >= minimum && s >= length + 1);
  return size ?? Math.ceil((length + 1) / OVERFLOW_STEP) * OVERFLOW_STEP;
}

/** Pads plaintext to {@link paddedLength}. */
export function padPlaintext(sodium: Sodium, plain: Uint8Array, minimum = 0, sizes: readonly number[] = PADDED_SIZES): Uint8Array {
  return sodium.pad(plain, paddedLength(plain.length, minimum, sizes));
}

/**
 * Takes the padding off (`sizes` as it was padded to). Throws {@link CryptoError} BAD_BODY when
 * it is not there (sealed by hand, or before padding existed: see `decryptBody`, which opens those).
 */
export function unpadPlaintext(sodium: Sodium, padded: Uint8Array, sizes: readonly number[] = PADDED_SIZES): Uint8Array {
  const block = sizes.includes(padded.length) ? padded.length : OVERFLOW_STEP;
  try {
    return sodium.unpad(padded, block);
  } catch {
    throw new CryptoError('BAD_BODY', 'message padding is wrong');
  }
}
