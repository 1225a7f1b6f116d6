import type { RequestError } from './types.js';

/**
 * Key grants and transfers, decided without a socket. The session key goes only to a counselor
 * the pinned organisation key has signed; a second assignment to someone else is a transfer and
 * she gets the key too; the same counselor again (a reconnect) gets nothing new.
 */
export type GrantDecision = { kind: 'skip' } | { kind: 'unsafe' } | { kind: 'grant'; transfer: boolean };

/** `verify` runs only when a grant is in question (not for the counselor who already holds the key). */
export function grantDecision(grantedTo: string | null, staffId: string, verify: () => boolean): GrantDecision {
  if (grantedTo === staffId) return { kind: 'skip' };
  if (!verify()) return { kind: 'unsafe' };
  return { kind: 'grant', transfer: grantedTo !== null };
}

/** A failed `consultation:resume` that means the consultation is gone (ended while she was away). */
export function resumeMeansGone(error: RequestError): boolean {
  return error === 'UNKNOWN_CONSULTATION' || error === 'INVALID_STATE' || error === 'FORBIDDEN';
}
