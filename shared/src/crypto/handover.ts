import { CryptoError, fromB64, type Sodium, toB64 } from './sodium.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Associated data for a handover note: its own domain, so a note can never pass for a message. */
function handoverAd(consultationId: string, fromStaffId: string): Uint8Array {
  return encoder.encode(`tsunagari/v1|handover|${consultationId}|${fromStaffId}`);
}

/** Max characters in one handover note. */
export const MAX_HANDOVER_CHARS = 2000;

/**
 * Encrypts a handover note under the consultation's session key, so that whichever counselor
 * holds the key next can read it, and the server cannot.
 */
export function sealHandoverNote(
  sodium: Sodium,
  sessionKey: Uint8Array,
  consultationId: string,
  fromStaffId: string,
  text: string,
): { nonce: string; ciphertext: string } {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    encoder.encode(text.slice(0, MAX_HANDOVER_CHARS)),
    handoverAd(consultationId, fromStaffId),
    null,
    nonce,
    sessionKey,
  );
  return { nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, ciphertext) };
}

/** Decrypts a handover note; throws {@link CryptoError} when it does not verify. */
export function openHandoverNote(
  sodium: Sodium,
  sessionKey: Uint8Array,
  consultationId: string,
  note: { fromStaffId: string; nonce: string; ciphertext: string },
): string {
  try {
    const plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      fromB64(sodium, note.ciphertext),
      handoverAd(consultationId, note.fromStaffId),
      fromB64(sodium, note.nonce),
      sessionKey,
    );
    return decoder.decode(plain);
  } catch {
    throw new CryptoError('DECRYPT_FAILED', 'handover note did not verify');
  }
}
