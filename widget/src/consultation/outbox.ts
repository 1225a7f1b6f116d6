import type { EnvelopePayload, MessageBody } from '@tsunagari/shared';
import { intakeOf } from '@tsunagari/shared/client';
import type { ChatMessage, SendLimit } from './types.js';

/** Key for her own message before it is acknowledged (stored ones are `s<id>`): epoch and seq. */
export const pendingKey = (epoch: number, seq: number): string => `c${epoch}.${seq}`;

/** One message of hers the server has not acknowledged: the sealed envelope and what it says. */
export interface OutboxEntry {
  /** {@link pendingKey} of its epoch and seq. */
  key: string;
  /** What she wrote (or her intake answers), shown while pending; null if it no longer opens. */
  body: MessageBody | null;
  /** Sent as it is, again and again, until acknowledged: a resend is the very same epoch and seq. */
  envelope: EnvelopePayload;
  state: 'pending' | 'failed';
  /** Failed because she sent too many too fast (RATE_LIMITED). */
  busy: boolean;
  /** Failed because the relay keeps no more of hers now (waiting) or in this chat (full). */
  limit: SendLimit | null;
}

/**
 * Her messages on their way, by epoch and seq, apart from the stored ones: sealed once, re-sent
 * with the same envelope after a drop or on her retry, and gone once the server acknowledged them
 * or a stored copy came back. No socket here; the session does the sending.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();

  /** Adds a sealed message, pending; its key. */
  add(body: MessageBody | null, envelope: EnvelopePayload): string {
    const key = pendingKey(envelope.keyEpoch, envelope.seq);
    this.entries.set(key, { key, body, envelope, state: 'pending', busy: false, limit: null });
    return key;
  }

  /** The entry for a key, if it is still on its way. */
  get(key: string): OutboxEntry | undefined {
    return this.entries.get(key);
  }

  /** Marks it failed (she may retry); `busy` when the server asked her to slow down, `limit` when it keeps no more. */
  fail(key: string, busy: boolean, limit: SendLimit | null = null): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.state = 'failed';
    e.busy = busy;
    e.limit = limit;
  }

  /** Marks a failed one pending again, for her retry. */
  retry(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.state = 'pending';
    e.busy = false;
    e.limit = null;
  }

  /** Removes and returns it: acknowledged, or its stored copy arrived. */
  take(key: string): OutboxEntry | undefined {
    const e = this.entries.get(key);
    this.entries.delete(key);
    return e;
  }

  /**
   * Keys to send again after a reconnect: all but the failed ones (those wait for her retry), and
   * her intake even when it failed: it is never shown, so she could not retry it, and without it
   * the counselor would see a gap at seq 1.
   */
  resendable(): string[] {
    return this.sorted()
      .filter((e) => e.state !== 'failed' || e.body?.kind === 'intake')
      .map((e) => e.key);
  }

  /** What a reload must carry to send them again: the sealed envelopes (no plaintext). */
  unsent(): EnvelopePayload[] {
    return this.sorted().map((e) => e.envelope);
  }

  /** Her unacknowledged messages as the log shows them, in epoch and seq order. */
  view(): ChatMessage[] {
    return this.sorted().map((e) => ({
      ...chatEntry(e.body),
      key: e.key,
      id: null,
      from: 'client',
      epoch: e.envelope.keyEpoch,
      seq: e.envelope.seq,
      state: e.state,
      ...(e.busy ? { failedBusy: true } : {}),
      ...(e.limit ? { failedLimit: e.limit } : {}),
    }));
  }

  private sorted(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.envelope.keyEpoch - b.envelope.keyEpoch || a.envelope.seq - b.envelope.seq);
  }
}

/**
 * The text (or intake answers) of a body as a log entry carries them, with the time it was written
 * from inside the body; a body sealed before times moved there has none, and none is shown.
 */
export function chatEntry(body: MessageBody | null): Pick<ChatMessage, 'text' | 'intake' | 'writtenAt'> {
  const time = body?.writtenAt ? { writtenAt: body.writtenAt } : {};
  const intake = body && intakeOf(body);
  if (intake) return { text: null, intake, ...time };
  return { text: body?.kind === 'text' ? body.text : null, ...time };
}
