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
