import type {
  ConsultationEnded,
  ConsultationSnapshot,
  CounselorIdentity,
  EndReason,
  SenderRole,
  StoredMessage,
} from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ChatMessage,
  ConnectionStatus,
  LoadSession,
  Phase,
  RequestError,
  SessionDeps,
  SocketStatusEvent,
} from './consultation-types.js';
import { MAX_MESSAGE_CHARS } from './limits.js';
import { addPending, lastClientSeq, lastStoredId, markFailed, markPending, mergeStored, pendingKey, storedKey } from './messages.js';

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
}

/** Errors she can be shown: server codes, timeouts, and a widget that was set up wrongly. */
export type ShownError = RequestError | 'NOT_CONFIGURED';

/**
 * The whole consultation lifecycle for one `<tsunagari-chat>`: start, queue, key grant to a
 * verified counselor, encrypted messages, reconnect and resume, end and wipe. It holds keys
 * and plaintext in memory only and asks the host to re-render on every change.
 */
export class ConsultationController implements ReactiveController {
  /** Where she is in the consultation. */
  phase: Phase = 'idle';
  /** The socket's state; the UI shows it whenever it is not `connected`. */
  connection: ConnectionStatus = 'idle';
  /** Her 1-based place in line while waiting. */
  position: number | null = null;
  /** Messages in order; plaintext in memory only. */
  messages: ChatMessage[] = [];
  /** The last failure worth telling her about, or null. */
  error: ShownError | null = null;
  /** Who ended it and why, once ended (null when unknown, e.g. learned on resume). */
  endedBy: SenderRole | null = null;
  endReason: EndReason | null = null;

  private deps: SessionDeps | null = null;
  private consultationId: string | null = null;
  private clientToken: string | null = null;
  private grantedTo: string | null = null;
  private seq = 0;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConsultationControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The element left the page: close the socket and wipe, so nothing lingers in memory. */
  hostDisconnected(): void {
    if (this.deps) this.finish(null, null);
  }

