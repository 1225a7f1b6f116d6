import type { ConsultationEnded, ConsultationSnapshot, CounselorIdentity, EndReason, SenderRole, StoredMessage } from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage, ConnectionStatus, IntakeAnswers, Phase, SessionDeps, SocketStatusEvent } from './consultation-types.js';
import { MAX_MESSAGE_CHARS, TypingExpiry, TypingSignal } from '@tsunagari/shared/client';
import { hasAnswers } from '@tsunagari/shared/client';
import { nextSeq, openStored, sealOutgoing, seqsToResend, unsentForSave } from './consultation/outbox.js';
import { createCode, openByCode } from './consultation/resume-code.js';
import { grantDecision, resumeMeansGone } from './consultation/transfer.js';
import { addPending, lastClientSeq, lastStoredId, markFailed, markPending, mergeStored } from './messages.js';
import { type KeyValueStore, loadSession as loadSaved, saveSession, tabStorage, wipeSession } from './safety/session-store.js';
import { type ConsultationControllerOptions, type ConsultationView, idleView, type PendingStart, type ShownError } from './consultation/state.js';

export type { ConsultationConfig, ConsultationControllerOptions, ShownError } from './consultation/state.js';

/**
 * The whole consultation lifecycle for one `<tsunagari-chat>`: start, queue, key grant to a
 * verified counselor (again on transfer), encrypted messages, reconnect, reload and resume by
 * code, end, quick exit and wipe. Keys and plaintext live in memory; sessionStorage holds only
 * what a reload of the same tab needs, and is wiped at the end and on exit.
 */
export class ConsultationController implements ReactiveController, ConsultationView {
  phase!: Phase;
  connection!: ConnectionStatus;
  position!: number | null;
  estimatedWaitSeconds!: number | null;
  showAlternatives!: boolean;
  messages!: ChatMessage[];
  error!: ShownError | null;
  endedBy!: SenderRole | null;
  endReason!: EndReason | null;
  outsideHours!: boolean;
  transferred!: boolean;
  requeued!: boolean;
  counselorTyping!: boolean;

