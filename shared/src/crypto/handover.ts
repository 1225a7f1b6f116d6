import { NOTE_PADDED_SIZES, padPlaintext, unpadPlaintext } from './padding.js';
import { CryptoError, fromB64, type Sodium, toB64 } from './sodium.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Associated data for a handover note: its own domain, so a note can never pass for a message.
 * v2 notes are padded (issue 15: a note's length no longer shows how much was written); v1 notes,
 * sealed before, are not. The version is in the associated data, so which one a note is can be
 * neither guessed wrong nor changed by the relay.
 */
function handoverAd(version: 1 | 2, consultationId: string, fromStaffId: string): Uint8Array {
  return encoder.encode(`tsunagari/v${version}|handover|${consultationId}|${fromStaffId}`);
}

/** Max characters in one handover note (the console's field allows no more). */
export const MAX_HANDOVER_CHARS = 2000;

/**
 * Encrypts a handover note under the consultation's session key, so that whichever counselor
 * holds the key next can read it, and the server cannot. Padded to one of a few sizes
 * ({@link NOTE_PADDED_SIZES}), like messages.
 */
export function sealHandoverNote(
  sodium: Sodium,
  sessionKey: Uint8Array,
  consultationId: string,
  fromStaffId: string,
  text: string,
): { nonce: string; ciphertext: string } {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const plain = padPlaintext(sodium, encoder.encode(text.slice(0, MAX_HANDOVER_CHARS)), 0, NOTE_PADDED_SIZES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, handoverAd(2, consultationId, fromStaffId), null, nonce, sessionKey);
  return { nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, ciphertext) };
}

/** Decrypts a handover note, padded (v2) or sealed before padding (v1); throws {@link CryptoError} when it does not verify. */
export function openHandoverNote(
  sodium: Sodium,
  sessionKey: Uint8Array,
  consultationId: string,
  note: { fromStaffId: string; nonce: string; ciphertext: string },
): string {
  const open = (version: 1 | 2): Uint8Array =>
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, fromB64(sodium, note.ciphertext), handoverAd(version, consultationId, note.fromStaffId), fromB64(sodium, note.nonce), sessionKey);
  let padded: Uint8Array;
  try {
    padded = open(2);
  } catch {
    try {
      return decoder.decode(open(1));
    } catch {
      throw new CryptoError('DECRYPT_FAILED', 'handover note did not verify');
    }
  }
  return decoder.decode(unpadPlaintext(sodium, padded, NOTE_PADDED_SIZES));
}
