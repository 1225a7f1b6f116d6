import type { ConsultationSnapshot, CounselorIdentity, EndReason, SenderRole } from '@tsunagari/shared';
import { type AckData, type ClientEvent, historyAfter, type Payload, type RequestResult } from '@tsunagari/shared/client';
import { Conversation, type ConversationHost } from './conversation.js';
import { ReloadRecord } from './reload-record.js';
import type { Opening, SessionEvent, SessionOptions, Stage } from './session-events.js';
import { type Assignment, type GrantState, grantDecision, resumeMeansGone } from './transfer.js';
import type { SessionDeps, SocketStatusEvent } from './types.js';
import type { ShownError } from './view.js';

/** Resume codes' requests and crypto load only when she asks for a code or types one. */
const loadResumeRequests = () => import('./resume-requests.js');

/**
 * One consultation over one connection: the socket and the session key (`deps`), her ids once
 * known, and a {@link Conversation} (her seq, and the outbox that holds her sealed envelopes
 * until the server acknowledges them). It speaks the protocol (start or open by code, resume
 * after a drop or a reload, key grants, back to the queue) and tells its controller what
 * happened as {@link SessionEvent}s.
 *
 * Disposed on teardown (end, quick exit, refusal, the element leaving the page): it then closes
 * the socket, wipes the key and ignores everything still in flight, so a stale session cannot
 * act or be heard. That one `stopped` check replaces a guard at every await.
 *
 * Key epochs (issue 13): whenever someone new holds her chat, {@link grant} starts a new session
 * key for her alone (so the counselor before cannot read what follows) and seals every epoch's
 * key to her, once her statement checks out; `Conversation` checks the counselor's seqs; what a
 * reload keeps is decided in `ReloadRecord` alone.
 *
 * Over 300 lines on purpose: it is one state machine (opening, waiting, chat, unsafe, stopped),
 * and its one `stopped` check only holds if every transition lives in this class; the parts
 * that need no state of their own are already apart (`Conversation`, `ReloadRecord`,
 * `transfer.ts`, `resume-requests.ts`).
 */
export class ConsultationSession implements ConversationHost {
  private stage: Stage = 'opening';
  private stopped = false;
  private connected = false;
  /** The opening was sent (a reconnect meanwhile must not start a second consultation). */
  private opened = false;
  private id: string | null = null;
  private clientToken: string | null = null;
  /** The assignment her newest key epoch was sealed for (null before the first grant). */
  private granted: GrantState | null = null;
  /** The newest key epoch the relay says was granted in this consultation (from snapshots). */
  private knownEpoch: number | null = null;
  /** A gap in the counselor's messages is being asked for (one ask at a time). */
  private filling = false;
  /** Grants run one after another: an assignment and a snapshot naming it must not both start an epoch. */
  private granting: Promise<void> = Promise.resolve();
  /** Handed back to the queue since the last grant: the next counselor is a transfer. */
  private handedBack = false;
  /** Her messages and typing. */
  readonly talk: Conversation;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly reload = new ReloadRecord();

  constructor(
    private readonly deps: SessionDeps,
    private readonly opening: Opening,
    private readonly listener: (e: SessionEvent) => void,
    private readonly options: SessionOptions = {},
  ) {
    this.talk = new Conversation(deps.crypto, this, options.now);
    if (opening.kind !== 'saved') return;
    const { saved } = opening;
    deps.crypto.importKeys(saved.keys);
    this.id = saved.consultationId;
    this.clientToken = saved.clientToken;
    this.granted = saved.grant && { ...saved.grant, transfer: false };
  }

  /** The consultation's id, once the server gave one (or the saved one after a reload). */
  get consultationId(): string | null {
    return this.id;
  }

