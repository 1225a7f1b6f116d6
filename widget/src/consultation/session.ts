import type { ConsultationSnapshot, CounselorIdentity, EndReason, MessageBody, SenderRole, StoredMessage } from '@tsunagari/shared';
import { type ClientEvent, hasAnswers, lastSeq, MAX_MESSAGE_CHARS, type Payload, TypingExpiry, TypingSignal } from '@tsunagari/shared/client';
import type { SessionDeps, SocketStatusEvent } from './types.js';
import type { SavedSession } from '../safety/session-store.js';
import { MessageLog, openStored } from './message-log.js';
import { createCode, openByCode } from './resume-requests.js';
import type { Opening, SessionEvent } from './session-events.js';
import { grantDecision, resumeMeansGone } from './transfer.js';
import type { ShownError } from './view.js';

/** Where the session is; the view adds `idle` and `ended` around it. */
type Stage = 'opening' | 'waiting' | 'chat' | 'unsafe';

export interface SessionOptions {
  /** Give up when no place in line (or no consultation for the code) came within this long. */
  connectTimeoutMs?: number;
}

/**
 * One consultation over one connection: the socket and the session key (`deps`), her ids once
 * known, her seq, and a {@link MessageLog} whose outbox holds her sealed envelopes until the
 * server acknowledges them. It speaks the protocol (start or open, resume after a drop, key
 * grants, messages, typing) and tells its controller what happened as {@link SessionEvent}s.
 *
 * Disposed on teardown (end, quick exit, refusal, the element leaving the page): it then closes
 * the socket, wipes the key and ignores everything still in flight, so a stale session cannot
 * act or be heard. That one `stopped` check replaces a guard at every await.
 *
 * Ready for what comes next: the other side's seq check (issue 13) belongs in {@link receive},
 * a key epoch next to the grant in {@link grant} (and in {@link forReload}); what a reload keeps
 * (issue 15) is {@link forReload} alone.
 */
export class ConsultationSession {
  private stage: Stage = 'opening';
  private stopped = false;
  private connected = false;
  /** The opening was sent (a reconnect meanwhile must not start a second consultation). */
  private opened = false;
  private consultationId: string | null = null;
  private clientToken: string | null = null;
  /** The counselor who holds the key now (null while she waits). */
  private grantedTo: string | null = null;
  /** Handed back to the queue since the last grant: the next counselor is a transfer. */
  private handedBack = false;
  /** Her highest seq so far (sent, stored or reserved). */
  private seq = 0;
  private readonly log = new MessageLog();
  /** Her typing, told to the counselor (throttled; only in a chat). */
  private readonly typing = new TypingSignal((on) => this.tellTyping(on));
  /** Takes the counselor's typing line down if her "stopped" never arrives. */
  private readonly counselorTypingExpiry = new TypingExpiry(() => this.showCounselorTyping(false));
  private counselorTyping = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last record told to the controller to save, as JSON. */
  private lastSaved = '';

  constructor(
    private readonly deps: SessionDeps,
    private readonly opening: Opening,
    private readonly listener: (e: SessionEvent) => void,
    private readonly options: SessionOptions = {},
  ) {
    if (opening.kind !== 'saved') return;
    const { saved } = opening;
    deps.crypto.importKey(saved.key);
    this.consultationId = saved.consultationId;
    this.clientToken = saved.clientToken;
    this.seq = saved.seq;
    for (const u of saved.unsent) this.log.outbox.add(u.seq, u.body, deps.crypto.seal(saved.consultationId, u.seq, u.body));
  }

