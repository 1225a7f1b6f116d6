import type { EnvelopePayload, SenderRole, StoredMessage } from '@tsunagari/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errors } from '../errors.js';
import { MessageBatcher } from '../repositories/message-batcher.js';
import type { MessageRepository } from '../repositories/types.js';
import { StorageBudget, type StorageLimits } from './storage-budget.js';
import type { Actor, Consultation } from './types.js';

/**
 * New messages one sender may add to one consultation per window: far more than anyone typing or
 * pasting sends, so only a runaway or hostile client meets it (it would fill the counselor's
 * screen and the disk). Re-sends of a stored message never count.
 */
export const MESSAGE_FLOOD = { points: 30, seconds: 10 } as const;

type Sent = { message: StoredMessage; created: boolean };

/**
 * Storing envelopes: once per (sender, key epoch, seq), committed before anyone is told, within the
 * flood limit. No time is stored with them (issue 15): the sender's device seals when she wrote it
 * inside the ciphertext, and the relay keeps only the order (the row's id).
 */
export class MessageService {
  private readonly writer: MessageBatcher;
  private readonly flood = new RateLimiterMemory({ keyPrefix: 'messages', points: MESSAGE_FLOOD.points, duration: MESSAGE_FLOOD.seconds });

  private readonly storage: StorageBudget;

  constructor(
    private readonly messages: MessageRepository,
    limits: StorageLimits,
  ) {
    this.writer = new MessageBatcher(messages);
    this.storage = new StorageBudget(messages, limits);
  }

  /**
   * Stores one envelope (committed with the others of this event-loop turn). The same (sender,
   * key epoch, seq) sent twice is stored once: re-sends are safe. The epoch and seq are checked
   * for shape only (the schema): which keys exist is for the receivers to know, not the relay. More than {@link MESSAGE_FLOOD} new messages
   * from one sender in a window are refused with RATE_LIMITED and nothing is stored; her messages
   * past her {@link StorageBudget} are refused with WAITING_LIMIT or CONSULTATION_FULL. A re-send
   * of a stored message is answered whatever the limits say. Her first message (seq 1 of epoch 0:
   * the intake her widget sends by itself at every start) does not count towards the flood limit.
   * `queued` is called once the envelope is queued for its turn's commit (the caller's next
   * message may go ahead from there: see `socket/arrival-order.ts`).
   */
  async send(c: Consultation, actor: Actor, envelope: EnvelopePayload, queued?: () => void): Promise<Sent> {
    if (c.status === 'ended') throw errors.invalidState('consultation ended');
    if (actor.role === 'counselor' && c.status !== 'active') throw errors.invalidState('not active');
    const senderRole: SenderRole = actor.role;
    const floodKey = `${c.id}:${senderRole}`;
    const counted = !(senderRole === 'client' && envelope.keyEpoch === 0 && envelope.seq === 1);
    try {
      // Counted before the write, so a burst in one turn is bounded too; refunded below for a re-send.
      if (counted) await this.flood.consume(floodKey);
    } catch (caught) {
      if (!(caught instanceof RateLimiterRes)) throw caught;
      // Over the limit, a re-send of what is already stored is still answered (its ack was lost).
      const stored = await this.messages.bySeq(c.id, senderRole, envelope.keyEpoch, envelope.seq);
      if (!stored) throw errors.rateLimited();
      return sameEnvelope({ message: stored, created: false }, envelope);
    }
    const bytes = envelope.ciphertext.length;
    if (senderRole === 'client') {
      try {
        const loading = this.storage.reserve(c, bytes);
        if (loading) await loading;
      } catch (caught) {
        if (counted) void this.flood.reward(floodKey, 1);
        const stored = await this.messages.bySeq(c.id, senderRole, envelope.keyEpoch, envelope.seq);
        if (!stored) throw caught;
        return sameEnvelope({ message: stored, created: false }, envelope);
      }
    }
    let result: Sent;
    try {
      const written = this.writer.write({
        consultationId: c.id,
        senderRole,
        senderStaffId: actor.role === 'counselor' ? actor.staffId : null,
        keyEpoch: envelope.keyEpoch,
        seq: envelope.seq,
        nonce: envelope.nonce,
        ciphertext: envelope.ciphertext,
      });
      queued?.();
      result = await written;
    } catch (caught) {
      if (senderRole === 'client') this.storage.release(c.id, bytes);
      throw caught;
    }
    if (!result.created) {
      if (counted) void this.flood.reward(floodKey, 1);
      if (senderRole === 'client') this.storage.release(c.id, bytes);
    } else if (senderRole === 'counselor') this.storage.answered(c.id);
    return sameEnvelope(result, envelope);
  }

  /** A consultation this node just started: it holds no message yet (see {@link StorageBudget.begun}). */
  begun(consultationId: string): void {
    this.storage.begun(consultationId);
  }

  /** Commits messages still waiting for their turn's transaction (shutdown). */
  flushWrites(): Promise<void> {
    return this.writer.flush();
  }
}

/** A re-send must be the same envelope; another one under a used seq would be a replay. */
function sameEnvelope(result: Sent, envelope: EnvelopePayload): Sent {
  if (!result.created && (result.message.nonce !== envelope.nonce || result.message.ciphertext !== envelope.ciphertext)) {
    throw errors.invalidState('sequence number already used');
  }
  return result;
}
