import type { MessageBody, StoredMessage } from '@tsunagari/shared';
import { type AckData, type ClientEvent, lastSeq, MAX_MESSAGE_CHARS, type Payload, type RequestResult, sendableText, TypingExpiry, TypingSignal } from '@tsunagari/shared/client';
import type { SavedSession } from '../safety/session-store.js';
import { MessageLog, openStored } from './message-log.js';
import type { SessionEvent } from './session-events.js';
import { type SessionCrypto, sendLimitOf } from './types.js';

/** What a {@link Conversation} needs from its session. */
export interface ConversationHost {
  /** The consultation's id, once the server gave one. */
  readonly consultationId: string | null;
  /** A verified counselor holds the key: messages and typing may flow. */
  readonly inChat: boolean;
  /** Sends a request; null once the session was disposed (the answer no longer matters). */
  request<E extends ClientEvent>(event: E, payload: Payload<E>): Promise<RequestResult<AckData<E>> | null>;
  tell(e: SessionEvent): void;
  /** What a reload needs may have changed. */
  save(): void;
}

/**
 * The messages and typing of one session: her seq in the newest key epoch, the
 * {@link MessageLog} with its outbox of sealed envelopes and its check of the counselor's seqs,
 * sending and re-sending with the same epoch and seq, decrypting what the server stored, and
 * both sides' typing.
 */
export class Conversation {
  readonly log = new MessageLog();
  /** Her highest seq so far in the newest key epoch (sent, stored or carried over a reload). */
  private seq = 0;
  /** Her typing, told to the counselor (throttled; only in a chat). */
  private readonly typing = new TypingSignal((on) => this.tellTyping(on));
  /** Takes the counselor's typing line down if her "stopped" never arrives. */
  private readonly counselorTypingExpiry = new TypingExpiry(() => this.showCounselorTyping(false));
  private counselorTyping = false;

  constructor(
    private readonly crypto: SessionCrypto,
    private readonly host: ConversationHost,
    /** Her device's clock: when she wrote a message is sealed inside it (the relay keeps only the order). */
    private readonly now: () => number = Date.now,
  ) {}

  /** After a reload: her seq so far, and what was on its way (sealed as it was), opened again to show it. */
  restore(consultationId: string, saved: Pick<SavedSession, 'seq' | 'unsent'>): void {
    this.seq = saved.seq;
    for (const u of saved.unsent) this.log.outbox.add(this.crypto.open(consultationId, { ...u, senderRole: 'client' }), u);
    if (saved.unsent.length > 0) this.tellMessages();
  }

  /** Her session key changed to a new epoch: her seqs start again from 1. */
  newEpoch(): void {
    this.seq = 0;
  }

  /** Encrypts and sends one message; false when it cannot be sent now (not in a chat, empty, too long). */
  async send(text: string): Promise<boolean> {
    const body = sendableText(text).trim();
    if (!this.host.inChat || body.length === 0 || body.length > MAX_MESSAGE_CHARS) return false;
    this.typing.stop();
    await this.post({ kind: 'text', text: body });
    return true;
  }

  /** Sends a failed message again with the same epoch and seq (the server treats it as the same one). */
  async retry(key: string): Promise<void> {
    if (!this.host.inChat) return;
    this.log.outbox.retry(key);
    this.tellMessages();
    await this.deliver(key);
  }

  /** Seals one of her messages (or her intake answers) with the next seq and the time she wrote it, and sends it. */
  async post(message: MessageBody): Promise<void> {
    const consultationId = this.host.consultationId;
    if (!consultationId) return;
    const body: MessageBody = { ...message, writtenAt: new Date(this.now()).toISOString() };
    const key = this.log.outbox.add(body, this.crypto.seal(consultationId, ++this.seq, body));
    this.tellMessages();
    this.host.save();
    await this.deliver(key);
  }

  /** Whatever she sent that the server has not acknowledged goes again, with the same seq. */
  resend(): void {
    for (const key of this.log.outbox.resendable()) void this.deliver(key);
  }

  /** Decrypts stored messages (either sender) and merges them, one copy per id, a replayed copy not at all. */
  receive(stored: readonly StoredMessage[]): void {
    const consultationId = this.host.consultationId;
    if (stored.length === 0 || !consultationId) return;
    this.seq = Math.max(this.seq, lastSeq(stored, 'client', this.crypto.epoch()));
    if (this.log.receive(openStored(this.crypto, consultationId, stored))) this.tellMessages();
  }

  /** What a reload needs of the conversation. */
  forReload(): Pick<SavedSession, 'seq' | 'unsent'> {
    return { seq: this.seq, unsent: this.log.outbox.unsent() };
  }

  /** She edited the text field (only told in a chat while connected). */
  typed(connected: boolean): void {
    if (this.host.inChat && connected) this.typing.input();
  }

  /** The counselor is writing, or stopped (or it is no longer known, as across a drop). */
  showCounselorTyping(on: boolean): void {
    this.counselorTypingExpiry.seen(this.host.consultationId ?? '', on);
    if (this.counselorTyping === on) return;
    this.counselorTyping = on;
    this.host.tell({ type: 'counselor-typing', typing: on });
  }

  /** Out of a chat (back in line, unsafe, gone): no more typing told either way, not even a late "stopped". */
  quiet(): void {
    this.typing.reset();
    this.counselorTypingExpiry.clear();
    this.showCounselorTyping(false);
  }

  private async deliver(key: string): Promise<void> {
    const entry = this.log.outbox.get(key);
    if (!entry) return;
    const r = await this.host.request('message:send', entry.envelope);
    if (!r) return;
    if (!r.ok) this.log.outbox.fail(key, r.error === 'RATE_LIMITED', sendLimitOf(r.error));
    else if (!this.log.acknowledged(key, r.data)) return;
    this.tellMessages();
    this.host.save();
  }

  private tellMessages(): void {
    this.host.tell({ type: 'messages', messages: this.log.view(), order: this.log.notice() });
  }

  private tellTyping(typing: boolean): void {
    const consultationId = this.host.consultationId;
    if (consultationId && this.host.inChat) void this.host.request('typing:set', { consultationId, typing });
  }
}
