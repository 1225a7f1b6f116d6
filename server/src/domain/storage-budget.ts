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
 * is bounded too; `release` gives a reservation back when nothing was stored. The first read is
 * asynchronous: messages that arrive while it is on its way share it (one tally, never two that
 * would each let a message through), and the check and the reservation happen together after it.
 */
export class StorageBudget {
  private readonly tallies = new Map<string, ClientTally>();
  /** First reads on their way, so concurrent messages of one consultation wait for the same one. */
  private readonly loading = new Map<string, Promise<ClientTally>>();

  constructor(
    private readonly messages: Pick<MessageRepository, 'clientTally'>,
    private readonly limits: StorageLimits,
  ) {}

  /**
   * Reserves room for one client message of `bytes` ciphertext characters, or throws WAITING_LIMIT /
   * CONSULTATION_FULL. Synchronous once the tally is in memory (the message path's usual case); a
   * promise only while it is read from storage.
   */
  reserve(c: Consultation, bytes: number): Promise<void> | undefined {
    const tally = this.tallies.get(c.id);
    if (tally) {
      this.take(tally, c, bytes);
      return undefined;
    }
    return this.load(c.id).then((loaded) => this.take(loaded, c, bytes));
  }

  private take(tally: ClientTally, c: Consultation, bytes: number): void {
    if (c.status === 'waiting' && tally.unanswered >= 1 + this.limits.waitingMessages) throw errors.waitingLimit();
    if (tally.messages + 1 > this.limits.consultationMessages || tally.bytes + bytes > this.limits.consultationBytes) throw errors.consultationFull();
    tally.messages++;
    tally.bytes += bytes;
    tally.unanswered++;
  }

  /**
   * A consultation just started here holds nothing: its tally is known without a read (her intake,
   * sent right after the start, and every message after it are checked in memory). On several
   * nodes, a burst of new chats' first messages each read a tally otherwise (issue 17).
   */
  begun(consultationId: string): void {
    if (this.tallies.has(consultationId) || this.loading.has(consultationId)) return;
    this.keep(consultationId, { bytes: 0, messages: 0, unanswered: 0 });
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
    // Read before this answer was stored: zeroed once it arrives, after the reservations asked first.
    else void this.loading.get(consultationId)?.then(
      (loaded) => void (loaded.unanswered = 0),
      () => undefined, // a failed read keeps nothing; the next message reads again
    );
  }

  private keep(consultationId: string, tally: ClientTally): ClientTally {
    if (this.tallies.size >= TALLIES_KEPT) {
      // Maps keep insertion order: the first key is the longest-held tally.
      const oldest = this.tallies.keys().next().value;
      if (oldest !== undefined) this.tallies.delete(oldest);
    }
    this.tallies.set(consultationId, tally);
    return tally;
  }

  private load(consultationId: string): Promise<ClientTally> {
    const pending = this.loading.get(consultationId);
    if (pending) return pending;
    const loaded = this.messages.clientTally(consultationId).then(
      (stored) => {
        this.loading.delete(consultationId);
        return this.keep(consultationId, { ...stored });
      },
      (caught: unknown) => {
        this.loading.delete(consultationId);
        throw caught;
      },
    );
    this.loading.set(consultationId, loaded);
    return loaded;
  }
}
