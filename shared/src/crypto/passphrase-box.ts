import { decodeFixed, hasExactKeys } from './canonical.js';
import { KDF_MINIMUM, checkKdfParams, requireKdfParams, requirePasswordLength } from './kdf-policy.js';
import { CryptoError, type SodiumSumo, toB64 } from './sodium.js';

/**
 * The protection both offline key files share (the organisation key, org-key-file.ts, and the
 * records key, records-key-file.ts): the secret sealed with `crypto_secretbox` under a key
 * derived from a passphrase with Argon2id 1.3 at MODERATE or stronger (the staff password
 * policy). Each file names its own `format`, so one kind is never opened as the other.
 */
export interface PassphraseKdf {
  algorithm: 'argon2id13';
  salt: string;
  opslimit: number;
  memlimit: number;
}

/** A secret of `secretBytes` bytes under a passphrase: the KDF, the nonce and the sealed secret. */
export interface PassphraseSealed {
  kdf: PassphraseKdf;
  nonce: string;
  sealed: string;
}

function passphraseKey(sodium: SodiumSumo, passphrase: string, kdf: PassphraseKdf): Uint8Array {
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
 * Seals `secret` under a new salt and nonce. Throws `WEAK_PASSWORD` for a passphrase under 12
 * characters and `WEAK_KDF` for limits below MODERATE. The caller still wipes `secret`.
 */
export function sealUnderPassphrase(
  sodium: SodiumSumo,
  passphrase: string,
  secret: Uint8Array,
  limits: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): PassphraseSealed {
  requirePasswordLength(passphrase);
  const salt = toB64(sodium, sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES));
  const kdf = { algorithm: 'argon2id13' as const, ...requireKdfParams(sodium, { salt, ...limits }) };
  const key = passphraseKey(sodium, passphrase, kdf);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const sealed = sodium.crypto_secretbox_easy(secret, nonce, key);
  sodium.memzero(key);
  return { kdf, nonce: toB64(sodium, nonce), sealed: toB64(sodium, sealed) };
}

/**
 * Opens what {@link sealUnderPassphrase} made (shape already checked by {@link parsePassphraseFile}).
 * Throws `WRONG_PASSPHRASE` when it does not decrypt: a wrong passphrase, or an altered salt,
 * nonce, parameters or ciphertext (the two cannot be told apart).
 */
export function openUnderPassphrase(sodium: SodiumSumo, passphrase: string, box: PassphraseSealed, secretBytes: number): Uint8Array {
  const key = passphraseKey(sodium, passphrase, box.kdf);
  try {
    return sodium.crypto_secretbox_open_easy(
      decodeFixed(sodium, box.sealed, secretBytes + sodium.crypto_secretbox_MACBYTES) as Uint8Array,
      decodeFixed(sodium, box.nonce, sodium.crypto_secretbox_NONCEBYTES) as Uint8Array,
      key,
    );
  } catch {
    throw new CryptoError('WRONG_PASSPHRASE', 'wrong passphrase, or the key file was altered');
  } finally {
    sodium.memzero(key);
  }
}

/** What one kind of key file looks like: its format name, its fields, and where the sealed secret is. */
export interface PassphraseFileShape {
  format: string;
  fields: readonly string[];
  sealedField: string;
  publicKeyBytes: number;
  secretBytes: number;
  /** "organisation key", "records key": for the error message. */
  what: string;
}

/**
 * Checks a key file's shape without opening it (wrong format, version, field types or lengths →
 * `KEY_FILE_MALFORMED`; KDF parameters outside the policy → `WEAK_KDF`). Accepts the parsed JSON
 * or the file's text; returns the object and its sealed part.
 */
export function parsePassphraseFile(sodium: SodiumSumo, input: unknown, shape: PassphraseFileShape): { value: Record<string, unknown>; box: PassphraseSealed } {
  const malformed = () => new CryptoError('KEY_FILE_MALFORMED', `this is not a version 1 ${shape.what} file`);
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw malformed();
    }
  }
  if (!hasExactKeys(value, shape.fields) || value.format !== shape.format || value.version !== 1) throw malformed();
  if (!hasExactKeys(value.kdf, ['algorithm', 'salt', 'opslimit', 'memlimit']) || value.kdf.algorithm !== 'argon2id13') throw malformed();
  const okLengths =
    decodeFixed(sodium, value.publicKey, shape.publicKeyBytes) &&
    decodeFixed(sodium, value.nonce, sodium.crypto_secretbox_NONCEBYTES) &&
    decodeFixed(sodium, value[shape.sealedField], shape.secretBytes + sodium.crypto_secretbox_MACBYTES);
  if (!okLengths) throw malformed();
  const { algorithm: _alg, ...params } = value.kdf;
  const checked = checkKdfParams(sodium, params);
  if (!checked.ok) {
    if (checked.reason === 'malformed') throw malformed();
    throw new CryptoError('WEAK_KDF', `the key file's Argon2id parameters are ${checked.reason}`);
  }
  return { value, box: { kdf: value.kdf as unknown as PassphraseKdf, nonce: value.nonce as string, sealed: value[shape.sealedField] as string } };
}
