// Over 300 lines on purpose: this is the widget's shell, and what it does must be read in one
// place to see that quick exit always wins: the exit button and the status line render before
// any screen, every screen switch (the menu, the privacy page and the question after a reload
// included) runs through one `screen` getter, and focus moves only in `updated`. The screens,
// the session, quick exit and her language's text are already elements and controllers of
// their own; what is left here is the wiring between them.
import type { WidgetStatus } from '@tsunagari/shared';
import { adoptStyles, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isCodeRefused } from './code-integrity.js';
import { resolveCampaign, resolveOrgKey, resolveReloadWindowMs, resolveServer } from './attributes.js';
import { ConsultationController } from './consultation/consultation.controller.js';
import type { ContinueEvent } from './events/continue-event.js';
import type { DismissEvent } from './events/dismiss-event.js';
import type { IntakeSubmitEvent } from './events/intake-submit-event.js';
import { NavigateEvent } from './events/navigate-event.js';
import type { ResumeSubmitEvent } from './events/resume-submit-event.js';
import type { RetryEvent } from './events/retry-event.js';
import type { SendEvent } from './events/send-event.js';
import { fetchWidgetStatus } from './hours-status.js';
import { EXIT_LABELS } from './i18n/exit-labels.js';
import { type Catalogue, type Lang, LANG_NAMES, LANGS, langFor } from './i18n/index.js';
import { LanguageController } from './i18n/language.controller.js';
import { QuickExitController } from './safety/quick-exit.controller.js';
import type { PrivacyFigures } from './i18n/ja-later.js';
import type { CodeState } from './screens/resume-code.component.js';
import type { ScreenElement } from './screens/screen-element.js';
import { laterElementsReady, loadLaterElements, loadSession, preloadSession } from './consultation/session-loader.js';
import { lazyProofSource } from './consultation/proof-source.js';
import { styles } from './tsunagari-chat.styles.js';

type IdleView = 'intro' | 'intake' | 'resume' | 'continue';

/**
 * `<tsunagari-chat>`: an anonymous, end-to-end encrypted chat with a counselor.
 *
 * Safety first: a quick exit button is always on screen while it is open (and Shift pressed
 * three times does the same); nothing is written to cookies, local or indexed storage; the
 * page title is never touched; sessionStorage holds only what a reload of the tab needs.
 * The entry script holds the launcher, the first screen and the closed-hours screen; the other
 * screens, the Socket.IO client and libsodium load when she opens it, while she reads.
 * Each screen is an element of its own (`screens/`); this one holds the shell (exit button,
 * title bar, language switcher, status line), picks the screen and moves focus between them.
 *
 * @attr server - relay base URL (default: the origin this script came from)
 * @attr org-key - the organisation's Ed25519 public key (pinned by the NPO's own page)
 * @attr campaign - flyer campaign id, recorded for statistics only
 * @attr lang - `ja` (default), `ja-easy` (やさしい日本語) or `en`
 * @attr mode - `embedded` (launcher button, default) or `fullscreen` (the QR landing page)
 * @attr open - start open
 * @attr exit-url - where quick exit goes (`location.replace`); a neutral page by default
 * @attr reload-window - minutes a reload of the tab may carry the chat on (default 5, at most 30)
 * @attr shadow - `closed` for a closed shadow root (hosts that carry third-party scripts); `open` by default
 *
 * @csspart launcher - the button that opens the chat
 * @csspart exit - the quick exit button
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar
 * @csspart status - the connection status line
 * @csspart screen - the body of each screen
 * @csspart start-button - the button that starts a consultation
 * @csspart end-button - the button that ends the consultation
 */
export class TsunagariChat extends LitElement {
  static override styles = styles;

  @property() server: string | null = null;
  @property({ attribute: 'org-key' }) orgKey: string | null = null;
  @property() campaign: string | null = null;
  @property() override lang = 'ja';
  @property({ reflect: true }) mode: 'embedded' | 'fullscreen' = 'embedded';
  @property({ type: Boolean }) open = false;
  @property({ attribute: 'exit-url' }) exitUrl: string | null = null;
  @property({ attribute: 'reload-window' }) reloadWindow: string | null = null;

  /** The screens after the first have loaded (`chat-elements.ts`). */
  @state() private later = laterElementsReady();
  @state() private view: IdleView = 'intro';
  @state() private status: WidgetStatus | null = null;
  @state() private code: CodeState = null;
  /** The privacy page shows over whatever screen she was on (a chat goes on underneath). */
  @state() private about = false;

