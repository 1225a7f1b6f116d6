import type {
  ConsultationEnded,
  ConsultationSnapshot,
  CounselorIdentity,
  EndReason,
  MessageBody,
  SenderRole,
  StoredMessage,
} from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ChatMessage,
  ConnectionStatus,
  IntakeAnswers,
  LoadSession,
  Phase,
  RequestError,
  SessionDeps,
  SocketStatusEvent,
} from './consultation-types.js';
import { MAX_MESSAGE_CHARS } from './limits.js';
import { addPending, lastClientSeq, lastStoredId, markFailed, markPending, mergeStored, pendingKey, storedKey } from './messages.js';
import { type KeyValueStore, loadSession as loadSaved, type SavedSession, saveSession, wipeSession } from './safety/session-store.js';

/** What the controller reads from the element each time she starts. */
export interface ConsultationConfig {
  server: string;
  orgKey: string;
  campaign: string | undefined;
}

export interface ConsultationControllerOptions {
  config: () => ConsultationConfig;
  /** Loads the socket and crypto; the real one uses dynamic `import()`. */
  load: LoadSession;
  /** Give up on a first connection after this long (she gets a kind message and a retry). */
  connectTimeoutMs?: number;
  /** How long quick exit waits for the server's ack before leaving anyway. */
  quickExitWaitMs?: number;
  /** sessionStorage in the browser; tests pass a fake (or null for none). */
  storage?: () => KeyValueStore | null;
}

/** Errors she can be shown: server codes, timeouts, and a widget that was set up wrongly. */
export type ShownError = RequestError | 'NOT_CONFIGURED' | 'RESUME_INVALID' | 'RESUME_NOT_FOUND';

/** Where the first connection is headed once the socket is up. */
type Pending = { kind: 'start'; urgent: boolean; intake: IntakeAnswers | null } | { kind: 'code'; code: string } | null;

const hasAnswers = (i: IntakeAnswers | null | undefined): i is IntakeAnswers =>
  !!i && (i.ageBand !== undefined || i.danger !== undefined || (i.topics?.length ?? 0) > 0);

/**
 * The whole consultation lifecycle for one `<tsunagari-chat>`: start, queue, key grant to a
 * verified counselor (again on transfer), encrypted messages, reconnect, reload and resume by
 * code, end, quick exit and wipe. Keys and plaintext live in memory; sessionStorage holds only
 * what a reload of the same tab needs, and is wiped at the end and on exit.
 */
export class ConsultationController implements ReactiveController {
  /** Where she is in the consultation. */
  phase: Phase = 'idle';
  /** The socket's state; the UI shows it whenever it is not `connected`. */
  connection: ConnectionStatus = 'idle';
  /** Her 1-based place in line while waiting. */
  position: number | null = null;
  /** Estimated wait in seconds, when the server knows one. */
  estimatedWaitSeconds: number | null = null;
  /** The server suggests phone and mail too (long wait, or nobody on duty). */
  showAlternatives = false;
  /** Messages in order; plaintext in memory only. */
  messages: ChatMessage[] = [];
  /** The last failure worth telling her about, or null. */
  error: ShownError | null = null;
  /** Who ended it and why, once ended (null when unknown, e.g. learned on resume). */
  endedBy: SenderRole | null = null;
  endReason: EndReason | null = null;
  /** The server refused to queue her: outside opening hours. */
  outsideHours = false;
  /** Another counselor took over (a second assignment). */
  transferred = false;