  /** Listens to the socket (which connects by itself) and starts the clock on the first connection. */
  begin(): void {
    const { socket } = this.deps;
    const mine = (id: string): boolean => !this.stopped && id === this.consultationId && this.stage !== 'unsafe';
    socket.onStatus((e) => void this.onStatus(e));
    socket.on('queue:position', (p) => {
      if (mine(p.consultationId) && this.stage === 'waiting') {
        this.tell({ type: 'position', position: p.position, estimatedWaitSeconds: p.estimatedWaitSeconds ?? null, showAlternatives: p.showAlternatives === true });
      }
    });
    socket.on('consultation:assigned', (a) => mine(a.consultationId) && void this.grant(a.counselor));
    socket.on('message:new', (m) => {
      if (!mine(m.consultationId) || m.senderRole !== 'counselor') return;
      this.showCounselorTyping(false);
      this.receive([m]);
    });
    socket.on('consultation:requeued', (r) => mine(r.consultationId) && this.requeue());
    socket.on('typing:changed', (t) => {
      if (mine(t.consultationId) && t.role === 'counselor') this.showCounselorTyping(t.typing && this.stage === 'chat');
    });
    socket.on('consultation:ended', (e) => {
      if (!this.stopped && e.consultationId === this.consultationId) this.over(e.endedBy, e.reason);
    });
    if (this.log.outbox.unsent().length > 0) this.tellMessages();
    if (this.options.connectTimeoutMs !== undefined) {
      this.connectTimer = setTimeout(() => this.stage === 'opening' && this.refuse('TIMEOUT'), this.options.connectTimeoutMs);
    }
  }

  /** Encrypts and sends one message; false when it cannot be sent now (not in a chat, empty, too long). */
  async send(text: string): Promise<boolean> {
    const body = text.trim();
    if (this.stopped || this.stage !== 'chat' || body.length === 0 || body.length > MAX_MESSAGE_CHARS) return false;
    this.typing.stop();
    await this.post({ kind: 'text', text: body });
    return true;
  }

  /** Sends a failed message again with the same seq (the server treats it as the same one). */
  async retry(seq: number): Promise<void> {
    if (this.stopped || this.stage !== 'chat') return;
    this.log.outbox.retry(seq);
    this.tellMessages();
    await this.deliver(seq);
  }

  /** She edited the text field: the counselor sees that she is writing (never outside a chat). */
  typed(): void {
    if (!this.stopped && this.stage === 'chat' && this.connected) this.typing.input();
  }

  /** Makes a resume code for this consultation and registers it; null when that failed. */
  async createResumeCode(): Promise<{ code: string; expiresAt: string } | null> {
    const id = this.consultationId;
    if (this.stopped || !id) return null;
    const made = await createCode(this.deps, id);
    return this.stopped ? null : made;
  }

  /** Her end button: tells the server (whatever it answers, the controller then wipes). */
  async end(): Promise<void> {
    const id = this.consultationId;
    if (!this.stopped && id) await this.deps.socket.request('consultation:end', { consultationId: id });
  }

  /** Quick exit: falls silent at once, tells the server she left (waiting at most `waitMs`), then disposes. */
  async leave(waitMs: number): Promise<void> {
    const id = this.consultationId;
    this.stop();
    if (id) {
      const told = this.deps.socket.request('consultation:quick-exit', { consultationId: id }).catch(() => undefined);
      await Promise.race([told, new Promise((resolve) => setTimeout(resolve, waitMs))]);
    }
    this.dispose();
  }

