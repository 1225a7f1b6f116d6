import { errors } from '../errors.js';
import type { ClientTally, MessageRepository } from '../repositories/types.js';
import type { Consultation } from './types.js';

/** What she may store: see `Limits` (waitingMessages, consultationBytes, consultationMessages). */
export interface StorageLimits {
  waitingMessages: number;
  consultationBytes: number;
  consultationMessages: number;
}

/** Tallies kept at most for this many consultations; an older one is read from the database again. */
const TALLIES_KEPT = 10_000;

/**
 * What her widget may make the relay store (issue 14): per consultation a byte and a message
 * budget, and while she waits with nobody having answered yet, her intake message and
 * `waitingMessages` more (a script that starts and then streams messages into the queue stores
 * almost nothing). "Unanswered" counts her messages since the counselor's last one, so a woman put
 * back in the queue after a conversation may add a few lines too. Counselors' messages are not
 * limited here (staff, and the flood limit holds them); they reset her unanswered count.
 *
 * Tallies live in memory, read once from the database per consultation (so a restart forgets
 * nothing), and are reserved before the write, as the flood limit is, so a burst within one turn
 * is bounded too; `release` gives a reservation back when nothing was stored.
 */
export class StorageBudget {
  private readonly tallies = new Map<string, ClientTally>();

  constructor(
    private readonly messages: Pick<MessageRepository, 'clientTally'>,
    private readonly limits: StorageLimits,
  ) {}

  /** Reserves room for one client message of `bytes` ciphertext characters, or throws WAITING_LIMIT / CONSULTATION_FULL. */
  reserve(c: Consultation, bytes: number): void {
    const tally = this.tally(c.id);
    if (c.status === 'waiting' && tally.unanswered >= 1 + this.limits.waitingMessages) throw errors.waitingLimit();
    if (tally.messages + 1 > this.limits.consultationMessages || tally.bytes + bytes > this.limits.consultationBytes) throw errors.consultationFull();
    tally.messages++;
    tally.bytes += bytes;
    tally.unanswered++;
  }

  /** Gives back a reservation whose message was not stored (a re-send, or a failed write). */
  release(consultationId: string, bytes: number): void {
    const tally = this.tallies.get(consultationId);
    if (!tally) return;
    tally.messages--;
    tally.bytes -= bytes;
    tally.unanswered--;
  }

  /** The counselor wrote: everything she sent before is answered. */
  answered(consultationId: string): void {
    const tally = this.tallies.get(consultationId);
    if (tally) tally.unanswered = 0;
  }

  private tally(consultationId: string): ClientTally {
    let tally = this.tallies.get(consultationId);
    if (tally) return tally;
    if (this.tallies.size >= TALLIES_KEPT) {
      // Maps keep insertion order: the first key is the longest-held tally.
      const oldest = this.tallies.keys().next().value;
      if (oldest !== undefined) this.tallies.delete(oldest);
    }
    tally = { ...this.messages.clientTally(consultationId) };
    this.tallies.set(consultationId, tally);
    return tally;
  }
}