  /** A verified counselor holds the key and the session is live. */
  get inChat(): boolean {
    return !this.stopped && this.stage === 'chat';
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
    socket.on('queue:still-waiting', (p) => {
      if (mine(p.consultationId) && this.stage === 'waiting') this.tell({ type: 'still-waiting', answerBy: p.answerBy });
    });
    socket.on('consultation:assigned', (a) => mine(a.consultationId) && void this.grant(a.counselor, a.assignedAt));
    socket.on('message:new', (m) => {
      if (!mine(m.consultationId) || m.senderRole !== 'counselor') return;
      this.talk.showCounselorTyping(false);
      const heldUpTo = this.talk.log.lastId();
      this.talk.receive([m]);
      if (m.id > heldUpTo) void this.fillGap(heldUpTo);
    });
    socket.on('consultation:requeued', (r) => mine(r.consultationId) && this.requeue());
    socket.on('typing:changed', (t) => {
      if (mine(t.consultationId) && t.role === 'counselor') this.talk.showCounselorTyping(t.typing && this.stage === 'chat');
    });
    socket.on('consultation:ended', (e) => {
      if (!this.stopped && e.consultationId === this.consultationId) this.over(e.endedBy, e.reason);
    });
    if (this.opening.kind === 'saved') this.talk.restore(this.opening.saved.consultationId, this.opening.saved);
    if (this.options.connectTimeoutMs !== undefined) {
      this.connectTimer = setTimeout(() => this.stage === 'opening' && this.refuse('TIMEOUT'), this.options.connectTimeoutMs);
    }
  }

  /** She edited the text field: the counselor sees that she is writing (never outside a chat). */
  typed(): void {
    this.talk.typed(this.connected);
  }

  /** Makes a resume code for this consultation and registers it; null when that failed. */
  async createResumeCode(): Promise<{ code: string; expiresAt: string } | null> {
    const id = this.consultationId;
    if (this.stopped || !id) return null;
    const made = await (await loadResumeRequests()).createCode(this.deps, id);
    return this.stopped ? null : made;
  }

  /** She answered 「まだお待ちですか？」: the question goes away once the relay has her answer. */
  async stillHere(): Promise<void> {
    const id = this.consultationId;
    if (this.stopped || !id) return;
    const r = await this.request('queue:still-here', { consultationId: id });
    if (r?.ok) this.tell({ type: 'still-waiting', answerBy: null });
    else if (r) this.tell({ type: 'error', error: r.error });
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
    this.talk.quiet();
  }

  /** Tells the controller, unless disposed. */
  tell(e: SessionEvent): void {
    if (!this.stopped) this.listener(e);
  }

  /** A request that answers null once the session was disposed (its result no longer matters). */
  async request<E extends ClientEvent>(event: E, payload: Payload<E>): Promise<RequestResult<AckData<E>> | null> {
    const r = await this.deps.socket.request(event, payload);
    return this.stopped ? null : r;
  }