  /** Starts a consultation: loads crypto and socket, then asks for a place in line. */
  async start(): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'ended') return;
    const config = this.options.config();
    if (!config.orgKey) return this.set({ error: 'NOT_CONFIGURED' });
    this.set({ phase: 'connecting', connection: 'connecting', error: null, endedBy: null, endReason: null });
    let deps: SessionDeps;
    try {
      deps = await this.options.load(config.server, config.orgKey);
    } catch {
      return this.set({ phase: 'idle', connection: 'idle', error: 'INTERNAL' });
    }
    this.deps = deps;
    this.seq = 0;
    this.grantedTo = null;
    this.listen(deps, config.campaign);
    this.connectTimer = setTimeout(() => {
      if (this.phase === 'connecting') this.abandonStart('TIMEOUT');
    }, this.options.connectTimeoutMs ?? 15_000);
  }

  /** Encrypts and sends one message; it shows as pending until the server acknowledges it. */
  async send(text: string): Promise<boolean> {
    const body = text.trim();
    const { deps, consultationId } = this;
    if (!deps || !consultationId || this.phase !== 'chat') return false;
    if (body.length === 0 || body.length > MAX_MESSAGE_CHARS) return false;
    this.seq = Math.max(this.seq, lastClientSeq(this.messages)) + 1;
    const seq = this.seq;
    const envelope = deps.crypto.sealText(consultationId, seq, body);
    this.set({
      messages: addPending(this.messages, { key: pendingKey(seq), id: null, from: 'client', seq, text: body, state: 'pending', envelope }),
    });
    await this.deliver(seq);
    return true;
  }

  /** Sends a failed message again with the same seq (the server treats it as the same one). */
  async retry(seq: number): Promise<void> {
    if (this.phase !== 'chat') return;
    this.set({ messages: markPending(this.messages, seq) });
    await this.deliver(seq);
  }

  /** Her end button (after she confirmed): tell the server, then wipe whatever it answers. */
  async end(): Promise<void> {
    const { deps, consultationId } = this;
    if (deps && consultationId) await deps.socket.request('consultation:end', { consultationId });
    this.finish('client', 'ended');
  }

  /** Back to the launcher after an ended or failed consultation. */
  reset(): void {
    if (this.phase === 'ended' || this.phase === 'unsafe') this.finish(null, null);
    this.set({ phase: 'idle', connection: 'idle', error: null, endedBy: null, endReason: null });
  }

  private listen(deps: SessionDeps, campaign: string | undefined): void {
    const { socket } = deps;
    const mine = (id: string): boolean => this.deps === deps && id === this.consultationId;
    socket.onStatus((e) => this.deps === deps && void this.onStatus(e, campaign));
    socket.on('queue:position', (p) => {
      if (mine(p.consultationId) && this.phase === 'waiting') this.set({ position: p.position });
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
    if (this.phase === 'connecting') return this.requestStart(campaign);
  }

  private async requestStart(campaign: string | undefined): Promise<void> {
    const socket = this.deps?.socket;
    if (!socket) return;
    const r = await socket.request('consultation:start', campaign ? { campaign } : {});
    if (this.deps?.socket !== socket) return;
    if (!r.ok) return this.abandonStart(r.error);
    this.clearConnectTimer();
    this.consultationId = r.data.consultationId;
    this.clientToken = r.data.clientToken;
    this.set({ phase: 'waiting', position: r.data.position });
  }

  /** After a reconnect: reattach, then catch up on anything missed while away. */
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
    await this.applySnapshot(r.data);
  }

  private async applySnapshot(s: ConsultationSnapshot): Promise<void> {
    const deps = this.deps;
    if (!deps || !this.consultationId) return;
    if (s.status === 'ended') return this.finish(null, null);
    this.set({ error: null });
    if (s.status === 'waiting') this.set({ phase: 'waiting', position: s.position });
    this.addStored(s.messages);
    if (s.counselor) await this.grant(s.counselor);
    const list = await deps.socket.request('message:list', {
      consultationId: this.consultationId,
      afterId: lastStoredId(this.messages),
    });
    if (list.ok && this.deps === deps) this.addStored(list.data.messages);
  }

  /** Seals the session key to the counselor, but only if the organisation signed her keys. */
  private async grant(counselor: CounselorIdentity): Promise<void> {
    const { deps, consultationId } = this;
    if (!deps || !consultationId || this.grantedTo === counselor.staffId) return;
    if (!deps.crypto.verify(counselor)) return this.set({ phase: 'unsafe' });
    const sealedKey = deps.crypto.sealKeyFor(counselor);
    const r = await deps.socket.request('key:grant', { consultationId, staffId: counselor.staffId, sealedKey });
    if (this.deps !== deps) return;
    if (!r.ok) return this.set({ error: r.error });
    this.grantedTo = counselor.staffId;
    this.set({ phase: 'chat', position: null, error: null });
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
    const incoming: ChatMessage[] = stored.map((m) => ({
      key: storedKey(m.id),
      id: m.id,
      from: m.senderRole,
      seq: m.seq,
      text: crypto.open(m),
      state: 'sent',
    }));
    this.set({ messages: mergeStored(this.messages, incoming) });
  }

  private abandonStart(error: RequestError): void {
    this.clearConnectTimer();
    const deps = this.deps;
    this.deps = null;
    deps?.socket.close();
    deps?.crypto.wipe();
    this.set({ phase: 'idle', connection: 'idle', error });
  }

  /** Ends locally: zero the key, drop plaintext and ids, close the socket. */
  private finish(endedBy: SenderRole | null, reason: EndReason | null): void {
    this.clearConnectTimer();
    const deps = this.deps;
    this.deps = null;
    this.consultationId = null;
    this.clientToken = null;
    this.grantedTo = null;
    this.seq = 0;
    deps?.crypto.wipe();
    deps?.socket.close();
    this.set({ phase: 'ended', connection: 'idle', position: null, messages: [], endedBy, endReason: reason });
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private set(patch: Partial<Pick<ConsultationController, 'phase' | 'connection' | 'position' | 'messages' | 'error' | 'endedBy' | 'endReason'>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