  /** Her language, and its text once loaded. */
  private readonly language = new LanguageController(this, () => this.shown, (e) => this.loadFailed(e));
  private readonly consultation = new ConsultationController(this, {
    config: () => this.config(),
    load: loadSession,
    proofs: lazyProofSource(() => this.config().server),
    reloadWindowMs: () => resolveReloadWindowMs(this.reloadWindow),
  });
  private readonly quick = new QuickExitController(this, {
    active: () => this.shown || this.consultation.phase !== 'idle',
    exitUrl: () => this.exitUrl,
    countText: (n) => this.t.shiftCount(n),
    hide: () => this.resetUi(),
    wipe: () => this.consultation.quickExit(),
    restoreEmpty: () => {
      this.consultation.reset();
      this.resetUi();
    },
  });
  /** Screen shown at the last update; focus moves when it changes. */
  private lastScreen = '';
  private statusAsked = false;

  private config() {
    return {
      server: resolveServer(this.server, import.meta.url),
      orgKey: resolveOrgKey(this.orgKey),
      campaign: resolveCampaign(this.campaign),
    };
  }

  /** The text in use (see {@link LanguageController.t}). */
  private get t(): Catalogue {
    return this.language.t;
  }

  /** The whole catalogue and the later screens, before she moves past the first screen. */
  private async ensureLater(): Promise<void> {
    await Promise.all([this.language.ensure(), loadLaterElements()]);
    this.later = true;
  }

  private get fullscreen(): boolean {
    return this.mode === 'fullscreen';
  }

  /** The panel is showing (fullscreen is always open). */
  private get shown(): boolean {
    return this.open || this.fullscreen;
  }

  /**
   * The shadow root, closed when the page asks (`shadow="closed"`): scripts on the host page then
   * get no handle on the widget's DOM through `element.shadowRoot` (read at the first connection).
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const mode = this.getAttribute('shadow') === 'closed' ? 'closed' : 'open';
    const root = this.attachShadow({ ...TsunagariChat.shadowRootOptions, mode });
    adoptStyles(root, TsunagariChat.elementStyles);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A reload of the same tab inside the reload window: ask first (「続けますか？」), show nothing of it yet.
    if (this.consultation.phase === 'idle' && this.consultation.hasSaved()) {
      this.open = true;
      this.view = 'continue';
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const opened = (changed.has('open') || changed.has('mode')) && this.shown;
    if (changed.has('lang')) this.language.set(langFor(this.lang));
    // Opened: her language's catalogue, which was not fetched while only the launcher showed
    // (the launcher's labels are in the entry, EXIT_LABELS).
    else if (opened && !this.language.catalogue) this.language.set(this.language.lang);
    if (opened) this.whenOpened();
  }

  /** She opened it: fetch the heavy code while she reads, and ask whether the chat is open. */
  private whenOpened(): void {
    preloadSession();
    // The safety notice shows now: the start's proof of work is solved while she reads it.
    this.consultation.prepareStart();
    void this.ensureLater().catch((e: unknown) => this.loadFailed(e));
    if (!this.statusAsked) {
      this.statusAsked = true;
      void fetchWidgetStatus(this.config().server).then((s) => s && (this.status = s));
    }
  }

  /** A chunk failed to load: if its bytes were not the build's, the 'unsafe' screen (else a retry will load it). */
  private loadFailed(e: unknown): void {
    if (isCodeRefused(e)) this.consultation.codeRefused();
  }

  /** What the privacy page states: the relay's figures as it reported them, and this page's reload window. */
  private privacyFigures(): PrivacyFigures {
    const records = this.status?.records;
    return {
      retentionDays: records?.retentionDays ?? null,
      resumeCodeDays: records?.resumeCodeDays ?? null,
      reloadMinutes: resolveReloadWindowMs(this.reloadWindow) / 60_000,
    };
  }

  private resetUi(): void {
    this.about = false;
    this.view = 'intro';
    this.code = null;
    if (!this.fullscreen) this.open = this.hasAttribute('open');
  }

