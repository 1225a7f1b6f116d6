import type { Ack } from '../errors.js';
import type { EmptyPayload } from '../schemas.js';
import { emptySchema } from '../schemas.js';
import type { StaffInvitation, StaffListing } from '../staff-lifecycle.js';
import type { StaffDisablePayload, StaffInvitePayload, StaffStatementPayload, TrustPublishPayload } from '../staff-schemas.js';
import { staffDisableSchema, staffInviteSchema, staffStatementPayloadSchema, trustPublishSchema } from '../staff-schemas.js';
import type { Role } from './roles.js';

/**
 * The admin's staff lifecycle and trust: `staff:invite`, `staff:directory`, `staff:activate`,
 * `staff:resign`, `staff:disable` and `trust:*` (organisation-signed statements and revocations).
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** Events a browser sends, in this part (the ack is always last). */
export interface StaffAdminClientEvents {
  /**
   * Admin: invite a username (display name, role). The relay keeps only a hash of the one-time
   * token (24 h). A new username, or one whose account is invited, pending (enrolment restarted,
   * e.g. after a fingerprint mismatch) or disabled (re-enabling, key version + 1); an active one
   * → USERNAME_TAKEN.
   */
  'staff:invite': (payload: StaffInvitePayload, ack: Ack<StaffInvitation>) => void;
  /** Admin: every staff account with status, statement or pending keys, and last sign-in day. */
  'staff:directory': (payload: EmptyPayload, ack: Ack<{ staff: StaffListing[] }>) => void;
  /**
   * Admin: the signed statement for a pending enrolment. It must match the pending keys, staff id,
   * role and key version exactly (STATEMENT_MISMATCH) and verify against the organisation key
   * (BAD_SIGNATURE). She can log in from then on; `trust:changed` is pushed.
   */
  'staff:activate': (payload: StaffStatementPayload, ack: Ack<StaffListing>) => void;
  /** Admin: a renewed statement for an active staff member (same keys, role and key version). */
  'staff:resign': (payload: StaffStatementPayload, ack: Ack<StaffListing>) => void;
  /**
   * Admin: disable with an organisation-signed revocation list that is newer than the published
   * one (REVOCATIONS_STALE) and revokes her current key version (NOT_REVOKED). At once: login
   * refused, her sessions ended and sockets closed, out of routing, her chats back at the front
   * of the queue, the list published, `trust:changed` pushed.
   */
  'staff:disable': (payload: StaffDisablePayload, ack: Ack<StaffListing>) => void;
  /**
   * Admin: publish a newer revocation list without disabling anyone, e.g. the same entries with a
   * fresh issue date (browsers call a list older than 7 days 'stale'). It must verify
   * (BAD_SIGNATURE), be newer (REVOCATIONS_STALE) and keep every revocation already published and
   * every disabled account's (NOT_REVOKED). `trust:changed` is pushed.
   */
  'trust:publish': (payload: TrustPublishPayload, ack: Ack<{ issuedAt: number }>) => void;
}

/** Events the server pushes, in this part. */
export interface StaffAdminServerEvents {
  /**
   * Staff: a statement was signed or renewed, someone was disabled, or the revocation list
   * changed. Consoles fetch the revocation list again (and admins their directory).
   */
  'trust:changed': (payload: Record<string, never>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const staffAdminSchemas = {
  'staff:invite': staffInviteSchema,
  'staff:directory': emptySchema,
  'staff:activate': staffStatementPayloadSchema,
  'staff:resign': staffStatementPayloadSchema,
  'staff:disable': staffDisableSchema,
  'trust:publish': trustPublishSchema,
} as const satisfies Record<keyof StaffAdminClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const staffAdminRoles = {
  'staff:invite': ['admin'],
  'staff:directory': ['admin'],
  'staff:activate': ['admin'],
  'staff:resign': ['admin'],
  'staff:disable': ['admin'],
  'trust:publish': ['admin'],
} as const satisfies Record<keyof StaffAdminClientEvents, readonly Role[]>;
