import type { StaffListing } from '@tsunagari/shared';
import type { IdentityReason, PendingStatement } from '@tsunagari/shared/trust';
import { tokyoDate } from './appointments.js';

/**
 * The admin's staff directory as the console shows it: each listing the relay sent, with what
 * this browser concluded about it (never what the relay says about itself). Pure: the checks
 * are made by the controller with the pinned key and handed in.
 */

/** A statement checked against the pinned organisation key (and the revocation list). */
export type StatementCheck = { ok: true; notAfter: number } | { ok: false; reason: IdentityReason };

export interface StaffRow {
  listing: StaffListing;
  /** The check of her statement (active or disabled staff); null when the relay sent none. */
  check: StatementCheck | null;
  /** A pending enrolment as parsed here, with the fingerprint computed here; null when none or unreadable. */
  pending: { statement: PendingStatement; fingerprint: string } | null;
}

/** What an admin can do to one staff member from the directory. */
export type StaffAction = 'activate' | 'renew' | 'disable';

/** A statement ending within this many days is flagged for renewal. */
export const ENDING_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Tokyo date a statement ends, days left (rounded up), and whether that is soon. */
export function validity(notAfter: number, now: number): { until: string; daysLeft: number; endingSoon: boolean } {
  const daysLeft = Math.ceil((notAfter - now) / DAY_MS);
  return { until: tokyoDate(new Date(notAfter)), daysLeft, endingSoon: daysLeft <= ENDING_SOON_DAYS };
}

/**
 * The buttons a row offers: a pending enrolment is verified and signed; an active member can be
 * renewed (only while her statement verifies: a statement this console cannot verify is never
 * re-signed, or a relay could get any keys signed by a careless click) and disabled. An invited
 * or disabled account has nothing to sign: re-inviting is the invite form's.
 */
export function actionsFor(row: StaffRow): StaffAction[] {
  switch (row.listing.status) {
    case 'pending':
      return ['activate'];
    case 'active':
      return row.check?.ok ? ['renew', 'disable'] : ['disable'];
    default:
      return [];
  }
}

/** Pending first (someone is waiting for the admin), then invited, active, disabled; by name within each. */
export function sortRows(rows: readonly StaffRow[]): StaffRow[] {
  const order = { pending: 0, invited: 1, active: 2, disabled: 3 } as const;
  return [...rows].sort((a, b) => order[a.listing.status] - order[b.listing.status] || a.listing.username.localeCompare(b.listing.username));
}
