/**
 * Case-log notes and the records key in the browser (issue 16). Notes are sealed to the records
 * public key pinned in console-config.json — never to a key a relay answer names. A supervisor's
 * records key file is read here (never uploaded), opened with her passphrase, used to open the
 * year's notes at once, and its secret key zeroed before anything is shown: only the opened
 * words stay, in the reader's memory, until it forgets them. Loaded with a dynamic import.
 */
import type { ListedCaseNote } from '@tsunagari/shared';
import { CryptoError, openRecordsKeyFile, openRecordsNote, sealRecordsNote, toB64 } from '@tsunagari/shared/crypto';
import { loadSodium } from './staff-crypto.js';

export { readKeyFile } from './org-signing.js';

/** Why the key file could not be used; each has its own sentence on screen. */
export type RecordsKeyProblem = 'READ_FAILED' | 'KEY_FILE_MALFORMED' | 'WEAK_KDF' | 'WRONG_PASSPHRASE' | 'KEY_FILE_MISMATCH' | 'NOT_THIS_KEY';

/** A listed note, opened: its words, or null when it did not open with this key. */
export interface OpenedCaseNote extends Omit<ListedCaseNote, 'note'> {
  text: string | null;
}

/** Seals a note to the pinned records key (the console config's `recordsPublicKey`, passed by the caller). */
export async function sealCaseNote(recordsPublicKey: string, text: string): Promise<string> {
  return sealRecordsNote(await loadSodium(), recordsPublicKey, text);
}

/**
 * Opens the key file and, with it, every note; the secret key is zeroed before this returns. A
 * file whose public key is not the pinned one is refused before any note is tried.
 */
export async function openCaseNotes(
  fileText: string | null,
  passphrase: string,
  recordsPublicKey: string,
  notes: readonly ListedCaseNote[],
): Promise<{ ok: true; notes: OpenedCaseNote[] } | { ok: false; problem: RecordsKeyProblem }> {
  if (fileText === null) return { ok: false, problem: 'READ_FAILED' };
  const sodium = await loadSodium();
  let key;
  try {
    key = openRecordsKeyFile(sodium, fileText, passphrase);
  } catch (e) {
    if (e instanceof CryptoError && (e.id === 'WEAK_KDF' || e.id === 'WRONG_PASSPHRASE' || e.id === 'KEY_FILE_MISMATCH')) return { ok: false, problem: e.id };
    return { ok: false, problem: 'KEY_FILE_MALFORMED' };
  }
  try {
    if (toB64(sodium, key.publicKey) !== recordsPublicKey) return { ok: false, problem: 'NOT_THIS_KEY' };
    return {
      ok: true,
      notes: notes.map(({ note, ...rest }) => {
        try {
          return { ...rest, text: openRecordsNote(sodium, key, note) };
        } catch {
          return { ...rest, text: null };
        }
      }),
    };
  } finally {
    sodium.memzero(key.privateKey);
  }
}
