import { decodeFixed, hasExactKeys } from './canonical.js';
import { KDF_MINIMUM, checkKdfParams, requireKdfParams, requirePasswordLength } from './kdf-policy.js';
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

const FILE_KEYS = ['format', 'version', 'publicKey', 'kdf', 'nonce', 'sealedSeed'];

function passphraseKey(sodium: SodiumSumo, passphrase: string, kdf: OrgKeyFile['kdf']): Uint8Array {
  return sodium.crypto_pwhash(
    sodium.crypto_secretbox_KEYBYTES,
    passphrase,
    decodeFixed(sodium, kdf.salt, sodium.crypto_pwhash_SALTBYTES) as Uint8Array,
    kdf.opslimit,
    kdf.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/**
 * Makes a new organisation key pair and its passphrase-encrypted file. Throws `WEAK_PASSWORD`
 * for a passphrase under 12 characters and `WEAK_KDF` for limits below MODERATE.
 */
export function createOrgKeyFile(
  sodium: SodiumSumo,
  passphrase: string,
  limits: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): OrgKeyFile {
  requirePasswordLength(passphrase);
  const salt = toB64(sodium, sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES));
  const kdf = { algorithm: 'argon2id13' as const, ...requireKdfParams(sodium, { salt, ...limits }) };
  const seed = sodium.randombytes_buf(sodium.crypto_sign_SEEDBYTES);
  const pair = sodium.crypto_sign_seed_keypair(seed);
  const key = passphraseKey(sodium, passphrase, kdf);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const sealed = sodium.crypto_secretbox_easy(seed, nonce, key);
  for (const secret of [seed, key, pair.privateKey]) sodium.memzero(secret);
  return { format: 'tsunagari-org-key', version: 1, publicKey: toB64(sodium, pair.publicKey), kdf, nonce: toB64(sodium, nonce), sealedSeed: toB64(sodium, sealed) };
}

/** The file as text to write (stable key order, trailing newline). */
export const serialiseOrgKeyFile = (file: OrgKeyFile): string => `${JSON.stringify(file, null, 2)}\n`;

/**
 * Checks a file's shape without opening it (wrong format, version, field types or lengths →
 * `KEY_FILE_MALFORMED`; KDF parameters outside the policy → `WEAK_KDF`). Accepts the parsed JSON
 * or the file's text.
 */
export function parseOrgKeyFile(sodium: SodiumSumo, input: unknown): OrgKeyFile {
  const malformed = () => new CryptoError('KEY_FILE_MALFORMED', 'this is not a version 1 organisation key file');
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw malformed();
    }
  }
  if (!hasExactKeys(value, FILE_KEYS) || value.format !== 'tsunagari-org-key' || value.version !== 1) throw malformed();
  if (!hasExactKeys(value.kdf, ['algorithm', 'salt', 'opslimit', 'memlimit']) || value.kdf.algorithm !== 'argon2id13') throw malformed();
  const okLengths =
    decodeFixed(sodium, value.publicKey, sodium.crypto_sign_PUBLICKEYBYTES) &&
    decodeFixed(sodium, value.nonce, sodium.crypto_secretbox_NONCEBYTES) &&
    decodeFixed(sodium, value.sealedSeed, sodium.crypto_sign_SEEDBYTES + sodium.crypto_secretbox_MACBYTES);
  if (!okLengths) throw malformed();
  const { algorithm: _alg, ...params } = value.kdf;
  const checked = checkKdfParams(sodium, params);
  if (!checked.ok) {
    if (checked.reason === 'malformed') throw malformed();
    throw new CryptoError('WEAK_KDF', `the key file's Argon2id parameters are ${checked.reason}`);
  }
  return value as unknown as OrgKeyFile;
}

/**
 * Opens the file with its passphrase. Throws `WRONG_PASSPHRASE` when it does not decrypt (a
 * wrong passphrase, or an altered salt, nonce, parameters or ciphertext: the two cannot be told
 * apart) and `KEY_FILE_MISMATCH` when the secret key does not belong to the clear public key.
 */
export function openOrgKeyFile(sodium: SodiumSumo, input: unknown, passphrase: string): OpenedOrgKey {
  const file = parseOrgKeyFile(sodium, input);
  const key = passphraseKey(sodium, passphrase, file.kdf);
  let seed: Uint8Array;
  try {
    seed = sodium.crypto_secretbox_open_easy(
      decodeFixed(sodium, file.sealedSeed, sodium.crypto_sign_SEEDBYTES + sodium.crypto_secretbox_MACBYTES) as Uint8Array,
      decodeFixed(sodium, file.nonce, sodium.crypto_secretbox_NONCEBYTES) as Uint8Array,
      key,
    );
  } catch {
    throw new CryptoError('WRONG_PASSPHRASE', 'wrong passphrase, or the key file was altered');
  } finally {
    sodium.memzero(key);
  }
  const pair = sodium.crypto_sign_seed_keypair(seed);
  sodium.memzero(seed);
  if (toB64(sodium, pair.publicKey) !== file.publicKey) {
    sodium.memzero(pair.privateKey);
    throw new CryptoError('KEY_FILE_MISMATCH', "the key file's secret key does not match its public key");
  }
  return { publicKey: file.publicKey, secretKey: pair.privateKey };
}
