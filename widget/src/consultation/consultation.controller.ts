import type { IntakeAnswers } from '@tsunagari/shared/client';
import { isCodeRefused } from '../code-integrity.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage, ConnectionStatus, Phase, SessionDeps } from './types.js';
import type { ConsultationSession } from './session.js';
import type { Opening, SessionEvent } from './session-events.js';
import { type ConsultationControllerOptions, type ConsultationView, endedView, idleView, type ShownError, startingView, viewAfter } from './view.js';
import { DEFAULT_RELOAD_WINDOW_MS, type KeyValueStore, loadSession as loadSaved, type SavedSession, saveSession, tabStorage, wipeSession } from '../safety/session-store.js';

export type { ConsultationConfig, ConsultationControllerOptions, ShownError } from './view.js';

/** The session's code travels in the transport chunk, with the socket and the crypto. */
const loadSessionModule = () => import('./transport.js');

/**
 * The whole consultation lifecycle for one `<tsunagari-chat>`, as one view: it opens a
 * {@link ConsultationSession} when she starts (or continues by code, or reloads the tab), maps
 * what the session tells it onto the view, and keeps sessionStorage to what a reload needs —
 * written only when that changes, wiped at the end and first thing on quick exit. Keys and
 * plaintext live in the session, in memory.
 *
 * The record expires a reload window (default 5 minutes) after the tab last had it: its expiry is
 * moved on while the tab lives (each write, every minute or so, and when the page is hidden or
 * closed), so a reload works, but a tab reopened later by whoever holds her phone starts clean.
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
  stillWaitingBy!: string | null;
  counselorTyping!: boolean;

  /** The live session, if any; at most one at a time. */
  private session: ConsultationSession | null = null;
  /** Counts openings and teardowns, so a session that finishes loading after she left is dropped. */
  private attempt = 0;
  /** The last record written, whose expiry is moved on while the tab lives. */
  private record: SavedSession | null = null;
  private freshTimer: ReturnType<typeof setInterval> | undefined;
  /** She chose not to go on after a reload: the session opens only to be ended, nothing is shown. */
  private declining = false;
  private readonly keepFresh = (): void => {
    if (this.record) saveSession(this.record, this.now() + this.reloadWindowMs, this.storage);
  };

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

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private get reloadWindowMs(): number {
    return this.options.reloadWindowMs?.() ?? DEFAULT_RELOAD_WINDOW_MS;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('pagehide', this.keepFresh);
  }

  /** The element left the page: close the socket and wipe memory (sessionStorage stays for a reload). */
  hostDisconnected(): void {
    globalThis.removeEventListener?.('pagehide', this.keepFresh);
    this.teardown();
  }

  /** True when this tab holds a consultation from before a reload, still inside the reload window (an expired one is removed). */
  hasSaved(): boolean {
    return loadSaved(this.now(), this.storage) !== null;
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
    const saved = loadSaved(this.now(), this.storage);
    if (!saved || !this.options.config().orgKey) return false;
    this.set({ phase: 'connecting', connection: 'connecting', error: null });
    return this.open({ kind: 'saved', saved });
  }

  /**
   * After a reload she chose not to go on: the record is wiped at once, the consultation is opened
   * only to be ended on the server (nothing of it is shown), and she sees the ended screen. If it
   * cannot be reached, she is back at the first screen with nothing kept.
   */
  async decline(): Promise<void> {
    const saved = this.phase === 'idle' ? loadSaved(this.now(), this.storage) : null;
    wipeSession(this.storage);
    if (!saved || !this.options.config().orgKey) return;
    this.declining = true;
    this.set({ phase: 'connecting', connection: 'connecting', error: null });
    if (!(await this.open({ kind: 'saved', saved }, this.options.connectTimeoutMs ?? 15_000))) this.declining = false;
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

  /** She answered 「まだお待ちですか？」 with yes: her place stays. */
  async stillHere(): Promise<void> {
    await this.session?.stillHere();
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
    this.forget();
    const session = this.session;
    this.session = null;
    this.attempt++;
    await session?.leave(this.options.quickExitWaitMs ?? 300);
    this.set(idleView());
  }

  /**
   * A chunk of the widget's code was not the build's: nothing of it ran. Whatever was open is
   * closed without a word to the server (the code that would say it cannot be trusted), and she
   * sees the 'unsafe' screen.
   */
  codeRefused(): void {
    this.teardown();
    this.declining = false;
    this.set({ ...idleView(), phase: 'unsafe', unsafeReason: 'code' });
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
      session = new ConsultationSession(deps, opening, (e) => this.onSession(e), { connectTimeoutMs: opening.kind === 'saved' ? undefined : connectTimeoutMs, now: () => this.now() });
    } catch (e) {
      deps?.socket.close();
      deps?.crypto.wipe();
      if (attempt === this.attempt && isCodeRefused(e)) this.codeRefused();
      else if (attempt === this.attempt) this.set({ phase: 'idle', connection: 'idle', error: 'INTERNAL' });
      return false;
    }
    this.session = session;
    session.begin();
    return true;
  }

  private onSession(e: SessionEvent): void {
    if (this.declining) return this.onDeclining(e);
    if (e.type === 'save') return this.remember(e.saved);
    if (e.type === 'refused' || e.type === 'ended') this.session = null;
    if (e.type === 'ended') this.forget();
    this.set(viewAfter(this, e));
  }

  /** While she declines: end it once the server knows this tab again; show nothing of it. */
  private onDeclining(e: SessionEvent): void {
    if (e.type === 'waiting' || e.type === 'chat' || e.type === 'unsafe') {
      this.declining = false;
      void this.end();
    } else if (e.type === 'refused' || e.type === 'ended' || (e.type === 'error' && e.error !== null)) {
      // Gone already, or the relay will not have it: nothing to end; she is back at the start.
      this.declining = false;
      this.finish(null, null);
      this.set(idleView());
    }
  }

  /** Writes the record with a fresh expiry, and keeps moving the expiry on while the tab lives. */
  private remember(saved: SavedSession): void {
    this.record = saved;
    this.keepFresh();
    this.freshTimer ??= setInterval(this.keepFresh, Math.min(60_000, Math.max(1_000, this.reloadWindowMs / 3)));
  }

  /** Wipes the record and stops moving its expiry on. */
  private forget(): void {
    this.record = null;
    clearInterval(this.freshTimer);
    this.freshTimer = undefined;
    wipeSession(this.storage);
  }

  /** Ends locally: the session disposed (key zeroed, socket closed), plaintext dropped, sessionStorage wiped. */
  private finish(endedBy: ConsultationView['endedBy'], reason: ConsultationView['endReason']): void {
    this.teardown();
    this.forget();
    this.set(endedView(endedBy, reason));
  }

  /** Disposes the session (memory only; sessionStorage is the caller's). */
  private teardown(): void {
    this.attempt++;
    this.record = null;
    clearInterval(this.freshTimer);
    this.freshTimer = undefined;
    this.session?.dispose();
    this.session = null;
  }

  private set(patch: Partial<ConsultationView>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}