  private deps: SessionDeps | null = null;
  private consultationId: string | null = null;
  private clientToken: string | null = null;
  private grantedTo: string | null = null;
  private seq = 0;
  private pending: Pending = null;
  /** Quick exit in progress: nothing may be written to sessionStorage any more. */
  private leaving = false;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConsultationControllerOptions,
  ) {
    host.addController(this);
  }

  private get storage(): KeyValueStore | null {
    if (this.options.storage) return this.options.storage();
    try {
      return globalThis.sessionStorage ?? null;
    } catch {
      return null;
    }
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
    const unsent: ChatMessage[] = saved.unsent.map((u) => this.outgoing(deps, saved.consultationId, u.seq, u.body));
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
    this.seq = Math.max(this.seq, lastClientSeq(this.messages)) + 1;
    const seq = this.seq;
    this.set({ messages: addPending(this.messages, this.outgoing(deps, consultationId, seq, { kind: 'text', text: body })) });
    await this.deliver(seq);
    return true;
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
    const { code, lookup, wrappedKey } = deps.crypto.newResumeCode();
    const r = await deps.socket.request('resume:create', { consultationId, lookup, wrappedKey });
    if (!r.ok || this.deps !== deps) return null;
    return { code, expiresAt: r.data.expiresAt };
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
    this.set({
      phase: 'idle',
      connection: 'idle',
      position: null,
      estimatedWaitSeconds: null,
      showAlternatives: false,
      messages: [],
      error: null,
      endedBy: null,
      endReason: null,
      outsideHours: false,
      transferred: false,
    });
  }

  private async connect(pending: NonNullable<Pending>): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'ended') return;
    const config = this.options.config();
    if (!config.orgKey) return this.set({ error: 'NOT_CONFIGURED' });
    this.set({ phase: 'connecting', connection: 'connecting', error: null, endedBy: null, endReason: null, outsideHours: false, transferred: false });
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
      if (mine(m.consultationId) && m.senderRole === 'counselor') this.addStored([m]);
    });
    socket.on('consultation:ended', (e: ConsultationEnded) => {
      if (mine(e.consultationId)) this.finish(e.endedBy, e.reason);
    });
  }

  private async onStatus(e: SocketStatusEvent, campaign: string | undefined): Promise<void> {
    if (e.type === 'reconnecting') return this.set({ connection: 'reconnecting' });
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
      this.set({ messages: addPending(this.messages, this.outgoing(deps, r.data.consultationId, 1, { kind: 'intake', ...intake })) });
      await this.deliver(1);
    }
  }

  private async openWithCode(code: string): Promise<void> {
    const deps = this.deps;
    if (!deps) return;
    const keys = deps.crypto.resumeKeys(code);
    if (!keys) return this.abandonStart('RESUME_INVALID');
    const r = await deps.socket.request('resume:open', { lookup: keys.lookup });
    if (this.deps !== deps) return;
    if (!r.ok) return this.abandonStart(r.error === 'UNKNOWN_CONSULTATION' || r.error === 'INVALID_STATE' ? 'RESUME_NOT_FOUND' : r.error);
    if (!keys.unwrap(r.data.wrappedKey)) return this.abandonStart('RESUME_NOT_FOUND');
    this.clearConnectTimer();
    this.pending = null;
    this.consultationId = r.data.consultationId;
    this.clientToken = r.data.clientToken;
    await this.applySnapshot(r.data.snapshot);
  }

  /** After a reconnect or reload: reattach, then catch up on anything missed while away. */
  private async resume(): Promise<void> {
    const { deps, consultationId, clientToken } = this;
    if (!deps || !consultationId || !clientToken) return;
    const r = await deps.socket.request('consultation:resume', { consultationId, clientToken });
    if (this.deps !== deps) return;
    if (!r.ok) {
      if (r.error === 'UNKNOWN_CONSULTATION' || r.error === 'INVALID_STATE' || r.error === 'FORBIDDEN') {
        return this.finish(null, 'abandoned');
      }
      return this.set({ error: r.error });
    }
    this.clearConnectTimer();
    await this.applySnapshot(r.data);
  }

  private async applySnapshot(s: ConsultationSnapshot): Promise<void> {
    const deps = this.deps;
    if (!deps || !this.consultationId) return;
    if (s.status === 'ended') return this.finish(null, null);
    this.set({ error: null });
    if (s.status === 'waiting') this.set({ phase: 'waiting', position: s.position });
    this.addStored(s.messages);
    this.seq = Math.max(this.seq, lastClientSeq(this.messages));
    if (s.counselor) await this.grant(s.counselor);
    const list = await deps.socket.request('message:list', {
      consultationId: this.consultationId,
      afterId: lastStoredId(this.messages),
    });
    if (list.ok && this.deps === deps) this.addStored(list.data.messages);
    // Whatever she sent that the server has not acknowledged goes again, with the same seq.
    for (const m of this.messages) {
      if (m.id === null && m.from === 'client' && m.state !== 'failed') void this.deliver(m.seq);
    }
  }

  /**
   * Seals the session key to the counselor, but only if the organisation signed her keys. A
   * second assignment for the same consultation is a transfer: the new counselor gets the key too.
   */
  private async grant(counselor: CounselorIdentity): Promise<void> {
    const { deps, consultationId } = this;
    if (!deps || !consultationId || this.grantedTo === counselor.staffId) return;
    if (!deps.crypto.verify(counselor)) return this.set({ phase: 'unsafe' });
    const wasWith = this.grantedTo;
    const sealedKey = deps.crypto.sealKeyFor(counselor);
    const r = await deps.socket.request('key:grant', { consultationId, staffId: counselor.staffId, sealedKey });
    if (this.deps !== deps) return;
    if (!r.ok) return this.set({ error: r.error });
    this.grantedTo = counselor.staffId;
    this.set({ phase: 'chat', position: null, error: null, transferred: wasWith !== null });
  }

  private outgoing(deps: SessionDeps, consultationId: string, seq: number, body: MessageBody): ChatMessage {
    if (body.kind === 'intake') {
      const { kind: _kind, ...intake } = body;
      return { key: pendingKey(seq), id: null, from: 'client', seq, text: null, state: 'pending', intake, envelope: deps.crypto.sealIntake(consultationId, seq, intake) };
    }
    return { key: pendingKey(seq), id: null, from: 'client', seq, text: body.text, state: 'pending', envelope: deps.crypto.sealText(consultationId, seq, body.text) };
  }

  private async deliver(seq: number): Promise<void> {
    const deps = this.deps;
    const envelope = this.messages.find((m) => m.id === null && m.seq === seq)?.envelope;
    if (!deps || !envelope) return;
    const r = await deps.socket.request('message:send', envelope);
    if (this.deps !== deps) return;
    if (!r.ok) return this.set({ messages: markFailed(this.messages, seq) });
    this.addStored([r.data]);
  }

  /** Decrypts stored messages (either sender) and merges them, one copy per id. */
  private addStored(stored: readonly StoredMessage[]): void {
    const crypto = this.deps?.crypto;
    if (!crypto || stored.length === 0) return;
    const incoming: ChatMessage[] = stored.map((m) => {
      const body = crypto.open(m);
      const base = { key: storedKey(m.id), id: m.id, from: m.senderRole, seq: m.seq, state: 'sent' as const };
      if (body?.kind === 'intake') {
        const { kind: _kind, ...intake } = body;
        return { ...base, text: null, intake };
      }
      return { ...base, text: body?.text ?? null };
    });
    this.set({ messages: mergeStored(this.messages, incoming) });
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
    this.set({ phase: 'ended', connection: 'idle', position: null, estimatedWaitSeconds: null, showAlternatives: false, messages: [], endedBy, endReason: reason });
  }

  /** Closes the socket and forgets keys and ids (memory only). */
  private teardown(): void {
    this.clearConnectTimer();
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
    const unsent: SavedSession['unsent'] = this.messages
      .filter((m) => m.id === null && m.from === 'client')
      .map((m) => ({ seq: m.seq, body: m.intake ? { kind: 'intake', ...m.intake } : { kind: 'text', text: m.text ?? '' } }));
    saveSession({ v: 1, consultationId, clientToken, key, seq: Math.max(this.seq, lastClientSeq(this.messages)), unsent }, this.storage);
  }

  private set(
    patch: Partial<
      Pick<
        ConsultationController,
        'phase' | 'connection' | 'position' | 'estimatedWaitSeconds' | 'showAlternatives' | 'messages' | 'error' | 'endedBy' | 'endReason' | 'outsideHours' | 'transferred'
      >
    >,
  ): void {
    Object.assign(this, patch);
    this.persist();
    this.host.requestUpdate();
  }
}
