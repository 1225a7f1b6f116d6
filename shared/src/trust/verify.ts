import { decodeFixed, hasExactKeys } from '../crypto/canonical.js';
import type { Sodium } from '../crypto/sodium.js';
import type { StaffRole } from '../protocol/events/roles.js';
import { orgSigned, type PinnedOrgKey } from './org-key.js';
import { revocationFor, type VerifiedRevocationList } from './revocation.js';
import { parseStaffStatement, type StaffStatement, staffStatementBytes } from './statement.js';

/**
 * Deciding whether to trust a staff member's keys: the one function the widget and the console
 * call before sealing a session key (or accepting a transfer target).
 *
 * Checks, in order, and the first that fails is the answer: malformed → bad-signature (against
 * the PINNED organisation key only) → wrong-role → not-yet-valid → expired → revoked.
 *
 * Revocation and a stale or missing list: revocations are permanent, so any verified list, however
 * old, still revokes what it names. A statement the list does not name is accepted — with
 * `revocation: 'current'` when the list was issued within `maxListAgeMs` (default 7 days), else
 * `'stale'`, or `'missing'` when there is no verified list. So a relay that withholds or rolls back
 * the list can keep a revoked key trusted only until that statement's notAfter; apps show a calm
 * notice for 'stale'/'missing' to staff and may refuse on them where availability allows.
 */
export type StatementReason = 'malformed' | 'bad-signature' | 'wrong-role' | 'not-yet-valid' | 'expired' | 'revoked';

/** How much the verifier knew about revocations when it said ok. */
export type RevocationFreshness = 'current' | 'stale' | 'missing';

export type StatementVerdict =
  | { ok: true; statement: StaffStatement; revocation: RevocationFreshness }
  | { ok: false; reason: StatementReason };

export interface StatementCheck {
  /** The key pinned where the app's code comes from; never one from a relay response. */
  orgKey: PinnedOrgKey;
  /** Roles whose keys may be used here: the widget passes {@link ROLES_THE_WIDGET_SEALS_TO}. */
  acceptRoles: readonly StaffRole[];
  /** Unix ms, from the injected clock. */
  now: number;
  /** The newest verified list the app holds, or null when the relay gave none that verified. */
  revocations: VerifiedRevocationList | null;
  /** Tolerance for a device clock that is off (default {@link DEFAULT_CLOCK_SKEW_MS}). */
  clockSkewMs?: number;
  /** A list older than this is 'stale' (default {@link DEFAULT_MAX_LIST_AGE_MS}). */
  maxListAgeMs?: number;
}

/** The widget seals her session key only to counselors. */
export const ROLES_THE_WIDGET_SEALS_TO: readonly StaffRole[] = Object.freeze(['counselor']);
/** Phones' clocks drift; ten minutes either way still rejects any statement a day out of range. */
export const DEFAULT_CLOCK_SKEW_MS = 10 * 60 * 1000;
/** A revocation list older than a week is reported as stale. */
export const DEFAULT_MAX_LIST_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Verifies a signed statement (as received, untrusted) against the pinned organisation key and
 * the app's policy. On ok, use the returned `statement` — never the fields of the input or of
 * any other relay object — for the keys to seal to.
 */
export function verifyStaffStatement(sodium: Sodium, signed: unknown, check: StatementCheck): StatementVerdict {
  if (!hasExactKeys(signed, ['statement', 'signature'])) return { ok: false, reason: 'malformed' };
  const statement = parseStaffStatement(sodium, signed.statement);
  const signature = decodeFixed(sodium, signed.signature, sodium.crypto_sign_BYTES);
  if (!statement || !signature) return { ok: false, reason: 'malformed' };
  if (!orgSigned(sodium, check.orgKey, signature, staffStatementBytes(sodium, statement))) {
    return { ok: false, reason: 'bad-signature' };
  }
  if (!check.acceptRoles.includes(statement.role)) return { ok: false, reason: 'wrong-role' };
  const skew = check.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (check.now + skew < statement.notBefore) return { ok: false, reason: 'not-yet-valid' };
  if (check.now - skew >= statement.notAfter) return { ok: false, reason: 'expired' };
  if (check.revocations && revocationFor(check.revocations, statement)) return { ok: false, reason: 'revoked' };
  return { ok: true, statement, revocation: revocationFreshness(check.revocations, check.now, check.maxListAgeMs) };
}

/** 'current' when the list was issued within `maxAgeMs` of now, 'stale' when older, 'missing' without one. */
export function revocationFreshness(
  list: VerifiedRevocationList | null,
  now: number,
  maxAgeMs = DEFAULT_MAX_LIST_AGE_MS,
): RevocationFreshness {
  if (!list) return 'missing';
  return now - list.issuedAt <= maxAgeMs ? 'current' : 'stale';
}

/** Why an identity the relay named was not accepted: the statement's reasons, or another staff member's statement. */
export type IdentityReason = StatementReason | 'wrong-staff';

/**
 * Verifies a `CounselorIdentity` (as received, untrusted): its statement as
 * {@link verifyStaffStatement} does, and that the statement is about the staff member the server
 * named (`wrong-staff` otherwise: a relay cannot hand out a valid colleague's statement under
 * another id). Seal to the returned statement's boxPublicKey only.
 */
export function verifyStaffIdentity(
  sodium: Sodium,
  identity: unknown,
  check: StatementCheck,
): { ok: true; statement: StaffStatement; revocation: RevocationFreshness } | { ok: false; reason: IdentityReason } {
  if (!hasExactKeys(identity, ['staffId', 'statement'])) return { ok: false, reason: 'malformed' };
  const verdict = verifyStaffStatement(sodium, identity.statement, check);
  if (!verdict.ok) return verdict;
  return verdict.statement.staffId === identity.staffId ? verdict : { ok: false, reason: 'wrong-staff' };
}
