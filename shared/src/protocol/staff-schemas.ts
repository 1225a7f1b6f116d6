import { z } from 'zod';
import { MAX_REVOCATION_ENTRIES } from '../trust/revocation.js';
import { MAX_STAFF_ID_LENGTH } from '../trust/statement.js';
import { usernameSchema } from './http-schemas.js';
import { idSchema } from './schemas.js';

/**
 * Schemas of the admin's staff lifecycle events (`staff:invite`, `staff:activate`,
 * `staff:resign`, `staff:disable`). They check shape only; the canonical parse, the signature
 * against the organisation key and the match with what the relay holds are the server's domain
 * checks (and, for everyone who relies on them, the browsers' own verification).
 */

const key32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** Ed25519 signature (64 bytes), base64url. */
const signature = z.string().regex(/^[A-Za-z0-9_-]{86}$/);
const unixMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const staffRole = z.enum(['counselor', 'supervisor', 'admin']);
const staffIdText = z.string().min(1).max(MAX_STAFF_ID_LENGTH);

/** A SignedStaffStatement as JSON (see trust/statement.ts for its canonical bytes). */
export const signedStatementSchema = z.strictObject({
  statement: z.strictObject({
    staffId: staffIdText,
    role: staffRole,
    boxPublicKey: key32,
    signPublicKey: key32,
    keyVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    notBefore: unixMs,
    notAfter: unixMs,
  }),
  signature,
});

/** A SignedRevocationList as JSON (see trust/revocation.ts). */
export const signedRevocationListSchema = z.strictObject({
  list: z.strictObject({
    issuedAt: unixMs,
    entries: z
      .array(z.strictObject({ staffId: staffIdText, keyVersion: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), revokedAt: unixMs }))
      .max(MAX_REVOCATION_ENTRIES),
  }),
  signature,
});

/**
 * A name people read in the console (never sent to the widget): 1–40 characters, no control or
 * formatting characters (which could hide or reorder what the admin sees), trimmed.
 */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u);

/** Admin: invite a username (new, or disabled before: re-enabling is a new enrolment). */
export const staffInviteSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: staffRole,
});

/** Admin: sign a pending enrolment (after comparing fingerprints), or renew an active statement. */
export const staffStatementPayloadSchema = z.strictObject({
  staffId: idSchema,
  signed: signedStatementSchema,
});

/** Admin: disable a staff member with an organisation-signed list that revokes her current key version. */
export const staffDisableSchema = z.strictObject({
  staffId: idSchema,
  revocations: signedRevocationListSchema,
});

/** Admin: publish a newer organisation-signed revocation list (a fresh issue date keeps it 'current'). */
export const trustPublishSchema = z.strictObject({
  revocations: signedRevocationListSchema,
});

export type TrustPublishPayload = z.infer<typeof trustPublishSchema>;
export type SignedStatementPayload = z.infer<typeof signedStatementSchema>;
export type StaffInvitePayload = z.infer<typeof staffInviteSchema>;
export type StaffStatementPayload = z.infer<typeof staffStatementPayloadSchema>;
export type StaffDisablePayload = z.infer<typeof staffDisableSchema>;
