import type { SavedGrant } from '../safety/session-store.js';
import type { RequestError } from './types.js';

/** An assignment as the server told it: who holds her chat, and since when. */
export interface Assignment {
  staffId: string;
  assignedAt: string;
}

/** The assignment her newest key epoch was sealed for (`done` once the server took the grant), and whether it was a transfer. */
export interface GrantState extends SavedGrant {
  transfer: boolean;
}

/**
 * Key grants and transfers, decided without a socket or a key (issue 13's key epochs):
 * - the same assignment again (a reconnect, a reload) whose grant the server took: keep — nothing
 *   new is sealed;
 * - the same assignment whose grant did not go through: seal again, with the same epoch;
 * - a new assignment: seal every epoch's key to her, after starting a new epoch when anyone may
 *   hold the newest key already (an earlier counselor of this session, or, as the relay says, of
 *   this consultation), so the one before cannot read what follows. Only the very first
 *   counselor of a fresh consultation gets epoch 0 as it is.
 * Whether she may have the keys at all (the statement check) is decided before any sealing.
 */
export type GrantDecision = { kind: 'keep' } | { kind: 'grant'; rotate: boolean; transfer: boolean };

/** `sealedBefore`: the relay's snapshot names an epoch already granted; `handedBack`: she waited again since the last grant. */
export function grantDecision(last: GrantState | null, next: Assignment, sealedBefore: boolean, handedBack: boolean): GrantDecision {
  if (last && last.staffId === next.staffId && last.assignedAt === next.assignedAt) {
    return last.done ? { kind: 'keep' } : { kind: 'grant', rotate: false, transfer: last.transfer };
  }
  return { kind: 'grant', rotate: last !== null || sealedBefore, transfer: last !== null || handedBack };
}

/** A failed `consultation:resume` that means the consultation is gone (ended while she was away). */
export function resumeMeansGone(error: RequestError): boolean {
  return error === 'UNKNOWN_CONSULTATION' || error === 'INVALID_STATE' || error === 'FORBIDDEN';
}
