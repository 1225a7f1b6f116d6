import { canonicalBytes, compareUtf8, decodeFixed, hasExactKeys, integerField, textField } from '../crypto/canonical.js';
import { CryptoError, type Sodium, toB64 } from '../crypto/sodium.js';
import { orgSigned, type PinnedOrgKey } from './org-key.js';
import { isStaffId, isUnsigned } from './statement.js';

/**
 * The organisation-signed list of revoked staff keys.
 *
 * Canonical bytes (field rule in `canonical.ts`): text "tsunagari/revocation-list/v1", integer
 * issuedAt, integer entry count, then per entry: text staffId, integer keyVersion, integer
 * revokedAt. Entries are encoded sorted by staffId (UTF-8 bytes) then keyVersion, so the order
 * they arrive in does not matter; the same (staffId, keyVersion) twice makes the list malformed.
 * An entry revokes that staff member's keyVersion AND every lower one: a relay cannot bring
 * back an older enrolment of someone who was disabled.
 */
export interface RevocationEntry {
  staffId: string;
  keyVersion: number;
  /** Unix ms; for the record and the staff list, not for the check (revocation is immediate). */
  revokedAt: number;
}

export interface RevocationList {
  /** Unix ms when the organisation signed this list. */
  issuedAt: number;
  entries: RevocationEntry[];
}

/** A list with the organisation's signature (base64url), as the relay publishes it. */
export interface SignedRevocationList {
  list: RevocationList;
  signature: string;
}

declare const verifiedBrand: unique symbol;
/** A list whose signature checked against the pinned key; only {@link verifyRevocationList} makes one. */
export type VerifiedRevocationList = Readonly<RevocationList> & { readonly [verifiedBrand]: true };

export const REVOCATION_TAG = 'tsunagari/revocation-list/v1';
/** More entries than this makes a list malformed (bounds the work a relay can cause). */
export const MAX_REVOCATION_ENTRIES = 10_000;

const byStaffThenVersion = (a: RevocationEntry, b: RevocationEntry) => compareUtf8(a.staffId, b.staffId) || a.keyVersion - b.keyVersion;

/** Strict parse of an untrusted list: sorted, frozen copy, or null (shape, ranges, duplicates). */
export function parseRevocationList(value: unknown): RevocationList | null {
  if (!hasExactKeys(value, ['issuedAt', 'entries']) || !isUnsigned(value.issuedAt) || !Array.isArray(value.entries)) return null;
  if (value.entries.length > MAX_REVOCATION_ENTRIES) return null;
  const entries: RevocationEntry[] = [];
  for (const e of value.entries as unknown[]) {
    if (!hasExactKeys(e, ['staffId', 'keyVersion', 'revokedAt'])) return null;
    const { staffId, keyVersion, revokedAt } = e;
    if (!isStaffId(staffId) || !isUnsigned(keyVersion) || keyVersion < 1 || !isUnsigned(revokedAt)) return null;
    entries.push(Object.freeze({ staffId, keyVersion, revokedAt }));
  }
  entries.sort(byStaffThenVersion);
  if (entries.some((e, i) => i > 0 && byStaffThenVersion(entries[i - 1] as RevocationEntry, e) === 0)) return null;
  return Object.freeze({ issuedAt: value.issuedAt, entries: Object.freeze(entries) as RevocationEntry[] });
}

function encode(list: RevocationList): Uint8Array {
  const fields = [integerField(list.issuedAt), integerField(list.entries.length)];
  for (const e of list.entries) fields.push(textField(e.staffId), integerField(e.keyVersion), integerField(e.revokedAt));
  return canonicalBytes(REVOCATION_TAG, fields);
}

/** The canonical bytes of a list. Throws {@link CryptoError} `BAD_STATEMENT` if it is malformed. */
export function revocationListBytes(list: RevocationList): Uint8Array {
  const parsed = parseRevocationList(list);
  if (!parsed) throw new CryptoError('BAD_STATEMENT', 'the revocation list is malformed');
  return encode(parsed);
}

/** Signs a list with the organisation's secret key (admin's browser or offline CLI). */
export function signRevocationList(sodium: Sodium, orgSecretKey: Uint8Array, list: RevocationList): SignedRevocationList {
  const parsed = parseRevocationList(list);
  if (!parsed) throw new CryptoError('BAD_STATEMENT', 'the revocation list is malformed');
  return { list: parsed, signature: toB64(sodium, sodium.crypto_sign_detached(encode(parsed), orgSecretKey)) };
}

/** Why a list was not accepted. */
export type RevocationListReason = 'malformed' | 'bad-signature';

/** Verifies a list from the relay against the pinned organisation key. */
export function verifyRevocationList(
  sodium: Sodium,
  orgKey: PinnedOrgKey,
  signed: unknown,
): { ok: true; list: VerifiedRevocationList } | { ok: false; reason: RevocationListReason } {
  if (!hasExactKeys(signed, ['list', 'signature'])) return { ok: false, reason: 'malformed' };
  const list = parseRevocationList(signed.list);
  const signature = decodeFixed(sodium, signed.signature, sodium.crypto_sign_BYTES);
  if (!list || !signature) return { ok: false, reason: 'malformed' };
  if (!orgSigned(sodium, orgKey, signature, encode(list))) return { ok: false, reason: 'bad-signature' };
  return { ok: true, list: list as VerifiedRevocationList };
}

/** The entry that revokes this staff member's key version (same id, version ≤ entry's), or null. */
export function revocationFor(list: VerifiedRevocationList, key: { staffId: string; keyVersion: number }): RevocationEntry | null {
  return list.entries.find((e) => e.staffId === key.staffId && key.keyVersion <= e.keyVersion) ?? null;
}

/** Of two verified lists, the one the organisation signed later (a relay may serve an old one). */
export function newerRevocationList(a: VerifiedRevocationList | null, b: VerifiedRevocationList | null): VerifiedRevocationList | null {
  if (!a || !b) return a ?? b;
  return b.issuedAt > a.issuedAt ? b : a;
}
