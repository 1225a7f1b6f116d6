import { sha256 } from '@noble/hashes/sha2.js';
import { deriveKey as deriveKeyWebCrypto } from 'altcha-lib/algorithms/web/sha';

type DeriveKey = typeof deriveKeyWebCrypto;

/**
 * ALTCHA's key derivation for the start proof, as altcha-lib's own (`algorithms/web/sha`): the
 * salt and the counter hashed `cost` times, the last digest cut to `keyLength`. For SHA-256, the
 * relay's algorithm, each try hashes in the page's own JavaScript (@noble/hashes) instead of a
 * WebCrypto call: one `crypto.subtle.digest` is a round trip to another thread and back through
 * a promise, which for a 40-byte input costs far more than the hash itself, and the search makes
 * thousands (more while the queue is under a flood). The answer is the same; any other algorithm
 * goes to altcha-lib's WebCrypto version.
 */
export const deriveKey: DeriveKey = async (parameters, salt, password) => {
  if (parameters.algorithm !== 'SHA-256') return deriveKeyWebCrypto(parameters, salt, password);
  const { keyLength = 32 } = parameters;
  const rounds = Math.max(1, parameters.cost);
  let key = new Uint8Array(salt.length + password.length);
  key.set(salt, 0);
  key.set(password, salt.length);
  for (let i = 0; i < rounds; i++) key = sha256(key);
  return { parameters: {}, derivedKey: key.slice(0, keyLength) };
};
