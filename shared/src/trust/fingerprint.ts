import { canonicalBytes, decodeFixed, textField } from '../crypto/canonical.js';
import { CryptoError, type Sodium } from '../crypto/sodium.js';
import type { PinnedOrgKey } from './org-key.js';

/**
 * Fingerprints people compare by reading digits aloud (on the phone or side by side), to catch a
 * relay that swapped keys during enrolment.
 *
 * Bytes hashed (field rule in `canonical.ts`):
 * - staff keys: text "tsunagari/staff-keys-fingerprint/v1", text staffId, key boxPublicKey,
 *   key signPublicKey. Her browser computes it from the keys it just made and the staff id in her
 *   invitation; the admin's view computes it from the pending statement. Same bytes both sides.
 * - organisation key: text "tsunagari/org-key-fingerprint/v1", key orgPublicKey.
 * Digits: BLAKE2b-256 of those bytes; bytes 0–24 read as five 40-bit big-endian numbers, each
 * mod 100000, printed as five zero-padded groups of five digits ("01234 56789 …", ~83 bits).
 * Finding other keys with the same 83 bits is far beyond a relay's reach (second preimage).
 */
export interface StaffKeysForFingerprint {
  staffId: string;
  /** base64url X25519 public key. */
  boxPublicKey: string;
  /** base64url Ed25519 public key. */
  signPublicKey: string;
}

const GROUPS = 5;
const GROUP_BYTES = 5;

/** Five groups of five digits from the BLAKE2b-256 hash of `bytes`. */
export function digitGroups(sodium: Sodium, bytes: Uint8Array): string {
  const hash = sodium.crypto_generichash(32, bytes, null);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let n = 0;
    for (let i = 0; i < GROUP_BYTES; i += 1) n = n * 256 + (hash[g * GROUP_BYTES + i] ?? 0);
    groups.push(String(n % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/**
 * The fingerprint of a staff member's public keys (equally: of a pending statement for them).
 * Throws {@link CryptoError} `BAD_STATEMENT` when a key is not canonical 32-byte base64url.
 */
export function staffKeysFingerprint(sodium: Sodium, keys: StaffKeysForFingerprint): string {
  const box = decodeFixed(sodium, keys.boxPublicKey, sodium.crypto_box_PUBLICKEYBYTES);
  const sign = decodeFixed(sodium, keys.signPublicKey, sodium.crypto_sign_PUBLICKEYBYTES);
  if (!box || !sign) throw new CryptoError('BAD_STATEMENT', 'a public key to fingerprint is malformed');
  return digitGroups(sodium, canonicalBytes('tsunagari/staff-keys-fingerprint/v1', [textField(keys.staffId), box, sign]));
}

/** The organisation key's fingerprint, for the console's header menu and `org:public`. */
export function orgKeyFingerprint(sodium: Sodium, orgKey: PinnedOrgKey): string {
  return digitGroups(sodium, canonicalBytes('tsunagari/org-key-fingerprint/v1', [orgKey.publicKey]));
}

/**
 * Normalises what a person typed or heard (full-width digits from a Japanese IME, spaces,
 * hyphens) to bare digits. Returns null unless exactly 25 digits remain.
 */
export function normaliseFingerprint(typed: string): string | null {
  const digits = typed.normalize('NFKC').replace(/[\s\-‐−ー_.,]/g, '');
  return /^\d{25}$/.test(digits) ? digits : null;
}

/** True when the two fingerprints are the same digits, however they were spaced or typed. */
export function fingerprintsMatch(a: string, b: string): boolean {
  const x = normaliseFingerprint(a);
  return x !== null && x === normaliseFingerprint(b);
}