  protected override render(): TemplateResult {
    const live = this.consultation.phase !== 'idle';
    const labels = EXIT_LABELS[this.language.lang];
    const exiting = this.quick.exiting;
    return html`${!exiting && (this.shown || live)
        ? html`<button type="button" class="exit" part="exit" lang=${labels.lang} @click=${this.quick.exit} aria-describedby="exit-hint">
            ${labels.exit}<span id="exit-hint" class="exit-hint" aria-hidden="true">${labels.exitHint}</span>
          </button>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" lang=${this.t.lang}>${this.quick.statusText}</div>
      ${exiting ? nothing : this.shown ? this.renderPanel() : this.renderLauncher(labels)}`;
  }

  private renderLauncher(labels: (typeof EXIT_LABELS)[Lang]): TemplateResult {
    const phase = this.consultation.phase;
    const label = phase === 'idle' || phase === 'ended' ? labels.launcher : labels.launcherBack;
    return html`<button class="launcher" part="launcher" type="button" lang=${labels.lang} @click=${() => (this.open = true)}>${label}</button>`;
  }

  private renderPanel(): TemplateResult {
    // Her language's text is not here yet: an empty panel for a moment, never the wrong language.
    if (!this.language.ready) return html`<section class="panel" part="panel" aria-busy="true"></section>`;
    const t = this.t;
    return html`<section class=${this.language.lang === 'ja-easy' ? 'panel easy' : 'panel'} part="panel" role=${this.fullscreen ? 'main' : 'dialog'} aria-labelledby="title" lang=${t.lang}>
      <div class="head" part="header">
        <h2 id="title">${t.panelLabel}</h2>
      </div>
      <div class="tools">
        <label class="lang">
          <span>${t.languageLabel}</span>
          <select @change=${(e: Event) => this.language.set(langFor((e.target as HTMLSelectElement).value))} .value=${this.language.lang}>
            ${LANGS.map((l) => html`<option value=${l} lang=${LANG_NAMES[l].lang} ?selected=${l === this.language.lang}>${LANG_NAMES[l].name}</option>`)}
          </select>
        </label>
        <button type="button" class="secondary small" @click=${() => this.onNavigate(new NavigateEvent('privacy'))}>${t.about}</button>
        ${this.fullscreen ? nothing : html`<button type="button" class="secondary small" @click=${this.closePanel}>${t.closePanel}</button>`}
      </div>
      <p class="status" part="status" role="status">${this.statusText()}</p>
      ${this.renderScreen()}
    </section>`;
  }

  private statusText(): string {
    const { connection, phase } = this.consultation;
    if (phase === 'connecting' || phase === 'idle' || phase === 'ended') return '';
    return this.t.status[connection];
  }

  private get closedNow(): boolean {
    return this.consultation.phase === 'idle' && (this.consultation.outsideHours || this.status?.open === false);
  }

  /** Which screen shows: the phase, and while idle the view she chose (or closed hours). */
  private get screen(): string {
    const phase = this.consultation.phase;
    if (this.about && this.language.catalogue && this.later && phase !== 'unsafe') return 'privacy';
    // 'unsafe' is in the entry: it shows even when the chunk of later screens was refused.
    if (phase !== 'idle') return (this.language.catalogue && this.later) || phase === 'connecting' || phase === 'unsafe' ? phase : 'connecting';
    // After a reload the question comes first, even after hours: the chat she was in goes on.
    if (this.closedNow && this.view !== 'continue') return 'closed';
    return this.view === 'intro' || (this.language.catalogue && this.later) ? this.view : 'connecting';
  }

  private renderScreen(): TemplateResult {
    const { t, consultation: c } = this;
    const parts = 'screen, start-button, end-button';
    switch (this.screen) {
      case 'connecting':
        return html`<tsunagari-connecting exportparts=${parts} .t=${t}></tsunagari-connecting>`;
      case 'closed':
        return html`<tsunagari-closed-hours exportparts=${parts} .t=${t} .status=${this.status} .language=${this.language.lang}></tsunagari-closed-hours>`;
      case 'intake':
        return html`<tsunagari-intake exportparts=${parts} .t=${t} .error=${c.error} .alternatives=${this.status?.alternatives}
          @tsunagari-intake-submit=${this.onIntake}></tsunagari-intake>`;
      case 'privacy':
        return html`<tsunagari-privacy exportparts=${parts} .t=${t} .figures=${this.privacyFigures()} @tsunagari-dismiss=${() => (this.about = false)}></tsunagari-privacy>`;
      case 'continue':
        return html`<tsunagari-continue exportparts=${parts} .t=${t} @tsunagari-continue=${this.onContinue}></tsunagari-continue>`;
      case 'resume':
        return html`<tsunagari-resume-entry exportparts=${parts} .t=${t} .error=${c.error} @tsunagari-navigate=${this.onNavigate} @tsunagari-resume-submit=${this.onResume}></tsunagari-resume-entry>`;
      case 'waiting':
        return html`<tsunagari-waiting exportparts=${parts} .t=${t} .position=${c.position} .estimatedWaitSeconds=${c.estimatedWaitSeconds}
          .showAlternatives=${c.showAlternatives} .alternatives=${this.status?.alternatives} .error=${c.error} .requeued=${c.requeued}
          .stillWaitingBy=${c.stillWaitingBy} .language=${this.language.lang} @tsunagari-still-here=${() => void c.stillHere()}>${this.renderCode()}</tsunagari-waiting>`;
      case 'chat':
        return html`<tsunagari-chat-screen exportparts=${parts} .t=${t} .transferred=${c.transferred} .order=${c.order} .counselorTyping=${c.counselorTyping} .error=${c.error} @tsunagari-end=${this.onEnd}>
          ${this.renderCode()}
          <tsunagari-chat-log slot="log" .t=${t} .language=${this.language.lang} .messages=${c.messages} @tsunagari-retry=${(e: RetryEvent) => void c.retry(e.detail.key)}></tsunagari-chat-log>
          <tsunagari-composer slot="composer" .t=${t} ?disabled=${c.connection !== 'connected'} @input=${() => c.typed()}
            @tsunagari-send=${(e: SendEvent) => void c.send(e.detail.text)}></tsunagari-composer>
        </tsunagari-chat-screen>`;
      case 'unsafe':
        return html`<tsunagari-unsafe exportparts=${parts} .t=${t} .reason=${c.unsafeReason} @tsunagari-dismiss=${this.leaveUnsafe}></tsunagari-unsafe>`;
      case 'ended':
        return html`<tsunagari-ended exportparts=${parts} .t=${t} .endedBy=${c.endedBy} .endReason=${c.endReason} @tsunagari-dismiss=${this.onDismiss}></tsunagari-ended>`;
      default:
        // The error texts come with the whole catalogue (ja-later.ts), never with the entry's first-screen text.
        return html`<tsunagari-safety-notice exportparts=${parts} .t=${t} .error=${this.language.catalogue ? c.error : null} @tsunagari-navigate=${this.onNavigate}></tsunagari-safety-notice>`;
    }
  }

  private renderCode(): TemplateResult {
    return html`<tsunagari-resume-code slot="code" exportparts="code-box" .t=${this.t} .language=${this.language.lang} .code=${this.code}
      @tsunagari-code-request=${this.requestCode} @tsunagari-code-hide=${() => (this.code = null)}></tsunagari-resume-code>`;
  }

  /** Moves focus to the new screen's start (its heading, or the text field in the chat) when it changes. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const screen = this.shown ? (this.language.ready ? this.screen : 'loading') : 'closed-panel';
    if (screen === this.lastScreen) return;
    const first = this.lastScreen === '' || this.lastScreen === 'loading';
    this.lastScreen = screen;
    // On first render nothing takes focus from the host page.
    if (first || this.quick.exiting || screen === 'loading') return;
    if (screen === 'closed-panel') return this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
    void this.renderRoot.querySelector<ScreenElement>('.panel > :last-child')?.focusStart?.();
  }

  private closePanel(): void {
    this.open = false;
  }

  private async onNavigate(e: NavigateEvent): Promise<void> {
    this.consultation.error = null;
    if (e.detail.to !== 'intro') {
      try {
        await this.ensureLater();
      } catch (err) {
        return this.loadFailed(err);
      }
    }
    if (e.detail.to === 'privacy') this.about = true;
    else this.view = e.detail.to;
  }

  private onIntake(e: IntakeSubmitEvent): void {
    void this.consultation.start({ urgent: e.detail.urgent, intake: e.detail.intake });
  }

  /** After a reload she chose: go on (the chat shows), or end it (nothing of it shows). */
  private onContinue(e: ContinueEvent): void {
    this.view = 'intro';
    void (e.detail.goOn ? this.consultation.restore() : this.consultation.decline());
  }

  private onResume(e: ResumeSubmitEvent): void {
    void this.consultation.resumeWithCode(e.detail.code);
  }

  private async requestCode(): Promise<void> {
    this.code = { kind: 'making' };
    const made = await this.consultation.createResumeCode();
    this.code = made ? { kind: 'shown', ...made } : { kind: 'failed' };
  }

  private onEnd(): void {
    this.code = null;
    void this.consultation.end();
  }

  /** Nothing was sent to the unverified counselor; end it on the server too, then wipe. */
  private leaveUnsafe(_e?: DismissEvent): void {
    void this.consultation.end().then(() => this.onDismiss());
  }

  private onDismiss(): void {
    this.consultation.reset();
    this.resetUi();
    if (!this.fullscreen) this.open = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-chat': TsunagariChat;
  }
}
