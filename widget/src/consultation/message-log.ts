import type { MessageReceipt, StoredMessage } from '@tsunagari/shared';
import { lastId, mergeById } from '@tsunagari/shared/client';
import type { ChatMessage, SessionCrypto } from './types.js';
import { chatEntry, Outbox } from './outbox.js';

/** Key for a stored message. */
export const storedKey = (id: number): string => `s${id}`;

/** A log entry the server has stored (it has an id). */
export type StoredChat = ChatMessage & { id: number };

/**
 * The consultation's messages in memory: those the server stored (both senders, decrypted, one
 * copy per id, in id order) and her own still in the {@link Outbox}, after them in seq order.
 * Messages arrive twice (live, then again in a snapshot or a catch-up); her own message leaves
 * the outbox when the server acknowledges it or when its stored copy comes back first (the ack
 * lost in a drop), and keeps the text she typed either way, without decrypting it again.
 */
export class MessageLog {
  readonly outbox = new Outbox();
  private stored: StoredChat[] = [];

  /** Takes stored messages in, already opened; true when the log changed. */
  receive(opened: readonly StoredChat[]): boolean {
    const before = this.stored;
    const known = new Set(before.map((m) => m.id));
    const incoming = opened.map((m) => {
      if (m.from !== 'client' || known.has(m.id)) return m;
      const mine = this.outbox.take(m.seq);
      // The server saw her message but the ack was lost: keep what she typed if the copy does not open.
      return mine && m.text === null && !m.intake ? { ...m, ...chatEntry(mine.body) } : m;
    });
    this.stored = mergeById(before, incoming);
    return this.stored !== before;
  }

  /** The server acknowledged her message `seq`: it becomes stored with what she wrote. False when it was no longer waiting. */
  acknowledged(seq: number, receipt: MessageReceipt): boolean {
    const mine = this.outbox.take(seq);
    if (!mine) return false;
    this.stored = mergeById(this.stored, [{ ...chatEntry(mine.body), key: storedKey(receipt.id), id: receipt.id, from: 'client', seq, state: 'sent' }]);
    return true;
  }

  /** The highest stored id (0 when none): the `afterId` of a catch-up. */
  lastId(): number {
    return lastId(this.stored);
  }

  /** Everything to show, stored first, then hers on the way. */
  view(): ChatMessage[] {
    return [...this.stored, ...this.outbox.view()];
  }
}

/** Decrypts stored messages (either sender) into log entries; one that does not open keeps `text: null`. */
export function openStored(crypto: Pick<SessionCrypto, 'open'>, stored: readonly StoredMessage[]): StoredChat[] {
  return stored.map((m) => ({ ...chatEntry(crypto.open(m)), key: storedKey(m.id), id: m.id, from: m.senderRole, seq: m.seq, state: 'sent' }));
}
