import type { MessageReceipt, StoredMessage } from '@tsunagari/shared';
import { lastId, mergeById, MessageOrder, type OrderNotice } from '@tsunagari/shared/client';
import type { ChatMessage, SessionCrypto } from './types.js';
import { chatEntry, Outbox, pendingKey } from './outbox.js';

/** Key for a stored message. */
export const storedKey = (id: number): string => `s${id}`;

/** A log entry the server has stored (it has an id). */
export type StoredChat = ChatMessage & { id: number };

/** Whether an entry decrypted (its text, or her intake answers): only then are its epoch and seq the sender's own. */
const opened = (m: ChatMessage): boolean => m.text !== null || m.intake !== undefined;

/**
 * The consultation's messages in memory: those the server stored (both senders, decrypted, one
 * copy per id, in id order) and her own still in the {@link Outbox}, after them in epoch and seq
 * order. Messages arrive twice (live, then again in a snapshot or a catch-up): the same id is the
 * same row and is merged silently. Every new id that decrypted goes through a
 * {@link MessageOrder}: a second id carrying a (sender, epoch, seq) already shown is a replay and
 * is not shown again, and a gap in the counselor's seqs is noticed (issue 13). Her own message
 * leaves the outbox when the server acknowledges it or when its stored copy comes back first (the
 * ack lost in a drop), and keeps the text she typed either way, without decrypting it again.
 */
export class MessageLog {
  readonly outbox = new Outbox();
  private stored: StoredChat[] = [];
  private readonly order = new MessageOrder('counselor');

  /** Takes stored messages in, already opened; true when the log (or its notice) changed. */
  receive(incoming: readonly StoredChat[]): boolean {
    const before = this.stored;
    const noticeBefore = this.order.notice();
    const known = new Set(before.map((m) => m.id));
    const fresh: StoredChat[] = [];
    for (const m of [...incoming].sort((a, b) => a.id - b.id)) {
      if (known.has(m.id)) continue;
      known.add(m.id);
      if (opened(m) && !this.order.accept({ senderRole: m.from, keyEpoch: m.epoch, seq: m.seq })) continue;
      const mine = m.from === 'client' ? this.outbox.take(pendingKey(m.epoch, m.seq)) : undefined;
      // The server saw her message but the ack was lost: keep what she typed if the copy does not open.
      fresh.push(mine && !opened(m) ? { ...m, ...chatEntry(mine.body) } : m);
    }
    this.stored = mergeById(before, fresh);
    return this.stored !== before || this.order.notice() !== noticeBefore;
  }

  /** The server acknowledged her message `key`: it becomes stored with what she wrote. False when it was no longer waiting. */
  acknowledged(key: string, receipt: MessageReceipt): boolean {
    const mine = this.outbox.take(key);
    if (!mine) return false;
    const { keyEpoch: epoch, seq } = mine.envelope;
    this.order.accept({ senderRole: 'client', keyEpoch: epoch, seq });
    this.stored = mergeById(this.stored, [{ ...chatEntry(mine.body), key: storedKey(receipt.id), id: receipt.id, from: 'client', epoch, seq, state: 'sent' }]);
    return true;
  }

  /** The highest stored id (0 when none): the `afterId` of a catch-up. */
  lastId(): number {
    return lastId(this.stored);
  }

  /** Everything to show, stored first, then hers on the way: her intake answers are sent, never shown. */
  view(): ChatMessage[] {
    return [...this.stored, ...this.outbox.view()].filter((m) => !m.intake);
  }

  /** What to tell her about missing or repeated messages. */
  notice(): OrderNotice {
    return this.order.notice();
  }
}

/** Decrypts stored messages (either sender) into log entries; one that does not open keeps `text: null`. */
export function openStored(crypto: Pick<SessionCrypto, 'open'>, consultationId: string, stored: readonly StoredMessage[]): StoredChat[] {
  return stored.map((m) => ({
    ...chatEntry(crypto.open(consultationId, m)),
    key: storedKey(m.id),
    id: m.id,
    from: m.senderRole,
    epoch: m.keyEpoch,
    seq: m.seq,
    state: 'sent',
  }));
}
