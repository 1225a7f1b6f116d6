import { KDF_MINIMUM, requirePasswordLength } from './kdf-policy.js';
import { type PassphraseFileShape, type PassphraseKdf, openUnderPassphrase, parsePassphraseFile, sealUnderPassphrase } from './passphrase-box.js';
import { CryptoError, type SodiumSumo, toB64 } from './sodium.js';

/**
 * The records key at rest (issue 16): the X25519 `crypto_box` key pair that case-log notes are
 * sealed to (records-note.ts). Made by `records:init` on the admin's own machine; opened only
 * there or in a record-keeping supervisor's browser (file picked, never uploaded). Never on the
 * relay, which only ever sees its public half inside the console's pinned config.
 *
 * Format (JSON, version 1), the organisation key file's protection (passphrase-box.ts) under its
 * own format name, so neither file is ever taken for the other:
 *   { "format": "tsunagari-records-key", "version": 1,
 *     "publicKey": base64url X25519 public key (in clear: `records:public` needs no passphrase),
 *     "kdf": { "algorithm": "argon2id13", "salt", "opslimit", "memlimit" },
 *     "nonce": base64url 24 bytes,
 *     "sealedSecretKey": base64url crypto_secretbox(32-byte X25519 secret key, nonce, key) }
 * Opening recomputes the public key from the secret one and checks it against `publicKey`.
 */
export interface RecordsKeyFile {
  format: 'tsunagari-records-key';
  version: 1;
  publicKey: string;
  kdf: PassphraseKdf;
  nonce: string;
  sealedSecretKey: string;
}

/** The records key pair, opened. The caller wipes `privateKey` (sodium.memzero) when done. */
export interface OpenedRecordsKey {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

const SHAPE = (sodium: SodiumSumo): PassphraseFileShape => ({
  format: 'tsunagari-records-key',
  fields: ['format', 'version', 'publicKey', 'kdf', 'nonce', 'sealedSecretKey'],
  sealedField: 'sealedSecretKey',
  publicKeyBytes: sodium.crypto_box_PUBLICKEYBYTES,
  secretBytes: sodium.crypto_box_SECRETKEYBYTES,
  what: 'records key',
});

/**
 * Makes a new records key pair and its passphrase-encrypted file. Throws `WEAK_PASSWORD` for a
 * passphrase under 12 characters and `WEAK_KDF` for limits below MODERATE.
 */
export function createRecordsKeyFile(sodium: SodiumSumo, passphrase: string, limits: { opslimit: number; memlimit: number } = KDF_MINIMUM): RecordsKeyFile {
  requirePasswordLength(passphrase); // before any key is made
  const pair = sodium.crypto_box_keypair();
  try {
    const { kdf, nonce, sealed } = sealUnderPassphrase(sodium, passphrase, pair.privateKey, limits);
    return { format: 'tsunagari-records-key', version: 1, publicKey: toB64(sodium, pair.publicKey), kdf, nonce, sealedSecretKey: sealed };
  } finally {
    sodium.memzero(pair.privateKey);
  }
}

/** The file as text to write (stable key order, trailing newline). */
export const serialiseRecordsKeyFile = (file: RecordsKeyFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** Checks a file's shape without opening it (`KEY_FILE_MALFORMED`, `WEAK_KDF`); an organisation key file is malformed here. */
export function parseRecordsKeyFile(sodium: SodiumSumo, input: unknown): RecordsKeyFile {
  return parsePassphraseFile(sodium, input, SHAPE(sodium)).value as unknown as RecordsKeyFile;
}

/**
 * Opens the file with its passphrase. Throws `WRONG_PASSPHRASE` when it does not decrypt and
 * `KEY_FILE_MISMATCH` when the secret key does not belong to the clear public key.
 */
export function openRecordsKeyFile(sodium: SodiumSumo, input: unknown, passphrase: string): OpenedRecordsKey {
  const { value, box } = parsePassphraseFile(sodium, input, SHAPE(sodium));
  const privateKey = openUnderPassphrase(sodium, passphrase, box, sodium.crypto_box_SECRETKEYBYTES);
  const publicKey = sodium.crypto_scalarmult_base(privateKey);
  if (toB64(sodium, publicKey) !== value.publicKey) {
    sodium.memzero(privateKey);
    throw new CryptoError('KEY_FILE_MISMATCH', "the key file's secret key does not match its public key");
  }
  return { publicKey, privateKey };
}
