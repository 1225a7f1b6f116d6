import type { ErrorCode } from '@tsunagari/shared';
import { ERROR_CODES } from '@tsunagari/shared';

/** A failure with a stable code from the protocol's closed list. Domain modules throw these. */
export class DomainError extends Error {
  constructor(readonly code: ErrorCode, detail?: string) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}

/** Factories, so call sites read as what went wrong. */
export const errors = {
  unknownConsultation: () => new DomainError('UNKNOWN_CONSULTATION'),
  unknownAppointment: () => new DomainError('UNKNOWN_APPOINTMENT'),
  forbidden: (detail?: string) => new DomainError('FORBIDDEN', detail),
  invalidState: (detail?: string) => new DomainError('INVALID_STATE', detail),
  alreadyTaken: () => new DomainError('ALREADY_TAKEN'),
  notAuthenticated: () => new DomainError('NOT_AUTHENTICATED'),
  rateLimited: () => new DomainError('RATE_LIMITED'),
  outsideHours: () => new DomainError('OUTSIDE_HOURS'),
  invalidPayload: (detail?: string) => new DomainError('INVALID_PAYLOAD', detail),
  inviteInvalid: () => new DomainError('INVITE_INVALID'),
  weakKdf: (detail?: string) => new DomainError('WEAK_KDF', detail),
  usernameTaken: () => new DomainError('USERNAME_TAKEN'),
  unknownStaff: () => new DomainError('UNKNOWN_STAFF'),
  statementMismatch: (detail?: string) => new DomainError('STATEMENT_MISMATCH', detail),
  badSignature: () => new DomainError('BAD_SIGNATURE'),
  revocationsStale: () => new DomainError('REVOCATIONS_STALE'),
  notRevoked: (detail?: string) => new DomainError('NOT_REVOKED', detail),
  waitingLimit: () => new DomainError('WAITING_LIMIT'),
  consultationFull: () => new DomainError('CONSULTATION_FULL'),
  tooManyOpen: () => new DomainError('TOO_MANY_OPEN'),
  proofRefused: (detail?: string) => new DomainError('PROOF_REFUSED', detail),
  unknownCaseLog: () => new DomainError('UNKNOWN_CASE_LOG'),
  dateOutOfRange: (detail?: string) => new DomainError('DATE_OUT_OF_RANGE', detail),
  unknownVisit: () => new DomainError('UNKNOWN_VISIT'),
  visitDetailsInvalid: (detail?: string) => new DomainError('VISIT_DETAILS_INVALID', detail),
  unknownCampaign: () => new DomainError('UNKNOWN_CAMPAIGN'),
  unknownDistributionEvent: () => new DomainError('UNKNOWN_DISTRIBUTION_EVENT'),
  bookingOutsideHours: () => new DomainError('BOOKING_OUTSIDE_HOURS'),
  bookingHoliday: () => new DomainError('BOOKING_HOLIDAY'),
  bookingClosedDay: () => new DomainError('BOOKING_CLOSED_DAY'),
  notInterviewDay: () => new DomainError('NOT_INTERVIEW_DAY'),
  doubleBooked: () => new DomainError('DOUBLE_BOOKED'),
};

const known = new Set<string>(ERROR_CODES);

/**
 * Normalises any caught value to a protocol error code. Only {@link DomainError}s keep their
 * code; everything else is INTERNAL, and `unexpected` says whether it should be logged.
 */
export function toErrorCode(caught: unknown): { code: ErrorCode; unexpected: boolean } {
  if (caught instanceof DomainError && known.has(caught.code)) return { code: caught.code, unexpected: false };
  // SQLite rolled the write back (its transaction failed whole): a coded refusal, and logged.
  if (isDiskFull(caught)) return { code: 'STORAGE_FULL', unexpected: true };
  return { code: 'INTERNAL', unexpected: true };
}

/** A loggable description of an unexpected error: name and stack only, never its data. */
export function describeError(caught: unknown): { name: string; stack?: string } {
  if (caught instanceof Error) return { name: caught.name, ...(caught.stack ? { stack: caught.stack } : {}) };
  return { name: typeof caught };
}

/**
 * A write that found no space: better-sqlite3's SQLITE_FULL (the disk, or the file's page limit),
 * or PostgreSQL's SQLSTATE 53100 disk_full (node-postgres puts the SQLSTATE in `code`).
 */
export function isDiskFull(caught: unknown): boolean {
  const code = (caught as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}