  private async onStatus(e: SocketStatusEvent): Promise<void> {
    if (this.stopped) return;
    this.connected = e.type === 'connected';
    if (e.type !== 'connected') {
      // Whether the counselor is still writing is not known across a drop (hers ends by its idle timer).
      this.talk.showCounselorTyping(false);
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

  private async requestStart({ campaign, urgent, intake, proof }: Extract<Opening, { kind: 'start' }>): Promise<void> {
    const ask = async () => {
      const solved = proof ? await proof() : null;
      if (this.stopped) return null;
      const payload = { ...(campaign ? { campaign } : {}), ...(urgent ? { urgent: true } : {}), ...(solved ? { proof: solved } : {}) };
      const first = await this.request('consultation:start', payload);
      // Its answer was lost (a drop, a slow network): the very same start once more. The relay
      // answers it with the consultation it already started for this socket, so she keeps her place.
      return first && !first.ok && first.error === 'TIMEOUT' ? this.request('consultation:start', payload) : first;
    };
    let r = await ask();
    // A proof refused (expired while she read, or the relay restarted): once more with a fresh one, quietly.
    if (r && !r.ok && r.error === 'PROOF_REFUSED' && proof) r = await ask();
    if (!r) return;
    if (!r.ok) return this.refuse(r.error);
    clearTimeout(this.connectTimer);
    this.id = r.data.consultationId;
    this.clientToken = r.data.clientToken;
    this.stage = 'waiting';
    this.tell({ type: 'waiting', position: r.data.position, requeued: false });
    this.save();
    // Her answers travel as the first encrypted message, so only the counselor learns them; sent
    // empty when she answered nothing, so every start looks the same to the relay (padded to one size).
    await this.talk.post({ kind: 'intake', ...intake });
  }

  private async openWithCode(code: string): Promise<void> {
    const r = await (await loadResumeRequests()).openByCode(this.deps, code);
    if (this.stopped) return;
    if (!r.ok) return this.refuse(r.error);
    clearTimeout(this.connectTimer);
    this.id = r.consultationId;
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
    this.knownEpoch = s.keyEpoch;
    this.talk.receive(s.messages);
    this.save();
    if (s.counselor && s.assignedAt) await this.grant(s.counselor, s.assignedAt);
    if (!(await this.listAfter(consultationId, this.talk.log.lastId()))) return;
    this.save();
    this.talk.resend();
  }

  /**
   * Her history after `afterId`, a page at a time ({@link historyAfter}); a refused page ends it
   * like the last one. False when the session stopped meanwhile.
   */
  private async listAfter(consultationId: string, afterId: number): Promise<boolean> {
    const ended = await historyAfter(afterId, (after) => this.request('message:list', { consultationId, afterId: after }), (messages) => this.talk.receive(messages));
    return ended !== 'stopped';
  }

  /**
   * Her counselor's message came past a gap: what he or she wrote between was stored, but its push
   * never reached her (a relay node that stored it and died before relaying it, say). Asked for
   * once; what a relay withholds stays missing, and her chat keeps saying so.
   */
  private async fillGap(heldUpTo: number): Promise<void> {
    const consultationId = this.consultationId;
    if (this.filling || !consultationId || !this.talk.log.notice().missing) return;
    this.filling = true;
    try {
      await this.listAfter(consultationId, heldUpTo);
    } finally {
      this.filling = false;
    }
  }

  /**
   * Seals her keys to the counselor the server assigned, but only when the counselor's statement
   * checks out (see {@link SessionCrypto.verify}); otherwise the 'unsafe' screen and nothing is
   * sealed or sent. A new assignment starts a new key epoch first when anyone may hold the newest
   * key already ({@link grantDecision}); the same assignment again seals nothing new.
   */
  private grant(counselor: CounselorIdentity, assignedAt: string): Promise<void> {
    const next = this.granting.then(() => this.grantNow({ staffId: counselor.staffId, assignedAt }, counselor));
    this.granting = next.catch(() => undefined);
    return next;
  }

  private async grantNow(assignment: Assignment, counselor: CounselorIdentity): Promise<void> {
    const consultationId = this.consultationId;
    if (this.stopped || !consultationId || this.stage === 'unsafe') return;
    const { crypto } = this.deps;
    const decision = grantDecision(this.granted, assignment, this.knownEpoch !== null, this.handedBack);
    if (decision.kind === 'keep') return this.enterChat(false);
    const verdict = await crypto.verify(counselor);
    if (this.stopped) return;
    if (!verdict.ok) {
      this.stage = 'unsafe';
      this.talk.quiet();
      return this.tell({ type: 'unsafe', reason: verdict.reason });
    }
    if (decision.rotate && crypto.rotate(this.knownEpoch ?? 0)) this.talk.newEpoch();
    this.granted = { ...assignment, done: false, transfer: decision.transfer };
    this.save();
    const r = await this.request('key:grant', { consultationId, staffId: assignment.staffId, sealedKeys: crypto.sealKeysFor(verdict.boxPublicKey) });
    if (!r) return;
    if (!r.ok) return this.tell({ type: 'error', error: r.error });
    this.granted.done = true;
    this.handedBack = false;
    this.enterChat(decision.transfer);
  }

  /** A verified counselor holds her newest key: messages may flow. */
  private enterChat(transferred: boolean): void {
    if (this.stage !== 'chat' || transferred) {
      this.stage = 'chat';
      this.tell({ type: 'chat', transferred });
    }
    this.save();
  }

  /**
   * Her counselor left (past her grace) or handed her back to the queue: she waits again, with
   * her history and keys kept. Whoever takes her next (a new assignment, even the same counselor
   * again) is checked against the pinned organisation key and gets a new epoch's key.
   */
  private requeue(): void {
    if (this.stage !== 'chat' && this.stage !== 'waiting') return;
    this.talk.quiet();
    this.handedBack = true;
    this.stage = 'waiting';
    this.tell({ type: 'requeued' });
  }

  /** Tells the controller to save, only when what a reload needs has changed. */
  save(): void {
    const { consultationId, clientToken } = this;
    const live = this.stage === 'waiting' || this.stage === 'chat';
    const g = this.granted;
    const grant = g && { staffId: g.staffId, assignedAt: g.assignedAt, done: g.done };
    const saved = this.reload.changed({ consultationId, clientToken, live, crypto: this.deps.crypto, conversation: this.talk.forReload(), grant });
    if (saved) this.tell({ type: 'save', saved });
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
