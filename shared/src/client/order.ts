import { SequenceTracker } from '../crypto/message-order.js';
import type { SenderRole } from '../protocol/events/roles.js';
import type { HasSeq } from './messages.js';

/** What the receiving app tells her about the order of what arrived (calm words, no alarm). */
export interface OrderNotice {
  /** Some of the other side's messages have not arrived (a gap that nothing filled yet). */
  missing: boolean;
  /** A message arrived a second time under another id; it is shown once. */
  repeated: boolean;
}

export const NO_ORDER_NOTICE: OrderNotice = Object.freeze({ missing: false, repeated: false });

/**
 * The receiving side's check that the relay dropped or replayed nothing, over a
 * {@link SequenceTracker}. Feed it, in id order, each message that arrived under an id not seen
 * before AND decrypted (so its key epoch and seq are the sender's own, bound by the associated
 * data); the same id arriving again (a live push, then a catch-up) is the same stored row and
 * must not be fed twice.
 *
 * A repeat — a second id carrying a (sender, epoch, seq) already shown — is not shown again, and
 * noticed until the next message is shown. A gap is noticed only for `watched` (the other side):
 * her own stream has gaps of its own making while her messages wait in the outbox. A late message
 * that fills a gap takes the notice away once nothing is missing.
 */
export class MessageOrder {
  private readonly tracker = new SequenceTracker();
  private readonly epochs = new Set<number>();
  private repeated = false;

  constructor(private readonly watched: SenderRole) {}

  /** Records one decrypted message; false when it is a repeat (or not a valid seq) and must not be shown. */
  accept(m: HasSeq): boolean {
    const outcome = this.tracker.observe(m.senderRole, m.keyEpoch, m.seq);
    if (outcome.kind === 'repeat' || outcome.kind === 'invalid') {
      this.repeated = true;
      return false;
    }
    if (m.senderRole === this.watched) this.epochs.add(m.keyEpoch);
    this.repeated = false;
    return true;
  }

  /** What to tell her now. */
  notice(): OrderNotice {
    let missing = false;
    for (const epoch of this.epochs) missing ||= this.tracker.missing(this.watched, epoch).length > 0;
    return missing || this.repeated ? { missing, repeated: this.repeated } : NO_ORDER_NOTICE;
  }
}
