import type { EnvelopePayload, MessageBody } from '@tsunagari/shared';
import { intakeOf } from '@tsunagari/shared/client';
import type { ChatMessage } from './types.js';
import type { SavedSession } from '../safety/session-store.js';

/** Key for her own message before it is acknowledged (stored ones are `s<id>`). */
export const pendingKey = (seq: number): string => `c${seq}`;

/** One message of hers the server has not acknowledged: the sealed envelope and what it says. */
export interface OutboxEntry {
  seq: number;
  /** What she wrote (or her intake answers): shown while pending, and carried over a reload. */
  body: MessageBody;
  /** Sent as it is, again and again, until acknowledged: a resend is the very same seq. */
  envelope: EnvelopePayload;
  state: 'pending' | 'failed';
  /** Failed because she sent too many too fast (RATE_LIMITED). */
  busy: boolean;
}

/**
 * Her messages on their way, by seq, apart from the stored ones: sealed once, re-sent with the
 * same envelope after a drop or on her retry, and gone once the server acknowledged them or a
 * stored copy came back. No socket here; the session does the sending.
 */
export class Outbox {
  private readonly entries = new Map<number, OutboxEntry>();

  /** Adds a sealed message, pending. */
  add(seq: number, body: MessageBody, envelope: EnvelopePayload): void {
    this.entries.set(seq, { seq, body, envelope, state: 'pending', busy: false });
  }

  /** The envelope to send for `seq`, if it is still on its way. */
  envelope(seq: number): EnvelopePayload | undefined {
    return this.entries.get(seq)?.envelope;
  }

  /** Marks it failed (she may retry); `busy` when the server asked her to slow down. */
  fail(seq: number, busy: boolean): void {
    const e = this.entries.get(seq);
    if (!e) return;
    e.state = 'failed';
    e.busy = busy;
  }

  /** Marks a failed one pending again, for her retry. */
  retry(seq: number): void {
    const e = this.entries.get(seq);
    if (!e) return;
    e.state = 'pending';
    e.busy = false;
  }

  /** Removes and returns it: acknowledged, or its stored copy arrived. */
  take(seq: number): OutboxEntry | undefined {
    const e = this.entries.get(seq);
    this.entries.delete(seq);
    return e;
  }

  /** Seqs to send again after a reconnect: all but the failed ones (those wait for her retry). */
  resendable(): number[] {
    return this.sorted()
      .filter((e) => e.state !== 'failed')
      .map((e) => e.seq);
  }

  /** What a reload must carry to send them again with the same seqs. */
  unsent(): SavedSession['unsent'] {
    return this.sorted().map(({ seq, body }) => ({ seq, body }));
  }

  /** Her unacknowledged messages as the log shows them, in seq order. */
  view(): ChatMessage[] {
    return this.sorted().map((e) => ({ ...chatEntry(e.body), key: pendingKey(e.seq), id: null, from: 'client', seq: e.seq, state: e.state, ...(e.busy ? { failedBusy: true } : {}) }));
  }

  private sorted(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }
}

/** The text (or intake answers) of a body as a log entry carries them. */
export function chatEntry(body: MessageBody | null): Pick<ChatMessage, 'text' | 'intake'> {
  const intake = body && intakeOf(body);
  if (intake) return { text: null, intake };
  return { text: body?.kind === 'text' ? body.text : null };
}
