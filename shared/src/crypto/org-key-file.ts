import { KDF_MINIMUM, requirePasswordLength } from './kdf-policy.js';
import { type PassphraseFileShape, openUnderPassphrase, parsePassphraseFile, sealUnderPassphrase } from './passphrase-box.js';
import { CryptoError, type SodiumSumo, toB64 } from './sodium.js';

/**
 * The organisation's signing key at rest: made by `org:init` on the admin's own machine, opened
 * only there (CLI) or in the admin's browser (file picked, never uploaded). Never on the relay.
 *
 * Format (JSON, version 1):
 *   { "format": "tsunagari-org-key", "version": 1,
 *     "publicKey": base64url Ed25519 public key (in clear, so `org:public` needs no passphrase),
 *     "kdf": { "algorithm": "argon2id13", "salt": base64url 16 bytes, "opslimit", "memlimit" },
 *     "nonce": base64url 24 bytes,
 *     "sealedSeed": base64url crypto_secretbox(32-byte Ed25519 seed, nonce, key) }
 * key = crypto_pwhash(32, passphrase, salt, opslimit, memlimit, Argon2id 1.3), at MODERATE or
 * stronger (the same policy as staff passwords). Opening re-derives the key pair from the seed
 * and checks it against `publicKey`, so a file whose clear key was swapped is refused.
 */
export interface OrgKeyFile {
  format: 'tsunagari-org-key';
  version: 1;
  publicKey: string;
  kdf: { algorithm: 'argon2id13'; salt: string; opslimit: number; memlimit: number };
  nonce: string;
  sealedSeed: string;
}

/** The organisation key pair, opened. The caller wipes `secretKey` (sodium.memzero) when done. */
export interface OpenedOrgKey {
  publicKey: string;
  secretKey: Uint8Array;
}

const SHAPE = (sodium: SodiumSumo): PassphraseFileShape => ({
  format: 'tsunagari-org-key',
  fields: ['format', 'version', 'publicKey', 'kdf', 'nonce', 'sealedSeed'],
  sealedField: 'sealedSeed',
  publicKeyBytes: sodium.crypto_sign_PUBLICKEYBYTES,
  secretBytes: sodium.crypto_sign_SEEDBYTES,
  what: 'organisation key',
});

/**
 * Makes a new organisation key pair and its passphrase-encrypted file. Throws `WEAK_PASSWORD`
 * for a passphrase under 12 characters and `WEAK_KDF` for limits below MODERATE.
 */
export function createOrgKeyFile(
  sodium: SodiumSumo,
  passphrase: string,
  limits: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): OrgKeyFile {
  const { file, key } = createOrgKey(sodium, passphrase, limits);
  sodium.memzero(key.secretKey);
  return file;
}

/**
 * {@link createOrgKeyFile}, also handing back the key pair it sealed, for a caller that signs at
 * once (the demo seed): opening the file it just made would derive the passphrase key a second
 * time (Argon2id at MODERATE: ~1 s of CPU and 256 MiB). The caller wipes `key.secretKey`.
 */
export function createOrgKey(
  sodium: SodiumSumo,
  passphrase: string,
  limits: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): { file: OrgKeyFile; key: OpenedOrgKey } {
  requirePasswordLength(passphrase); // before any key is made
  const seed = sodium.randombytes_buf(sodium.crypto_sign_SEEDBYTES);
  const pair = sodium.crypto_sign_seed_keypair(seed);
  try {
    const { kdf, nonce, sealed } = sealUnderPassphrase(sodium, passphrase, seed, limits);
    const publicKey = toB64(sodium, pair.publicKey);
    return { file: { format: 'tsunagari-org-key', version: 1, publicKey, kdf, nonce, sealedSeed: sealed }, key: { publicKey, secretKey: pair.privateKey } };
  } catch (err) {
    sodium.memzero(pair.privateKey);
    throw err;
  } finally {
    sodium.memzero(seed);
  }
}

/** The file as text to write (stable key order, trailing newline). */
export const serialiseOrgKeyFile = (file: OrgKeyFile): string => `${JSON.stringify(file, null, 2)}\n`;

/**
 * Checks a file's shape without opening it (wrong format, version, field types or lengths →
 * `KEY_FILE_MALFORMED`; KDF parameters outside the policy → `WEAK_KDF`). Accepts the parsed JSON
 * or the file's text.
 */
export function parseOrgKeyFile(sodium: SodiumSumo, input: unknown): OrgKeyFile {
  return parsePassphraseFile(sodium, input, SHAPE(sodium)).value as unknown as OrgKeyFile;
}

/**
 * Opens the file with its passphrase. Throws `WRONG_PASSPHRASE` when it does not decrypt (a
 * wrong passphrase, or an altered salt, nonce, parameters or ciphertext: the two cannot be told
 * apart) and `KEY_FILE_MISMATCH` when the secret key does not belong to the clear public key.
 */
export function openOrgKeyFile(sodium: SodiumSumo, input: unknown, passphrase: string): OpenedOrgKey {
  const { value, box } = parsePassphraseFile(sodium, input, SHAPE(sodium));
  const seed = openUnderPassphrase(sodium, passphrase, box, sodium.crypto_sign_SEEDBYTES);
  const pair = sodium.crypto_sign_seed_keypair(seed);
  sodium.memzero(seed);
  const publicKey = value.publicKey as string;
  if (toB64(sodium, pair.publicKey) !== publicKey) {
    sodium.memzero(pair.privateKey);
    throw new CryptoError('KEY_FILE_MISMATCH', "the key file's secret key does not match its public key");
  }
  return { publicKey, secretKey: pair.privateKey };
}
