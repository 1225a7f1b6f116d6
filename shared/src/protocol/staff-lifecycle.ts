import type { PendingStatement, SignedStaffStatement } from '../trust/statement.js';
import type { StaffRole } from './events/roles.js';

/**
 * A staff account's place in its lifecycle:
 * - `invited`: an admin invited the username; the one-time link (24 h) has not been used yet.
 * - `pending`: her browser enrolled (public keys, wrapped secret keys, login value); an admin
 *   has not yet compared fingerprints and signed her statement. She cannot log in.
 * - `active`: the relay holds an organisation-signed statement for her current keys.
 * - `disabled`: revoked; login refused. Re-enabling is a new invitation (key version + 1).
 */
export type StaffStatus = 'invited' | 'pending' | 'active' | 'disabled';

/** One line of the admins' staff directory (`staff:directory`). */
export interface StaffListing {
  staffId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  status: StaffStatus;
  /** The key version of her current (or coming) enrolment; 1 for the first. */
  keyVersion: number;
  /** What the admin signs, when `pending` (its fingerprint is compared with hers); else null. */
  pending: PendingStatement | null;
  /** The statement the relay holds, when `active` or `disabled`; else null. */
  statement: SignedStaffStatement | null;
  /** The Tokyo day she last signed in ('YYYY-MM-DD'), or null. A day only, never a time. */
  lastSignInDay: string | null;
  /** When her invitation link stops working (ISO), when `invited`; else null. */
  inviteExpiresAt: string | null;
}

/** The answer to `staff:invite`: the token goes into the link `<console URL>#invite=<token>`, shown once. */
export interface StaffInvitation {
  staffId: string;
  inviteToken: string;
  expiresAt: string;
}

/** How long an invitation link works. */
export const INVITE_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * The invitation link an admin passes on: the console's own URL with the token in the fragment,
 * which browsers never send to the host that serves the console.
 */
export function inviteLink(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/#.*$/, '')}#invite=${token}`;
}
