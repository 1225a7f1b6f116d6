import { AGE_BANDS, type AgeBand, type DangerAnswer, DANGER_ANSWERS, nextOpeningText, type Topic, TOPICS, type WidgetStatus } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resolveCampaign, resolveOrgKey, resolveServer } from './attributes.js';
import type { TsunagariComposer } from './components/composer.component.js';
import { ConsultationController, type ShownError } from './consultation.controller.js';
import type { IntakeAnswers } from './consultation-types.js';
import type { RetryEvent } from './events/retry-event.js';
import type { SendEvent } from './events/send-event.js';
import { fetchWidgetStatus, resolveExitUrl } from './hours-status.js';
import { type Catalogue, catalogueIfLoaded, firstScreen, type Lang, LANG_NAMES, LANGS, langFor, loadCatalogue } from './i18n/index.js';
import { ShiftCounter } from './safety/shift-counter.js';
import { loadSession, preloadSession } from './session-loader.js';
import { styles } from './tsunagari-chat.styles.js';

type IdleView = 'intro' | 'intake' | 'resume';
type CodeState = { kind: 'making' } | { kind: 'shown'; code: string; expiresAt: string } | { kind: 'failed' } | null;

/**
 * `<tsunagari-chat>`: an anonymous, end-to-end encrypted chat with a counselor.
 *
 * Safety first: a quick exit button is always on screen while it is open (and Shift pressed
 * three times does the same); nothing is written to cookies, localStorage or IndexedDB; the
 * page title is never touched; sessionStorage holds only what a reload of the tab needs.
 * The entry script holds the launcher and the first screens; the Socket.IO client and libsodium
 * load when she opens it, while she reads.
 *
 * @attr server - relay base URL (default: the origin this script came from)
 * @attr org-key - the organisation's Ed25519 public key (pinned by the NPO's own page)
 * @attr campaign - flyer campaign id, recorded for statistics only
 * @attr lang - `ja` (default), `ja-easy` (やさしい日本語) or `en`
 * @attr mode - `embedded` (launcher button, default) or `fullscreen` (the QR landing page)
 * @attr open - start open
 * @attr exit-url - where quick exit goes (`location.replace`); a neutral page by default
 *
 * @csspart launcher - the button that opens the chat
 * @csspart exit - the quick exit button
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar
 * @csspart screen - the body of each screen
 * @csspart start-button - the button that starts a consultation
 * @csspart status - the connection status line
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

  @state() private uiLang: Lang = 'ja';
  /** The catalogue in use; switches once the chosen language's chunk has loaded. */
  @state() private catalogue: Catalogue | null = null;
  @state() private view: IdleView = 'intro';
  @state() private confirmingEnd = false;
  @state() private status: WidgetStatus | null = null;
  @state() private ageBand: AgeBand | null = null;
  @state() private topics = new Set<Topic>();
  @state() private danger: DangerAnswer | null = null;
  @state() private resumeError: 'RESUME_INVALID' | null = null;
  @state() private code: CodeState = null;
  @state() private copied: 'ok' | 'failed' | null = null;
  @state() private shiftText = '';
  @state() private exiting = false;

  private readonly consultation = new ConsultationController(this, {
    config: () => this.config(),
    load: loadSession,
  });
  private readonly shift = new ShiftCounter();
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

  /**
   * The text in use. Until the whole catalogue has loaded only the first screen's Japanese is
   * here; later screens are reached only after {@link ensureCatalogue}.
   */
  private get t(): Catalogue {
    return this.catalogue ?? (firstScreen as Catalogue);
  }

  private ensureCatalogue(): Promise<Catalogue> {
    const lang = this.uiLang;
    return loadCatalogue(lang).then((c) => {
      if (this.uiLang === lang) this.catalogue = c;
      return c;
    });
  }

  /** Switches language; Japanese stays on screen until the other catalogue has arrived. */
  private setLang(lang: Lang): void {
    this.uiLang = lang;
    const have = catalogueIfLoaded(lang);
    if (have) {
      this.catalogue = have;
      return;
    }
    void this.ensureCatalogue();
  }

  private get fullscreen(): boolean {
    return this.mode === 'fullscreen';
  }

  /** The panel is showing (fullscreen is always open). */
  private get shown(): boolean {
    return this.open || this.fullscreen;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey, true);
    window.addEventListener('keyup', this.onKey, true);
    window.addEventListener('pageshow', this.onPageShow);
    // A reload of the same tab in the middle of a consultation: pick it up again.
    if (this.consultation.hasSaved()) {
      this.open = true;
      void this.consultation.restore();
    }
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('keyup', this.onKey, true);
    window.removeEventListener('pageshow', this.onPageShow);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.setLang(langFor(this.lang));
    if ((changed.has('open') || changed.has('mode')) && this.shown) this.whenOpened();
  }

  /** She opened it: fetch the heavy code while she reads, and ask whether the chat is open. */
  private whenOpened(): void {
    preloadSession();
    void this.ensureCatalogue();
    if (!this.statusAsked) {
      this.statusAsked = true;
      void this.refreshStatus();
    }
  }

  private async refreshStatus(): Promise<void> {
    const s = await fetchWidgetStatus(this.config().server);
    if (s) this.status = s;
  }

  /** Back from the exit page through the browser's cache: show an empty widget. */
  private readonly onPageShow = (e: PageTransitionEvent): void => {
    if (!e.persisted) return;
    this.exiting = false;
    this.removeAttribute('data-exiting');
    this.consultation.reset();
    this.resetUi();
  };

  private readonly onKey = (e: KeyboardEvent): void => {
    const active = this.shown || this.consultation.phase !== 'idle';
    if (!active || this.exiting) return;
    const r = this.shift.handle({ type: e.type === 'keyup' ? 'keyup' : 'keydown', key: e.key, repeat: e.repeat });
    if (r.kind === 'count') this.shiftText = this.t.shiftCount(r.count);
    else if (r.kind === 'reset') this.shiftText = '';
    else if (r.kind === 'exit') void this.quickExit();
  };

  /** Hide everything at once, wipe, tell the server (briefly), and leave without a history entry. */
  private readonly quickExit = async (): Promise<void> => {
    if (this.exiting) return;
    this.exiting = true;
    // Synchronous: the content disappears before anything else happens.
    this.setAttribute('data-exiting', '');
    const target = resolveExitUrl(this.exitUrl, location.href);
    this.resetUi();
    await this.consultation.quickExit();
    location.replace(target);
  };

  private resetUi(): void {
    this.view = 'intro';
    this.confirmingEnd = false;
    this.ageBand = null;
    this.topics = new Set();
    this.danger = null;
    this.resumeError = null;
    this.code = null;
    this.copied = null;
    this.shiftText = '';
    this.shift.reset();
    if (!this.fullscreen) this.open = this.hasAttribute('open');
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const live = this.consultation.phase !== 'idle';
    const showExit = !this.exiting && (this.shown || live);
    return html`${showExit
        ? html`<button type="button" class="exit" part="exit" lang=${t.lang} @click=${this.quickExit} aria-describedby="exit-hint">
            ${t.exit}<span id="exit-hint" class="exit-hint">${t.exitHint}</span>
          </button>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" lang=${t.lang}>${this.shiftText}</div>
      ${this.exiting ? nothing : this.shown ? this.renderPanel() : this.renderLauncher()}`;
  }

  private renderLauncher(): TemplateResult {
    const t = this.t;
    const label = this.consultation.phase === 'idle' || this.consultation.phase === 'ended' ? t.launcher : t.launcherBack;
    return html`<button class="launcher" part="launcher" type="button" lang=${t.lang} @click=${this.openPanel}>${label}</button>`;
  }

  private renderPanel(): TemplateResult {
    const t = this.t;
    return html`<section class="panel" part="panel" role=${this.fullscreen ? 'main' : 'dialog'} aria-labelledby="title" lang=${t.lang}>
      <div class="head" part="header">
        <h2 id="title">${t.panelLabel}</h2>
      </div>
      <div class="tools">
        <label class="lang">
          <span>${t.languageLabel}</span>
          <select @change=${this.onLang} .value=${this.uiLang}>
            ${LANGS.map((l) => html`<option value=${l} lang=${LANG_NAMES[l].lang} ?selected=${l === this.uiLang}>${LANG_NAMES[l].name}</option>`)}
          </select>
        </label>
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

  private renderScreen(): TemplateResult {
    const t = this.t;
    const c = this.consultation;
    // Screens after the first need the whole catalogue (a moment after opening).
    const phase = !this.catalogue && c.phase !== 'idle' ? 'connecting' : c.phase;
    switch (phase) {
      case 'connecting':
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.connectingHeading}</h3>
          <p>${t.connectingBody}</p>
        </div>`;
      case 'waiting':
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.waitingHeading}</h3>
          <div role="status">${this.queueText()}</div>
          <p>${t.waitingBody}</p>
          ${c.showAlternatives ? html`<p>${t.waitingAlternatives}</p>${this.renderAlternatives(false)}` : nothing}
          ${this.errorText(c.error)} ${this.renderCode()}
        </div>`;
      case 'chat':
        return this.renderChat();
      case 'unsafe':
        return html`<div class="screen" part="screen">
          <div class="error" role="alert">
            <h3 tabindex="-1" data-focus>${t.unsafeHeading}</h3>
            <p>${t.unsafeBody}</p>
          </div>
          <div class="actions"><button type="button" @click=${this.leaveUnsafe}>${t.close}</button></div>
        </div>`;
      case 'ended':
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.endedHeading}</h3>
          ${c.endedBy === 'counselor' ? html`<p>${t.endedByCounselor}</p>` : nothing}
          ${c.endReason === 'abandoned' ? html`<p>${t.endedAbandoned}</p>` : nothing}
          <p>${t.endedBody}</p>
          <div class="actions"><button type="button" @click=${this.closeEnded}>${t.close}</button></div>
        </div>`;
      default:
        if (this.closedNow) return this.renderClosed();
        if (this.view === 'intake') return this.renderIntake();
        if (this.view === 'resume') return this.renderResume();
        return this.renderIntro();
    }
  }

  private renderSafety(): TemplateResult {
    const t = this.t;
    return html`<div class="safety">
      <p>${t.safetyExit}</p>
      <p>${t.safetyHistory}</p>
      <h4>${t.safetyEmergencyHeading}</h4>
      <ul class="emergency">
        <li><a href="tel:110">${t.emergency110}</a></li>
        <li><a href="tel:119">${t.emergency119}</a></li>
        <li><a href="tel:%238008">${t.emergency8008}</a></li>
      </ul>
    </div>`;
  }

  private renderIntro(): TemplateResult {
    const t = this.t;
    const c = this.consultation;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.safetyHeading}</h3>
      ${this.renderSafety()}
      <h3>${t.introHeading}</h3>
      <ul>
        ${t.introLines.map((line) => html`<li>${line}</li>`)}
      </ul>
      ${this.errorText(c.error)}
      <div class="actions">
        <button type="button" part="start-button" @click=${this.toIntake}>${c.error ? t.tryAgain : t.start}</button>
        <button type="button" class="secondary" @click=${this.toResume}>${t.resumeStart}</button>
      </div>
    </div>`;
  }

  private renderClosed(): TemplateResult {
    const t = this.t;
    const next = this.status?.nextOpening ? new Date(this.status.nextOpening) : null;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.closedHeading}</h3>
      ${next && !Number.isNaN(next.getTime()) ? html`<p class="next">${nextOpeningText(next, this.uiLang)}</p>` : nothing}
      <p>${t.closedHours}</p>
      ${this.renderAlternatives(true)}
      ${this.renderSafety()}
    </div>`;
  }

  private renderAlternatives(withHeading: boolean): TemplateResult | typeof nothing {
    const alt = this.status?.alternatives;
    if (!alt) return nothing;
    const t = this.t;
    return html`<div class="alternatives">
      ${withHeading ? html`<h4>${t.alternativesHeading}</h4>` : nothing}
      <ul>
        <li><a href="mailto:${alt.mail}">${t.altMail(alt.mail)}</a></li>
        <li><a href="tel:${alt.phone.replace(/[^0-9+]/g, '')}">${t.altPhone(alt.phone)}</a></li>
      </ul>
      <p class="note">${t.altCallNote}</p>
    </div>`;
  }

  private renderIntake(): TemplateResult {
    const t = this.t;
    return html`<form class="screen intake" part="screen" @submit=${this.submitIntake}>
      <h3 tabindex="-1" data-focus>${t.intakeHeading}</h3>
      <p>${t.intakeIntro}</p>
      <fieldset>
        <legend>${t.dangerLabel}</legend>
        <div class="choices">
          ${DANGER_ANSWERS.map(
            (d) => html`<label class="choice"
              ><input type="radio" name="danger" .value=${d} .checked=${this.danger === d} @change=${() => (this.danger = d)} />${t.danger[d]}</label
            >`,
          )}
        </div>
      </fieldset>
      ${this.danger === 'yes'
        ? html`<div class="error danger" role="alert">
            <h4>${t.dangerHeading}</h4>
            <p>${t.dangerBody}</p>
            <ul class="emergency">
              <li><a href="tel:110">${t.emergency110}</a></li>
              <li><a href="tel:119">${t.emergency119}</a></li>
            </ul>
          </div>`
        : nothing}
      <fieldset>
        <legend>${t.ageLabel}</legend>
        <div class="choices">
          ${AGE_BANDS.map(
            (a) => html`<label class="choice"
              ><input type="radio" name="age" .value=${a} .checked=${this.ageBand === a} @change=${() => (this.ageBand = a)} />${t.ageBands[a]}</label
            >`,
          )}
          <label class="choice"
            ><input type="radio" name="age" value="" .checked=${this.ageBand === null} @change=${() => (this.ageBand = null)} />${t.ageNoAnswer}</label
          >
        </div>
      </fieldset>
      <fieldset>
        <legend>${t.topicsLabel}</legend>
        <div class="choices">
          ${TOPICS.map(
            (topic) => html`<label class="choice"
              ><input type="checkbox" .value=${topic} .checked=${this.topics.has(topic)} @change=${(e: Event) => this.toggleTopic(topic, e)} />${t
                .topics[topic]}</label
            >`,
          )}
        </div>
      </fieldset>
      <div class="actions equal">
        <button type="submit">${t.intakeContinue}</button>
        <button type="button" @click=${this.skipIntake}>${t.intakeSkip}</button>
      </div>
    </form>`;
  }

  private renderResume(): TemplateResult {
    const t = this.t;
    const c = this.consultation;
    const err = this.resumeError ?? (c.error === 'RESUME_INVALID' || c.error === 'RESUME_NOT_FOUND' ? c.error : null);
    const otherErr = err ? null : c.error;
    return html`<form class="screen" part="screen" @submit=${this.submitResume} novalidate>
      <h3 tabindex="-1" data-focus>${t.resumeHeading}</h3>
      <label for="code">${t.resumeLabel}</label>
      <input
        id="code"
        class="code-input"
        name="code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        aria-describedby="code-hint ${err ? 'code-error' : ''}"
        aria-invalid=${err ? 'true' : 'false'}
      />
      <p id="code-hint" class="note">${t.resumeHint}</p>
      ${err ? html`<p id="code-error" class="error" role="alert">${err === 'RESUME_INVALID' ? t.resumeInvalid : t.resumeNotFound}</p>` : nothing}
      ${this.errorText(otherErr)}
      <div class="actions">
        <button type="submit">${t.resumeSubmit}</button>
        <button type="button" class="secondary" @click=${this.toIntro}>${t.resumeBack}</button>
      </div>
    </form>`;
  }

  private renderCode(): TemplateResult {
    const t = this.t;
    const code = this.code;
    if (!code) {
      return html`<div class="actions"><button type="button" class="secondary small" data-code-request @click=${this.requestCode}>${t.codeRequest}</button></div>`;
    }
    if (code.kind === 'making') return html`<p role="status">${t.codeMaking}</p>`;
    if (code.kind === 'failed') return html`<p class="error" role="alert">${t.errors.generic}</p>`;
    const expires = new Date(code.expiresAt);
    const date = Number.isNaN(expires.getTime())
      ? code.expiresAt
      : new Intl.DateTimeFormat(this.uiLang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(expires);
    return html`<section class="code-box" aria-labelledby="code-title">
      <h3 id="code-title" tabindex="-1" data-code-focus>${t.codeHeading}</h3>
      <p>${t.codeBody}</p>
      <p class="code" lang="en" translate="no">${code.code}</p>
      <p>${t.codeExpires(date)}</p>
      <div class="actions">
        <button type="button" @click=${this.copyCode}>${t.codeCopy}</button>
        <button type="button" class="secondary" @click=${this.hideCode}>${t.codeClose}</button>
      </div>
      <p role="status">${this.copied === 'ok' ? t.codeCopied : this.copied === 'failed' ? t.codeCopyFailed : ''}</p>
    </section>`;
  }

  private renderChat(): TemplateResult {
    const t = this.t;
    const c = this.consultation;
    return html`<div class="chat">
      <div class="chat-head">
        <p>${t.connected}</p>
        ${this.confirmingEnd
          ? nothing
          : html`<button type="button" class="secondary" part="end-button" @click=${this.askEnd}>${t.end}</button>`}
      </div>
      ${c.transferred ? html`<p class="notice" role="status">${t.transferred}</p>` : nothing}
      ${this.confirmingEnd
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">${t.endConfirm}</p>
            <div class="actions">
              <button type="button" data-focus @click=${this.confirmEnd}>${t.endYes}</button>
              <button type="button" class="secondary" @click=${this.cancelEnd}>${t.endNo}</button>
            </div>
          </div>`
        : nothing}
      ${this.errorText(c.error)}
      <div class="code-area">${this.renderCode()}</div>
      <tsunagari-chat-log .t=${t} .messages=${c.messages} @tsunagari-retry=${this.onRetry}></tsunagari-chat-log>
      <tsunagari-composer .t=${t} ?disabled=${c.connection !== 'connected'} @tsunagari-send=${this.onSend}></tsunagari-composer>
    </div>`;
  }

  private queueText(): TemplateResult | typeof nothing {
    const { position, estimatedWaitSeconds } = this.consultation;
    if (position === null) return nothing;
    const t = this.t;
    const ahead = position > 1 ? t.queueAhead(position - 1) : t.queueNext;
    return html`<p class="queue">${t.queuePosition(position)}</p>
      <p>${ahead}</p>
      ${estimatedWaitSeconds !== null && estimatedWaitSeconds >= 0
        ? html`<p>${t.estimate(Math.max(1, Math.ceil(estimatedWaitSeconds / 60)))}</p>`
        : nothing}`;
  }

  private errorText(error: ShownError | null): TemplateResult | typeof nothing {
    if (!error || error === 'OUTSIDE_HOURS') return nothing;
    const t = this.t;
    if (error === 'RESUME_INVALID') return html`<p class="error" role="alert">${t.resumeInvalid}</p>`;
    if (error === 'RESUME_NOT_FOUND') return html`<p class="error" role="alert">${t.resumeNotFound}</p>`;
    const text = error === 'NOT_CONFIGURED' ? t.notConfigured : (t.errors[error as keyof Catalogue['errors']] ?? t.errors.generic);
    return html`<p class="error" role="alert">${text}</p>`;
  }

  /** Moves focus to the new screen's heading (or the text field in the chat) when it changes. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const c = this.consultation;
    const idleView = c.phase === 'idle' ? (this.closedNow ? 'closed' : this.view) : '';
    const screen = this.shown ? `${c.phase}${idleView}${this.confirmingEnd ? '-confirm' : ''}` : 'closed';
    if (screen === this.lastScreen) return;
    const first = this.lastScreen === '';
    const wasConfirming = this.lastScreen === 'chat-confirm';
    this.lastScreen = screen;
    // On first render only an opened landing page (a page of its own) takes focus.
    if (first || this.exiting) return;
    const root = this.renderRoot;
    if (screen === 'closed') return root.querySelector<HTMLElement>('.launcher')?.focus();
    if (screen === 'chat') {
      if (wasConfirming) return root.querySelector<HTMLElement>('[part="end-button"]')?.focus();
      return root.querySelector<TsunagariComposer>('tsunagari-composer')?.focus();
    }
    root.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  private onLang(e: Event): void {
    this.setLang(langFor((e.target as HTMLSelectElement).value));
  }

  private openPanel(): void {
    this.open = true;
  }

  private closePanel(): void {
    this.open = false;
    this.confirmingEnd = false;
  }

  private async toIntake(): Promise<void> {
    this.consultation.error = null;
    await this.ensureCatalogue();
    this.view = 'intake';
  }

  private async toResume(): Promise<void> {
    this.consultation.error = null;
    await this.ensureCatalogue();
    this.resumeError = null;
    this.view = 'resume';
  }

  private toIntro(): void {
    this.consultation.error = null;
    this.view = 'intro';
  }

  private toggleTopic(topic: Topic, e: Event): void {
    const next = new Set(this.topics);
    if ((e.target as HTMLInputElement).checked) next.add(topic);
    else next.delete(topic);
    this.topics = next;
  }

  private submitIntake(e: SubmitEvent): void {
    e.preventDefault();
    const intake: IntakeAnswers = {};
    if (this.ageBand) intake.ageBand = this.ageBand;
    if (this.topics.size > 0) intake.topics = TOPICS.filter((x) => this.topics.has(x));
    if (this.danger) intake.danger = this.danger;
    void this.consultation.start({ urgent: this.danger === 'yes', intake });
  }

  private skipIntake(): void {
    this.ageBand = null;
    this.topics = new Set();
    this.danger = null;
    void this.consultation.start();
  }

  private submitResume(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
    const code = input?.value ?? '';
    // Quick check of the shape before anything loads: 26 letters and digits, hyphens optional.
    const clean = code.toUpperCase().replace(/[\s\-‐－ー]/g, '');
    if (!/^[0-9A-Z]{26}$/.test(clean)) {
      this.resumeError = 'RESUME_INVALID';
      input?.focus();
      return;
    }
    this.resumeError = null;
    if (input) input.value = '';
    void this.consultation.resumeWithCode(code);
  }

  private async requestCode(): Promise<void> {
    this.code = { kind: 'making' };
    const made = await this.consultation.createResumeCode();
    this.code = made ? { kind: 'shown', ...made } : { kind: 'failed' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-code-focus]')?.focus();
  }

  private async copyCode(): Promise<void> {
    if (this.code?.kind !== 'shown') return;
    try {
      await navigator.clipboard.writeText(this.code.code);
      this.copied = 'ok';
    } catch {
      this.copied = 'failed';
    }
  }

  private async hideCode(): Promise<void> {
    this.code = null;
    this.copied = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-code-request]')?.focus();
  }

  private askEnd(): void {
    this.confirmingEnd = true;
  }

  private cancelEnd(): void {
    this.confirmingEnd = false;
  }

  private confirmEnd(): void {
    this.confirmingEnd = false;
    this.code = null;
    void this.consultation.end();
  }

  /** Nothing was sent to the unverified counselor; end it on the server too, then wipe. */
  private leaveUnsafe(): void {
    void this.consultation.end().then(() => this.closeEnded());
  }

  private closeEnded(): void {
    this.consultation.reset();
    this.resetUi();
    if (!this.fullscreen) this.open = false;
  }

  private onSend(e: SendEvent): void {
    void this.consultation.send(e.detail.text);
  }

  private onRetry(e: RetryEvent): void {
    void this.consultation.retry(e.detail.seq);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-chat': TsunagariChat;
  }
}