  private deps: SessionDeps | null = null;
  private consultationId: string | null = null;
  private clientToken: string | null = null;
  private grantedTo: string | null = null;
  private seq = 0;
  private pending: PendingStart = null;
  /** Quick exit in progress: nothing may be written to sessionStorage any more. */
  private leaving = false;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Her typing, told to the counselor (throttled; only in a chat). */
  private readonly typing = new TypingSignal((on) => this.tellTyping(on));
  /** Clears the counselor's typing line if her "stopped" never arrives. */
  private readonly counselorTypingExpiry = new TypingExpiry(() => this.showCounselorTyping(false));

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConsultationControllerOptions,
  ) {
    Object.assign(this, idleView());
    host.addController(this);
  }

  private get storage(): KeyValueStore | null {
    return this.options.storage ? this.options.storage() : tabStorage();
  }

  hostConnected(): void {}

  /** The element left the page: close the socket and wipe memory (sessionStorage stays for a reload). */
  hostDisconnected(): void {
    if (this.deps) this.teardown();
  }

  /** True when this tab holds a consultation from before a reload. */
  hasSaved(): boolean {
    return loadSaved(this.storage) !== null;
  }

  /** Starts a consultation: loads crypto and socket, then asks for a place in line. */
  async start(options: { urgent?: boolean; intake?: IntakeAnswers | null } = {}): Promise<void> {
    const intake = hasAnswers(options.intake) ? options.intake : null;
    await this.connect({ kind: 'start', urgent: options.urgent === true, intake });
  }

  /** Continues a consultation from a resume code she typed (any device). */
  async resumeWithCode(code: string): Promise<void> {
    await this.connect({ kind: 'code', code });
  }

  /** After a reload of the same tab: picks up the saved consultation and re-sends what was not acknowledged. */
  async restore(): Promise<boolean> {
    if (this.phase !== 'idle') return false;
    const saved = loadSaved(this.storage);
    if (!saved) return false;
    const config = this.options.config();
    if (!config.orgKey) return false;
    this.set({ phase: 'connecting', connection: 'connecting', error: null });
    let deps: SessionDeps;
    try {
      deps = await this.options.load(config.server, config.orgKey);
      deps.crypto.importKey(saved.key);
    } catch {
      this.set({ phase: 'idle', connection: 'idle', error: 'INTERNAL' });
      return false;
    }
    this.deps = deps;
    this.consultationId = saved.consultationId;
    this.clientToken = saved.clientToken;
    this.seq = saved.seq;
    this.grantedTo = null;
    const unsent: ChatMessage[] = saved.unsent.map((u) => sealOutgoing(deps.crypto, saved.consultationId, u.seq, u.body));
    this.set({ messages: unsent });
    this.listen(deps, config.campaign);
    return true;
  }

  /** Encrypts and sends one message; it shows as pending until the server acknowledges it. */
  async send(text: string): Promise<boolean> {
    const body = text.trim();
    const { deps, consultationId } = this;
    if (!deps || !consultationId || this.phase !== 'chat') return false;
    if (body.length === 0 || body.length > MAX_MESSAGE_CHARS) return false;
    this.typing.stop();
    this.seq = nextSeq(this.seq, this.messages);
    const seq = this.seq;
    this.set({ messages: addPending(this.messages, sealOutgoing(deps.crypto, consultationId, seq, { kind: 'text', text: body })) });
    await this.deliver(seq);
    return true;
  }

  /** She edited the text field: the counselor sees that she is writing (never outside a chat). */
  typed(): void {
    if (this.phase === 'chat' && this.connection === 'connected') this.typing.input();
  }

  /** Sends a failed message again with the same seq (the server treats it as the same one). */
  async retry(seq: number): Promise<void> {
    if (this.phase !== 'chat') return;
    this.set({ messages: markPending(this.messages, seq) });
    await this.deliver(seq);
  }

  /** Makes a resume code for this consultation and registers it; null when that failed. */
  async createResumeCode(): Promise<{ code: string; expiresAt: string } | null> {
    const { deps, consultationId } = this;
    if (!deps || !consultationId) return null;
    const made = await createCode(deps, consultationId);
    return this.deps === deps ? made : null;
  }

  /** Her end button (after she confirmed): tell the server, then wipe whatever it answers. */
  async end(): Promise<void> {
    const { deps, consultationId } = this;
    if (deps && consultationId) await deps.socket.request('consultation:end', { consultationId });
    this.finish('client', 'ended');
  }

  /**
   * Quick exit: wipe sessionStorage first (so nothing survives even if the page dies now), tell
   * the server she left (waiting only briefly for the ack), close the socket, wipe memory.
   */
  async quickExit(): Promise<void> {
    this.leaving = true;
    wipeSession(this.storage);
    const { deps, consultationId } = this;
    if (deps && consultationId) {
      const wait = this.options.quickExitWaitMs ?? 300;
      await Promise.race([
        deps.socket.request('consultation:quick-exit', { consultationId }).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, wait)),
      ]);
    }
    this.teardown();
    this.wipeAll();
    this.leaving = false;
  }

  /** Back to the first screen after an ended or failed consultation. */
  reset(): void {
    if (this.phase === 'ended' || this.phase === 'unsafe') this.finish(null, null);
    this.wipeAll();
  }

  private wipeAll(): void {
    this.set(idleView());
  }

  private async connect(pending: NonNullable<PendingStart>): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'ended') return;
    const config = this.options.config();
    if (!config.orgKey) return this.set({ error: 'NOT_CONFIGURED' });
    this.set({ phase: 'connecting', connection: 'connecting', error: null, endedBy: null, endReason: null, outsideHours: false, transferred: false, requeued: false });
    let deps: SessionDeps;
    try {
      deps = await this.options.load(config.server, config.orgKey);
    } catch {
      return this.set({ phase: 'idle', connection: 'idle', error: 'INTERNAL' });
    }
    this.deps = deps;
    this.seq = 0;
    this.grantedTo = null;
    this.pending = pending;
    this.listen(deps, config.campaign);
    this.connectTimer = setTimeout(() => {
      if (this.phase === 'connecting') this.abandonStart('TIMEOUT');
    }, this.options.connectTimeoutMs ?? 15_000);
  }

  private listen(deps: SessionDeps, campaign: string | undefined): void {
    const { socket } = deps;
    const mine = (id: string): boolean => this.deps === deps && id === this.consultationId;
    socket.onStatus((e) => this.deps === deps && void this.onStatus(e, campaign));
    socket.on('queue:position', (p) => {
      if (!mine(p.consultationId) || this.phase !== 'waiting') return;
      this.set({
        position: p.position,
        estimatedWaitSeconds: p.estimatedWaitSeconds ?? null,
        showAlternatives: p.showAlternatives === true,
      });
    });
    socket.on('consultation:assigned', (a) => {
      if (mine(a.consultationId)) void this.grant(a.counselor);
    });
    socket.on('message:new', (m) => {
      if (!mine(m.consultationId) || m.senderRole !== 'counselor') return;
      this.showCounselorTyping(false);
      this.addStored([m]);
    });
    socket.on('consultation:requeued', (r) => {
      if (mine(r.consultationId)) this.requeue();
    });
    socket.on('typing:changed', (t) => {
      if (mine(t.consultationId) && t.role === 'counselor') this.showCounselorTyping(t.typing && this.phase === 'chat');
    });
    socket.on('consultation:ended', (e: ConsultationEnded) => {
      if (mine(e.consultationId)) this.finish(e.endedBy, e.reason);
    });
  }

  private async onStatus(e: SocketStatusEvent, campaign: string | undefined): Promise<void> {
    if (e.type === 'reconnecting') {
      // Whether the counselor is still writing is not known across a drop (hers ends by its idle timer).
      this.showCounselorTyping(false);
      return this.set({ connection: 'reconnecting' });
    }
    if (e.type === 'closed') return this.set({ connection: this.phase === 'ended' ? 'idle' : 'closed' });
    this.set({ connection: 'connected' });
    if (this.consultationId) return this.resume();
    const pending = this.pending;
    if (this.phase !== 'connecting' || !pending) return;
    if (pending.kind === 'start') return this.requestStart(campaign, pending.urgent, pending.intake);
    return this.openWithCode(pending.code);
  }

  private async requestStart(campaign: string | undefined, urgent: boolean, intake: IntakeAnswers | null): Promise<void> {
    const deps = this.deps;
    if (!deps) return;
    const r = await deps.socket.request('consultation:start', { ...(campaign ? { campaign } : {}), ...(urgent ? { urgent: true } : {}) });
    if (this.deps !== deps) return;
    if (!r.ok) return this.abandonStart(r.error);
    this.clearConnectTimer();
    this.pending = null;
    this.consultationId = r.data.consultationId;
    this.clientToken = r.data.clientToken;
    this.set({ phase: 'waiting', position: r.data.position });
    // Her answers travel as the first encrypted message, so only the counselor learns them.
    if (intake) {
      this.seq = 1;
      this.set({ messages: addPending(this.messages, sealOutgoing(deps.crypto, r.data.consultationId, 1, { kind: 'intake', ...intake })) });
      await this.deliver(1);
    }
  }

  private async openWithCode(code: string): Promise<void> {
    const deps = this.deps;
    if (!deps) return;
    const r = await openByCode(deps, code);
    if (this.deps !== deps) return;
    if (!r.ok) return this.abandonStart(r.error);
    this.clearConnectTimer();
    this.pending = null;
    this.consultationId = r.consultationId;
    this.clientToken = r.clientToken;
    await this.applySnapshot(r.snapshot);
  }

  /** After a reconnect or reload: reattach, then catch up on anything missed while away. */
  private async resume(): Promise<void> {
    const { deps, consultationId, clientToken } = this;
    if (!deps || !consultationId || !clientToken) return;
    const r = await deps.socket.request('consultation:resume', { consultationId, clientToken });
    if (this.deps !== deps) return;
    if (!r.ok) {
      return resumeMeansGone(r.error) ? this.finish(null, 'abandoned') : this.set({ error: r.error });
    }
    this.clearConnectTimer();
    await this.applySnapshot(r.data);
  }

  private async applySnapshot(s: ConsultationSnapshot): Promise<void> {
    const deps = this.deps;
    if (!deps || !this.consultationId) return;
    if (s.status === 'ended') return this.finish(null, null);
    this.set({ error: null });
    if (s.status === 'waiting') {
      // Handed back to the queue while she was away.
      if (this.phase === 'chat') this.requeue();
      // After a reload the snapshot is all she has to go on: keep the line that says why she waits again.
      this.set({ phase: 'waiting', position: s.position, requeued: this.requeued || s.requeued });
    }
    this.addStored(s.messages);
    this.seq = Math.max(this.seq, lastClientSeq(this.messages));
    if (s.counselor) await this.grant(s.counselor);
    const list = await deps.socket.request('message:list', {
      consultationId: this.consultationId,
      afterId: lastStoredId(this.messages),
    });
    if (list.ok && this.deps === deps) this.addStored(list.data.messages);
    // Whatever she sent that the server has not acknowledged goes again, with the same seq.
    for (const seq of seqsToResend(this.messages)) void this.deliver(seq);
  }

  /**
   * Seals the session key to the counselor, but only if the organisation signed her keys. A
   * second assignment for the same consultation is a transfer: the new counselor gets the key too.
   */
  private async grant(counselor: CounselorIdentity): Promise<void> {
    const { deps, consultationId } = this;
    if (!deps || !consultationId) return;
    const decision = grantDecision(this.grantedTo, counselor.staffId, () => deps.crypto.verify(counselor));
    if (decision.kind === 'skip') return;
    if (decision.kind === 'unsafe') return this.set({ phase: 'unsafe' });
    const sealedKey = deps.crypto.sealKeyFor(counselor);
    const r = await deps.socket.request('key:grant', { consultationId, staffId: counselor.staffId, sealedKey });
    if (this.deps !== deps) return;
    if (!r.ok) return this.set({ error: r.error });
    this.grantedTo = counselor.staffId;
    this.set({ phase: 'chat', position: null, error: null, transferred: decision.transfer || this.requeued, requeued: false });
  }

  /**
   * Her counselor left (past her grace) or handed her back to the queue: she waits again, with
   * her history and the session key kept. Whoever takes her next is checked against the
   * organisation signature and gets the key sealed anew, even the same counselor again.
   */
  private requeue(): void {
    if (this.phase !== 'chat' && this.phase !== 'waiting') return;
    this.typing.reset();
    this.showCounselorTyping(false);
    this.grantedTo = null;
    this.set({ phase: 'waiting', requeued: true, transferred: false, position: null, estimatedWaitSeconds: null, showAlternatives: false });
  }

  private tellTyping(typing: boolean): void {
    const { deps, consultationId } = this;
    if (!deps || !consultationId || this.phase !== 'chat') return;
    void deps.socket.request('typing:set', { consultationId, typing });
  }

  private showCounselorTyping(on: boolean): void {
    this.counselorTypingExpiry.seen('', on);
    if (this.counselorTyping !== on) this.set({ counselorTyping: on });
  }

  private async deliver(seq: number): Promise<void> {
    const deps = this.deps;
    const envelope = this.messages.find((m) => m.id === null && m.seq === seq)?.envelope;
    if (!deps || !envelope) return;
    const r = await deps.socket.request('message:send', envelope);
    if (this.deps !== deps) return;
    if (!r.ok) return this.set({ messages: markFailed(this.messages, seq, r.error === 'RATE_LIMITED') });
    this.addStored([{ ...envelope, senderRole: 'client', ...r.data }]);
  }

  /** Decrypts stored messages (either sender) and merges them, one copy per id. */
  private addStored(stored: readonly StoredMessage[]): void {
    const crypto = this.deps?.crypto;
    if (!crypto || stored.length === 0) return;
    this.set({ messages: mergeStored(this.messages, openStored(crypto, stored)) });
  }

  private abandonStart(error: ShownError): void {
    this.clearConnectTimer();
    this.pending = null;
    this.teardown();
    this.set({ phase: 'idle', connection: 'idle', error, outsideHours: error === 'OUTSIDE_HOURS' });
  }

  /** Ends locally: zero the key, drop plaintext and ids, close the socket, wipe sessionStorage. */
  private finish(endedBy: SenderRole | null, reason: EndReason | null): void {
    this.teardown();
    wipeSession(this.storage);
    this.set({
      phase: 'ended',
      connection: 'idle',
      position: null,
      estimatedWaitSeconds: null,
      showAlternatives: false,
      messages: [],
      endedBy,
      endReason: reason,
      requeued: false,
      counselorTyping: false,
    });
  }

  /** Closes the socket and forgets keys and ids (memory only). */
  private teardown(): void {
    this.clearConnectTimer();
    this.typing.reset();
    this.counselorTypingExpiry.clear();
    const deps = this.deps;
    this.deps = null;
    this.consultationId = null;
    this.clientToken = null;
    this.grantedTo = null;
    this.seq = 0;
    this.pending = null;
    deps?.crypto.wipe();
    deps?.socket.close();
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  /** Keeps what a reload of this tab needs in sessionStorage, while a consultation is live. */
  private persist(): void {
    const { deps, consultationId, clientToken } = this;
    if (this.leaving || !deps || !consultationId || !clientToken || (this.phase !== 'waiting' && this.phase !== 'chat')) return;
    let key: string;
    try {
      key = deps.crypto.exportKey();
    } catch {
      return;
    }
    const unsent = unsentForSave(this.messages);
    saveSession({ v: 1, consultationId, clientToken, key, seq: Math.max(this.seq, lastClientSeq(this.messages)), unsent }, this.storage);
  }

  private set(patch: Partial<ConsultationView>): void {
    Object.assign(this, patch);
    this.persist();
    this.host.requestUpdate();
  }
}
