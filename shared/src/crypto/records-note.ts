import { PADDED_SIZES, padPlaintext, unpadPlaintext } from './padding.js';
import { CryptoError, fromB64, type Sodium, toB64 } from './sodium.js';

/**
 * A free-text note on a case-log entry (issue 16: "a free-text note, if wanted, is encrypted to
 * the records key"), sealed in the staff member's browser to the organisation's records key (an
 * X25519 key pair whose secret half only record-keeping supervisors hold, never the relay) with
 * `crypto_box_seal`, after padding to one of the message sizes, so the relay stores an opaque blob
 * whose length tells only the size band. A sealed box has no associated data: the relay could move
 * a note from one entry to another, but not read, change or forge one it cannot tell apart.
 */

/** Max characters in one note: a few sentences, not a transcript. */
export const MAX_NOTE_CHARS = 1000;

/** The padded sizes a note can take (its longest, 1,000 characters of Japanese, fits the third). */
export const RECORDS_NOTE_PADDED_SIZES = PADDED_SIZES.slice(0, 3);

/** crypto_box_SEALBYTES: the ephemeral public key and the MAC. */
const SEAL_OVERHEAD = 48;

/** The base64url lengths a sealed note can have: one per padded size, nothing in between. */
export const SEALED_NOTE_LENGTHS = RECORDS_NOTE_PADDED_SIZES.map((n) => Math.ceil(((n + SEAL_OVERHEAD) * 4) / 3));

/** Seals a note to the records public key (base64url). Throws BAD_BODY for an empty or too long note. */
export function sealRecordsNote(sodium: Sodium, recordsPublicKey: string, text: string): string {
  const note = text.trim();
  if (note.length === 0 || note.length > MAX_NOTE_CHARS) throw new CryptoError('BAD_BODY', 'a note is 1 to 1,000 characters');
  const padded = padPlaintext(sodium, sodium.from_string(note));
  return toB64(sodium, sodium.crypto_box_seal(padded, fromB64(sodium, recordsPublicKey)));
}

/** Opens a sealed note with the records key pair. Throws DECRYPT_FAILED when it does not open. */
export function openRecordsNote(sodium: Sodium, records: { publicKey: Uint8Array; privateKey: Uint8Array }, sealed: string): string {
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_box_seal_open(fromB64(sodium, sealed), records.publicKey, records.privateKey);
  } catch {
    throw new CryptoError('DECRYPT_FAILED', 'the note did not open with this records key');
  }
  return sodium.to_string(unpadPlaintext(sodium, padded));
}
