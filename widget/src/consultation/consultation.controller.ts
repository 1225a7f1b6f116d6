import type { IntakeAnswers } from '@tsunagari/shared/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage, ConnectionStatus, Phase, SessionDeps } from './types.js';
import type { ConsultationSession } from './session.js';
import type { Opening, SessionEvent } from './session-events.js';
import { type ConsultationControllerOptions, type ConsultationView, endedView, idleView, type ShownError, startingView, viewAfter } from './view.js';
import { type KeyValueStore, loadSession as loadSaved, saveSession, tabStorage, wipeSession } from '../safety/session-store.js';

export type { ConsultationConfig, ConsultationControllerOptions, ShownError } from './view.js';

/** The session's code travels in the transport chunk, with the socket and the crypto. */
const loadSessionModule = () => import('./transport.js');

/**
 * The whole consultation lifecycle for one `<tsunagari-chat>`, as one view: it opens a
 * {@link ConsultationSession} when she starts (or continues by code, or reloads the tab), maps
 * what the session tells it onto the view, and keeps sessionStorage to what a reload needs —
 * written only when that changes, wiped at the end and first thing on quick exit. Keys and
 * plaintext live in the session, in memory.
 */
export class ConsultationController implements ReactiveController, ConsultationView {
  phase!: Phase;
  connection!: ConnectionStatus;
  position!: number | null;
  estimatedWaitSeconds!: number | null;
  showAlternatives!: boolean;
  messages!: ChatMessage[];
  order!: ConsultationView['order'];
  unsafeReason!: ConsultationView['unsafeReason'];
  error!: ShownError | null;
  endedBy!: ConsultationView['endedBy'];
  endReason!: ConsultationView['endReason'];
  outsideHours!: boolean;
  transferred!: boolean;
  requeued!: boolean;
  counselorTyping!: boolean;

  /** The live session, if any; at most one at a time. */
  private session: ConsultationSession | null = null;
  /** Counts openings and teardowns, so a session that finishes loading after she left is dropped. */
  private attempt = 0;

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
    this.teardown();
  }

  /** True when this tab holds a consultation from before a reload. */
  hasSaved(): boolean {
    return loadSaved(this.storage) !== null;
  }

  /** Starts a consultation: loads crypto and socket, then asks for a place in line. */
  async start(options: { urgent?: boolean; intake?: IntakeAnswers | null } = {}): Promise<void> {
    const campaign = this.options.config().campaign;
    const proofs = this.options.proofs;
    await this.begin({ kind: 'start', campaign, urgent: options.urgent === true, intake: options.intake ?? null, ...(proofs ? { proof: () => proofs.take() } : {}) });
  }

  /** The safety notice shows: solve the start's proof of work meanwhile, so she never waits for it. */
  prepareStart(): void {
    if (this.phase === 'idle') this.options.proofs?.prepare();
  }

  /** Continues a consultation from a resume code she typed (any device). */
  async resumeWithCode(code: string): Promise<void> {
    await this.begin({ kind: 'code', code });
  }

  /** After a reload of the same tab: picks up the saved consultation and re-sends what was not acknowledged. */
  async restore(): Promise<boolean> {
    if (this.phase !== 'idle') return false;
    const saved = loadSaved(this.storage);
    if (!saved || !this.options.config().orgKey) return false;
    this.set({ phase: 'connecting', connection: 'connecting', error: null });
    return this.open({ kind: 'saved', saved });
  }

  /** Encrypts and sends one message; it shows as pending until the server acknowledges it. */
  async send(text: string): Promise<boolean> {
    return (await this.session?.talk.send(text)) ?? false;
  }

  /** She edited the text field: the counselor sees that she is writing (never outside a chat). */
  typed(): void {
    this.session?.typed();
  }

  /** Sends a failed message again (by its key: the same epoch and seq, which the server treats as the same one). */
  async retry(key: string): Promise<void> {
    await this.session?.talk.retry(key);
  }

  /** Makes a resume code for this consultation and registers it; null when that failed. */
  async createResumeCode(): Promise<{ code: string; expiresAt: string } | null> {
    return (await this.session?.createResumeCode()) ?? null;
  }

  /** Her end button (after she confirmed): tell the server, then wipe whatever it answers. */
  async end(): Promise<void> {
    await this.session?.end();
    this.finish('client', 'ended');
  }

  /**
   * Quick exit: wipe sessionStorage first (so nothing survives even if the page dies now), tell
   * the server she left (waiting only briefly for the ack), close the socket, wipe memory.
   */
  async quickExit(): Promise<void> {
    wipeSession(this.storage);
    const session = this.session;
    this.session = null;
    this.attempt++;
    await session?.leave(this.options.quickExitWaitMs ?? 300);
    this.set(idleView());
  }

  /** Back to the first screen after an ended or failed consultation. */
  reset(): void {
    if (this.phase === 'ended' || this.phase === 'unsafe') this.finish(null, null);
    this.set(idleView());
  }

  private async begin(opening: Opening): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'ended') return;
    if (!this.options.config().orgKey) return this.set({ error: 'NOT_CONFIGURED' });
    this.set(startingView());
    await this.open(opening, this.options.connectTimeoutMs ?? 15_000);
  }

  /** Loads the socket, the crypto and the session's code, then lets the session run; false when loading failed. */
  private async open(opening: Opening, connectTimeoutMs?: number): Promise<boolean> {
    const { server, orgKey } = this.options.config();
    const attempt = ++this.attempt;
    let deps: SessionDeps | null = null;
    let session: ConsultationSession;
    try {
      const [loaded, { ConsultationSession }] = await Promise.all([this.options.load(server, orgKey), loadSessionModule()]);
      deps = loaded;
      if (attempt !== this.attempt) throw new Error('she left while it loaded');
      session = new ConsultationSession(deps, opening, (e) => this.onSession(e), { connectTimeoutMs: opening.kind === 'saved' ? undefined : connectTimeoutMs });
    } catch {
      deps?.socket.close();
      deps?.crypto.wipe();
      if (attempt === this.attempt) this.set({ phase: 'idle', connection: 'idle', error: 'INTERNAL' });
      return false;
    }
    this.session = session;
    session.begin();
    return true;
  }

  private onSession(e: SessionEvent): void {
    if (e.type === 'save') return saveSession(e.saved, this.storage);
    if (e.type === 'refused' || e.type === 'ended') this.session = null;
    if (e.type === 'ended') wipeSession(this.storage);
    this.set(viewAfter(this, e));
  }

  /** Ends locally: the session disposed (key zeroed, socket closed), plaintext dropped, sessionStorage wiped. */
  private finish(endedBy: ConsultationView['endedBy'], reason: ConsultationView['endReason']): void {
    this.teardown();
    wipeSession(this.storage);
    this.set(endedView(endedBy, reason));
  }

  /** Disposes the session (memory only; sessionStorage is the caller's). */
  private teardown(): void {
    this.attempt++;
    this.session?.dispose();
    this.session = null;
  }

  private set(patch: Partial<ConsultationView>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