  /** Closes the socket and zeroes the key; nothing it started may act or be heard after this. */
  dispose(): void {
    this.stop();
    this.deps.crypto.wipe();
    this.deps.socket.close();
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.connectTimer);
    this.typing.reset();
    this.counselorTypingExpiry.clear();
  }

  private tell(e: SessionEvent): void {
    if (!this.stopped) this.listener(e);
  }

  private async onStatus(e: SocketStatusEvent): Promise<void> {
    if (this.stopped) return;
    this.connected = e.type === 'connected';
    if (e.type !== 'connected') {
      // Whether the counselor is still writing is not known across a drop (hers ends by its idle timer).
      this.showCounselorTyping(false);
      return this.tell({ type: 'connection', status: e.type });
    }
    this.tell({ type: 'connection', status: 'connected' });
    if (this.stage === 'unsafe') return;
    if (this.consultationId) return this.resume();
    if (this.opened) return;
    this.opened = true;
    if (this.opening.kind === 'start') return this.requestStart(this.opening);
    if (this.opening.kind === 'code') return this.openWithCode(this.opening.code);
  }

  private async requestStart({ campaign, urgent, intake }: Extract<Opening, { kind: 'start' }>): Promise<void> {
    const r = await this.request('consultation:start', { ...(campaign ? { campaign } : {}), ...(urgent ? { urgent: true } : {}) });
    if (!r) return;
    if (!r.ok) return this.refuse(r.error);
    clearTimeout(this.connectTimer);
    this.consultationId = r.data.consultationId;
    this.clientToken = r.data.clientToken;
    this.stage = 'waiting';
    this.tell({ type: 'waiting', position: r.data.position, requeued: false });
    this.save();
    // Her answers travel as the first encrypted message, so only the counselor learns them.
    if (hasAnswers(intake)) await this.post({ kind: 'intake', ...intake });
  }

  private async openWithCode(code: string): Promise<void> {
    const r = await openByCode(this.deps, code);
    if (this.stopped) return;
    if (!r.ok) return this.refuse(r.error);
    clearTimeout(this.connectTimer);
    this.consultationId = r.consultationId;
    this.clientToken = r.clientToken;
    await this.applySnapshot(r.snapshot);
  }

  /** After a reconnect or reload: reattach, then catch up on anything missed while away. */
  private async resume(): Promise<void> {
    const { consultationId, clientToken } = this;
    if (!consultationId || !clientToken) return;
    const r = await this.request('consultation:resume', { consultationId, clientToken });
    if (!r) return;
    if (!r.ok) return resumeMeansGone(r.error) ? this.over(null, 'abandoned') : this.tell({ type: 'error', error: r.error });
    clearTimeout(this.connectTimer);
    await this.applySnapshot(r.data);
  }

  private async applySnapshot(s: ConsultationSnapshot): Promise<void> {
    const consultationId = this.consultationId;
    if (!consultationId) return;
    if (s.status === 'ended') return this.over(null, null);
    this.tell({ type: 'error', error: null });
    if (s.status === 'waiting') {
      // Handed back to the queue while she was away.
      if (this.stage === 'chat') this.requeue();
      this.stage = 'waiting';
      // After a reload the snapshot is all she has to go on: keep the line that says why she waits again.
      this.handedBack ||= s.requeued;
      this.tell({ type: 'waiting', position: s.position, requeued: this.handedBack });
    }
    this.receive(s.messages);
    this.save();
    if (s.counselor) await this.grant(s.counselor);
    const list = await this.request('message:list', { consultationId, afterId: this.log.lastId() });
    if (!list) return;
    if (list.ok) this.receive(list.data.messages);
    this.save();
    // Whatever she sent that the server has not acknowledged goes again, with the same seq.
    for (const seq of this.log.outbox.resendable()) void this.deliver(seq);
  }

  /**
   * Seals the session key to the counselor, but only if the organisation signed her keys. A
   * second assignment for the same consultation is a transfer: the new counselor gets the key too.
   */
  private async grant(counselor: CounselorIdentity): Promise<void> {
    const consultationId = this.consultationId;
    if (!consultationId) return;
    const decision = grantDecision(this.grantedTo, counselor.staffId, () => this.deps.crypto.verify(counselor));
    if (decision.kind === 'skip') return;
    if (decision.kind === 'unsafe') {
      this.stage = 'unsafe';
      this.typing.reset();
      return this.tell({ type: 'unsafe' });
    }
    const sealedKey = this.deps.crypto.sealKeyFor(counselor);
    const r = await this.request('key:grant', { consultationId, staffId: counselor.staffId, sealedKey });
    if (!r) return;
    if (!r.ok) return this.tell({ type: 'error', error: r.error });
    this.grantedTo = counselor.staffId;
    this.stage = 'chat';
    const transferred = decision.transfer || this.handedBack;
    this.handedBack = false;
    this.tell({ type: 'chat', transferred });
    this.save();
  }

  /**
   * Her counselor left (past her grace) or handed her back to the queue: she waits again, with
   * her history and the session key kept. Whoever takes her next is checked against the
   * organisation signature and gets the key sealed anew, even the same counselor again.
   */
  private requeue(): void {
    if (this.stage !== 'chat' && this.stage !== 'waiting') return;
    this.typing.reset();
    this.showCounselorTyping(false);
    this.grantedTo = null;
    this.handedBack = true;
    this.stage = 'waiting';
    this.tell({ type: 'requeued' });
  }

  /** Seals one of her messages (or her intake answers) with the next seq, and sends it. */
  private async post(body: MessageBody): Promise<void> {
    const consultationId = this.consultationId;
    if (!consultationId) return;
    const seq = ++this.seq;
    this.log.outbox.add(seq, body, this.deps.crypto.seal(consultationId, seq, body));
    this.tellMessages();
    this.save();
    await this.deliver(seq);
  }

  private async deliver(seq: number): Promise<void> {
    const envelope = this.log.outbox.envelope(seq);
    if (!envelope) return;
    const r = await this.request('message:send', envelope);
    if (!r) return;
    if (!r.ok) this.log.outbox.fail(seq, r.error === 'RATE_LIMITED');
    else if (!this.log.acknowledged(seq, r.data)) return;
    this.tellMessages();
    this.save();
  }

  /** Decrypts stored messages (either sender) and merges them, one copy per id. */
  private receive(stored: readonly StoredMessage[]): void {
    if (stored.length === 0) return;
    this.seq = Math.max(this.seq, lastSeq(stored, 'client'));
    if (this.log.receive(openStored(this.deps.crypto, stored))) this.tellMessages();
  }

  private tellMessages(): void {
    this.tell({ type: 'messages', messages: this.log.view() });
  }

  private tellTyping(typing: boolean): void {
    const consultationId = this.consultationId;
    if (this.stopped || !consultationId || this.stage !== 'chat') return;
    void this.request('typing:set', { consultationId, typing });
  }

  private showCounselorTyping(on: boolean): void {
    this.counselorTypingExpiry.seen(this.consultationId ?? '', on);
    if (this.counselorTyping === on) return;
    this.counselorTyping = on;
    this.tell({ type: 'counselor-typing', typing: on });
  }

  /** What a reload of this tab needs, while she waits or chats; null otherwise. */
  private forReload(): SavedSession | null {
    const { consultationId, clientToken } = this;
    if (!consultationId || !clientToken || (this.stage !== 'waiting' && this.stage !== 'chat')) return null;
    let key: string;
    try {
      key = this.deps.crypto.exportKey();
    } catch {
      return null;
    }
    return { v: 1, consultationId, clientToken, key, seq: this.seq, unsent: this.log.outbox.unsent() };
  }

  /** Tells the controller to save, only when what a reload needs has changed. */
  private save(): void {
    const saved = this.forReload();
    const json = saved ? JSON.stringify(saved) : '';
    if (!saved || json === this.lastSaved) return;
    this.lastSaved = json;
    this.tell({ type: 'save', saved });
  }

  /** A request that answers null once the session was disposed (its result no longer matters). */
  private async request<E extends ClientEvent>(event: E, payload: Payload<E>) {
    const r = await this.deps.socket.request(event, payload);
    return this.stopped ? null : r;
  }

  /** Disposes, then says why (the one event heard after stopping). */
  private refuse(error: ShownError): void {
    if (this.stopped) return;
    this.dispose();
    this.listener({ type: 'refused', error });
  }

  private over(endedBy: SenderRole | null, reason: EndReason | null): void {
    if (this.stopped) return;
    this.dispose();
    this.listener({ type: 'ended', endedBy, reason });
  }
}
