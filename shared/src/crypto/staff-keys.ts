import { CryptoError, fromB64, type Sodium, type SodiumSumo, toB64 } from './sodium.js';

/** Argon2id parameters the server hands out per staff member, with her salt. */
export interface KdfParams {
  salt: string;
  opslimit: number;
  memlimit: number;
}

/** The two keys derived from a staff password, each under its own KDF context. */
export interface StaffPasswordKeys {
  /** Sent to the server to log in; the server stores only an Argon2id hash of it. */
  authKey: Uint8Array;
  /** Never leaves the browser: it unwraps the staff member's secret keys. */
  wrapKey: Uint8Array;
}

/** A staff member's key pairs, in memory only. */
export interface StaffKeyPairs {
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
  signPublicKey: Uint8Array;
  signSecretKey: Uint8Array;
}

/** Public halves plus the secret halves wrapped under the wrap key: what the server stores. */
export interface WrappedStaffKeys {
  boxPublicKey: string;
  signPublicKey: string;
  wrappedSecretKeys: string;
}

const AUTH_CONTEXT = 'tsg_auth';
const WRAP_CONTEXT = 'tsg_wrap';
const WRAP_AD = new TextEncoder().encode('tsunagari/v1|staff-secret-keys');

/** Named Argon2id strengths, from libsodium's constants. */
export function kdfLimits(sodium: SodiumSumo, level: 'interactive' | 'moderate' | 'min') {
  switch (level) {
    case 'moderate':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE, memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE };
    case 'min':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: 8192 * 1024 };
    default:
      return {
        opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
        memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
      };
  }
}

/** A fresh salt for a new staff member. */
export function newKdfSalt(sodium: SodiumSumo): string {
  return toB64(sodium, sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES));
}

/** Derives the master key with Argon2id, then the auth and wrap keys from it. */
export function deriveStaffPasswordKeys(sodium: SodiumSumo, password: string, params: KdfParams): StaffPasswordKeys {
  const master = sodium.crypto_pwhash(
    32,
    password,
    fromB64(sodium, params.salt),
    params.opslimit,
    params.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  const authKey = sodium.crypto_kdf_derive_from_key(32, 1, AUTH_CONTEXT, master);
  const wrapKey = sodium.crypto_kdf_derive_from_key(32, 2, WRAP_CONTEXT, master);
  sodium.memzero(master);
  return { authKey, wrapKey };
}

/** New X25519 and Ed25519 key pairs for a staff member. */
export function generateStaffKeyPairs(sodium: Sodium): StaffKeyPairs {
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return {
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

/** Wraps both secret keys under the wrap key (XChaCha20-Poly1305, nonce prepended). */
export function wrapStaffKeys(sodium: Sodium, wrapKey: Uint8Array, keys: StaffKeyPairs): WrappedStaffKeys {
  const secret = new Uint8Array(keys.boxSecretKey.length + keys.signSecretKey.length);
  secret.set(keys.boxSecretKey, 0);
  secret.set(keys.signSecretKey, keys.boxSecretKey.length);
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, WRAP_AD, null, nonce, wrapKey);
  sodium.memzero(secret);
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, nonce.length);
  return {
    boxPublicKey: toB64(sodium, keys.boxPublicKey),
    signPublicKey: toB64(sodium, keys.signPublicKey),
    wrappedSecretKeys: toB64(sodium, out),
  };
}

/** Unwraps the secret keys; throws {@link CryptoError} for a wrong password or altered blob. */
export function unwrapStaffKeys(sodium: Sodium, wrapKey: Uint8Array, wrapped: WrappedStaffKeys): StaffKeyPairs {
  const blob = fromB64(sodium, wrapped.wrappedSecretKeys);
  const n = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  let secret: Uint8Array;
  try {
    secret = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, blob.subarray(n), WRAP_AD, blob.subarray(0, n), wrapKey);
  } catch {
    throw new CryptoError('UNWRAP_FAILED', 'staff keys did not unwrap');
  }
  const boxLen = sodium.crypto_box_SECRETKEYBYTES;
  return {
    boxPublicKey: fromB64(sodium, wrapped.boxPublicKey),
    boxSecretKey: secret.slice(0, boxLen),
    signPublicKey: fromB64(sodium, wrapped.signPublicKey),
    signSecretKey: secret.slice(boxLen),
  };
}
