/**
 * The closed list of error codes that a server ack may carry. Clients switch on these, so a code,
 * once shipped, keeps its meaning; add new ones rather than changing old ones.
 */
export const ERROR_CODES = [
  /** The payload did not match the event's schema. */
  'INVALID_PAYLOAD',
  /** The payload is larger than the limit for one envelope. */
  'PAYLOAD_TOO_LARGE',
  /** No consultation with that id exists for this caller. */
  'UNKNOWN_CONSULTATION',
  /** The event is not allowed for the caller's role (client, counselor, supervisor, admin). */
  'FORBIDDEN',
  /** A staff event arrived without a valid staff session. */
  'NOT_AUTHENTICATED',
  /** The consultation is not in a state that allows this (ended, not yet assigned, …). */
  'INVALID_STATE',
  /** Another counselor took the consultation first. */
  'ALREADY_TAKEN',
  /** The service is closed now (outside opening hours or a closure day). */
  'OUTSIDE_HOURS',
  /** Too many requests; try again later. */
  'RATE_LIMITED',
  /** Something failed on the server; nothing was changed. */
  'INTERNAL',
  /** The counselor already holds as many chats as her capacity allows. */
  'AT_CAPACITY',
  /** No appointment with that id or reservation code. */
  'UNKNOWN_APPOINTMENT',
  /**
   * The invitation token is unknown, already used, or expired (one code for all three, so a
   * guess learns nothing). She asks her admin for a new invitation.
   */
  'INVITE_INVALID',
  /** Argon2id parameters weaker than the server's floor (or malformed, or absurdly costly). */
  'WEAK_KDF',
  /** Another staff member (invited, enrolling or active) already has that username. */
  'USERNAME_TAKEN',
  /** No staff member with that id. */
  'UNKNOWN_STAFF',
  /**
   * The signed statement is not about what the relay holds: staff id, role, public keys or key
   * version differ from her pending enrolment (activate) or current statement (re-sign), or its
   * validity has already ended.
   */
  'STATEMENT_MISMATCH',
  /** A statement or revocation list whose signature does not verify against the organisation key. */
  'BAD_SIGNATURE',
  /** The revocation list is not newer than the one the relay publishes already. */
  'REVOCATIONS_STALE',
  /** The revocation list does not revoke the key version of the staff member being disabled. */
  'NOT_REVOKED',
  /**
   * She has sent as many messages as the relay keeps while nobody has answered her yet (her intake
   * and a few more); she can write again once a counselor replies. Nothing was stored.
   */
  'WAITING_LIMIT',
  /** This consultation holds as much of her writing as the relay keeps for one chat. Nothing was stored. */
  'CONSULTATION_FULL',
  /**
   * Her network already has as many consultations waiting or active as one network may
   * (see TSUNAGARI_OPEN_PER_CALLER); she can go on in the chat she has open, or phone.
   */
  'TOO_MANY_OPEN',
  /** The start's proof of work (ALTCHA) is missing, wrong, expired or already used; solve a fresh challenge. */
  'PROOF_REFUSED',
  /**
   * The relay's disk is full: the write was refused and nothing of it was stored. The sender may
   * try again later; staff are alerted through the relay's disk alarm.
   */
  'STORAGE_FULL',
  /** No case-log entry with that id, or it was withdrawn. */
  'UNKNOWN_CASE_LOG',
  /** The day of a case-log entry is ahead of today (Tokyo) or outside the fiscal year it may be entered in. */
  'DATE_OUT_OF_RANGE',
  /** No logged visit (home visit or accompaniment) with that id, or it was withdrawn. */
  'UNKNOWN_VISIT',
  /**
   * A home visit or accompaniment marked done without how it went (duration band; for an
   * accompaniment the kind of agency), an agency for a home visit, or visit details for an
   * appointment that is not a visit. Nothing was stored.
   */
  'VISIT_DETAILS_INVALID',
  /** The campaign named is not on the admin's list. */
  'UNKNOWN_CAMPAIGN',
  /** No distribution event with that id, or it was withdrawn. */
  'UNKNOWN_DISTRIBUTION_EVENT',
  /**
   * The appointment would start or end outside the program's opening hours, or on a weekday the
   * program is closed (issue 16, the calendar). Only a supervisor's explicit override books it.
   */
  'BOOKING_OUTSIDE_HOURS',
  /** The appointment falls on a national or substitute holiday; only a supervisor's override books it. */
  'BOOKING_HOLIDAY',
  /** The appointment falls on one of the program's closure days; only a supervisor's override books it. */
  'BOOKING_CLOSED_DAY',
  /**
   * An interview (面接) on a day other than the program's interview day (Fridays by default):
   * allowed once the one booking it confirms the warning (`offDayConfirmed`).
   */
  'NOT_INTERVIEW_DAY',
  /** The counselor already has a booked appointment overlapping that time. Nothing was stored. */
  'DOUBLE_BOOKED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every client→server event answers with one of these. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };

/** The acknowledgement callback, always the last argument of a client→server event. */
export type Ack<T> = (result: AckResult<T>) => void;

/** Builds the failed ack for a code; kept as a factory so call sites stay uniform. */
export function ackError(error: ErrorCode): { ok: false; error: ErrorCode } {
  return { ok: false, error };
}

/** Builds the successful ack. */
export function ackOk<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}
