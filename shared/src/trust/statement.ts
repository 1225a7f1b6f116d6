import { canonicalBytes, decodeFixed, hasExactKeys, integerField, textField } from '../crypto/canonical.js';
import { CryptoError, type Sodium, toB64 } from '../crypto/sodium.js';
import type { StaffRole } from '../protocol/events/roles.js';

/**
 * The organisation's signed statement about one staff member's keys.
 *
 * Canonical bytes (see `canonical.ts` for the field rule), in this fixed order:
 *   text "tsunagari/staff-statement/v1", text staffId, text role, key boxPublicKey (32 raw bytes),
 *   key signPublicKey (32 raw bytes), integer keyVersion, integer notBefore, integer notAfter.
 * The signature is Ed25519 (detached) by the organisation key over exactly those bytes. The JSON
 * form's key order does not matter (the bytes are rebuilt from the fields); an extra or missing
 * key, a non-canonical base64 key, or an out-of-range number makes the statement malformed.
 */
export interface StaffStatement {
  staffId: string;
  role: StaffRole;
  /** X25519 public key, base64url: what a session key is sealed to. */
  boxPublicKey: string;
  /** Ed25519 public key, base64url. */
  signPublicKey: string;
  /** Rises by one at every new enrolment of the same staff member (new key pairs). */
  keyVersion: number;
  /** Unix time in milliseconds from which the statement holds. */
  notBefore: number;
  /** Unix time in milliseconds from which it no longer holds (exclusive). */
  notAfter: number;
}

/** A statement with the organisation's signature (base64url), as the relay stores and serves it. */
export interface SignedStaffStatement {
  statement: StaffStatement;
  signature: string;
}

/** What the admin sees before signing: the statement without its validity window. */
export type PendingStatement = Omit<StaffStatement, 'notBefore' | 'notAfter'>;

export const STATEMENT_TAG = 'tsunagari/staff-statement/v1';
/** Default validity of a new statement: one year (365 days). */
export const DEFAULT_STATEMENT_VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;
/** Longest staff id accepted, in UTF-16 units. Ids are random base64url today (22 chars). */
export const MAX_STAFF_ID_LENGTH = 128;

const STAFF_ROLES: readonly StaffRole[] = ['counselor', 'supervisor', 'admin'];
const PENDING_KEYS = ['staffId', 'role', 'boxPublicKey', 'signPublicKey', 'keyVersion'];
const STATEMENT_KEYS = [...PENDING_KEYS, 'notBefore', 'notAfter'];

/** True for a staff id the encoding accepts: a non-empty string up to {@link MAX_STAFF_ID_LENGTH}. */
export const isStaffId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= MAX_STAFF_ID_LENGTH;
/** True for a whole number the canonical encoding can carry. */
export const isUnsigned = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Checks an untrusted value field by field and returns a fresh, frozen statement, or null when
 * anything is off: extra or missing keys, unknown role, keys that are not canonical 32-byte
 * base64url, keyVersion < 1, or notAfter not after notBefore.
 */
export function parseStaffStatement(sodium: Sodium, value: unknown): StaffStatement | null {
  if (!hasExactKeys(value, STATEMENT_KEYS)) return null;
  const { staffId, role, boxPublicKey, signPublicKey, keyVersion, notBefore, notAfter } = value;
  if (!isStaffId(staffId) || !STAFF_ROLES.includes(role as StaffRole)) return null;
  if (!decodeFixed(sodium, boxPublicKey, sodium.crypto_box_PUBLICKEYBYTES)) return null;
  if (!decodeFixed(sodium, signPublicKey, sodium.crypto_sign_PUBLICKEYBYTES)) return null;
  if (!isUnsigned(keyVersion) || keyVersion < 1 || !isUnsigned(notBefore) || !isUnsigned(notAfter)) return null;
  if (notAfter <= notBefore) return null;
  return Object.freeze({
    staffId,
    role: role as StaffRole,
    boxPublicKey: boxPublicKey as string,
    signPublicKey: signPublicKey as string,
    keyVersion,
    notBefore,
    notAfter,
  });
}

/** The canonical bytes of a statement. Throws {@link CryptoError} `BAD_STATEMENT` if it is malformed. */
export function staffStatementBytes(sodium: Sodium, statement: StaffStatement): Uint8Array {
  return encode(sodium, checked(sodium, statement));
}

function checked(sodium: Sodium, statement: StaffStatement): StaffStatement {
  const s = parseStaffStatement(sodium, statement);
  if (!s) throw new CryptoError('BAD_STATEMENT', 'the staff statement is malformed');
  return s;
}

/** Encodes a statement that {@link parseStaffStatement} already accepted. */
function encode(sodium: Sodium, s: StaffStatement): Uint8Array {
  return canonicalBytes(STATEMENT_TAG, [
    textField(s.staffId),
    textField(s.role),
    decodeFixed(sodium, s.boxPublicKey, sodium.crypto_box_PUBLICKEYBYTES) as Uint8Array,
    decodeFixed(sodium, s.signPublicKey, sodium.crypto_sign_PUBLICKEYBYTES) as Uint8Array,
    integerField(s.keyVersion),
    integerField(s.notBefore),
    integerField(s.notAfter),
  ]);
}

/**
 * Strict parse of a pending statement (exactly staffId, role, boxPublicKey, signPublicKey,
 * keyVersion, checked as in a statement), or null. The admin's view and `statement:sign` read
 * the relay's pending enrolment through this before computing its fingerprint.
 */
export function parsePendingStatement(sodium: Sodium, value: unknown): PendingStatement | null {
  if (!hasExactKeys(value, PENDING_KEYS)) return null;
  const full = parseStaffStatement(sodium, { ...value, notBefore: 0, notAfter: 1 });
  if (!full) return null;
  const { notBefore: _b, notAfter: _a, ...pending } = full;
  return Object.freeze(pending);
}

/** A statement valid from `now` for `validityMs` (default one year). Re-signing uses this too. */
export function newStaffStatement(pending: PendingStatement, now: number, validityMs = DEFAULT_STATEMENT_VALIDITY_MS): StaffStatement {
  return {
    staffId: pending.staffId,
    role: pending.role,
    boxPublicKey: pending.boxPublicKey,
    signPublicKey: pending.signPublicKey,
    keyVersion: pending.keyVersion,
    notBefore: now,
    notAfter: now + validityMs,
  };
}

/**
 * Signs a statement with the organisation's Ed25519 secret key (in the admin's browser or the
 * offline CLI, never on the relay). Throws {@link CryptoError} `BAD_STATEMENT` if it is malformed.
 */
export function signStaffStatement(sodium: Sodium, orgSecretKey: Uint8Array, statement: StaffStatement): SignedStaffStatement {
  const s = checked(sodium, statement);
  return { statement: s, signature: toB64(sodium, sodium.crypto_sign_detached(encode(sodium, s), orgSecretKey)) };
}
