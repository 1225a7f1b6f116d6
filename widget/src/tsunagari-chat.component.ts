import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resolveCampaign, resolveOrgKey, resolveServer } from './attributes.js';
import type { TsunagariComposer } from './components/composer.component.js';
import { ConsultationController, type ShownError } from './consultation.controller.js';
import type { SendEvent } from './events/send-event.js';
import type { RetryEvent } from './events/retry-event.js';
import { type Catalogue, catalogueFor } from './i18n/index.js';
import { loadSession } from './session-loader.js';
import { styles } from './tsunagari-chat.styles.js';

/**
 * `<tsunagari-chat>`: an anonymous, end-to-end encrypted chat with a counselor.
 *
 * The entry script holds only this launcher and the first screen; the Socket.IO client and
 * libsodium load when she presses start. Nothing is written to cookies or storage, the page
 * title is never touched, and nothing leaves the shadow root as an event.
 *
 * Registered by `index.ts`.
 *
 * @csspart launcher - the button that opens the chat
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar
 * @csspart screen - the body of each screen
 * @csspart start-button - the button that starts a consultation
 * @csspart status - the connection status line
 * @csspart end-button - the button that ends the consultation
 */
export class TsunagariChat extends LitElement {
  static override styles = styles;

  /** Relay base URL. Defaults to the origin this script was loaded from. */
  @property() server: string | null = null;
  /** The organisation's Ed25519 public key (base64url), pinned by the NPO's own page. Required. */
  @property({ attribute: 'org-key' }) orgKey: string | null = null;
  /** Optional flyer campaign id (`^[a-z0-9-]{1,32}$`); malformed values are ignored. */
  @property() campaign: string | null = null;
  /** UI language (`ja` by default). */
  @property() override lang = 'ja';

  /** Whether the panel is open (the launcher shows otherwise). */
  @state() private open = false;
  /** Asking "end the consultation?" before ending. */
  @state() private confirmingEnd = false;

  private readonly consultation = new ConsultationController(this, {
    config: () => ({
      server: resolveServer(this.server, import.meta.url),
      orgKey: resolveOrgKey(this.orgKey),
      campaign: resolveCampaign(this.campaign),
    }),
    load: loadSession,
  });
  /** Screen shown at the last update; focus moves when it changes. */
  private lastScreen = '';

  private get t(): Catalogue {
    return catalogueFor(this.lang);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (!this.open) {
      const label = this.consultation.phase === 'idle' || this.consultation.phase === 'ended' ? t.launcher : t.launcherBack;
      return html`<button class="launcher" part="launcher" type="button" lang=${t.lang} @click=${this.openPanel}>${label}</button>`;
    }
    return html`<section class="panel" part="panel" role="dialog" aria-modal="false" aria-labelledby="title" lang=${t.lang}>
      <div class="head" part="header">
        <h2 id="title">${t.panelLabel}</h2>
        <button type="button" class="secondary" @click=${this.closePanel}>${t.closePanel}</button>
      </div>
      <p class="status" part="status" role="status">${this.statusText()}</p>
      ${this.renderScreen()}
    </section>`;
  }

  private statusText(): string {
    const { connection, phase } = this.consultation;
    // "Connecting" is already the whole screen then; say it once.
    if (phase === 'connecting' || phase === 'idle' || phase === 'ended') return '';
    return this.t.status[connection];
  }

  private renderScreen(): TemplateResult {
    const t = this.t;
    const c = this.consultation;
    switch (c.phase) {
      case 'connecting':
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.connectingHeading}</h3>
          <p>${t.connectingBody}</p>
        </div>`;
      case 'waiting':
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.waitingHeading}</h3>
          <div role="status">${this.queueText(c.position)}</div>
          <p>${t.waitingBody}</p>
          ${this.errorText(c.error)}
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
        return html`<div class="screen" part="screen">
          <h3 tabindex="-1" data-focus>${t.introHeading}</h3>
          <ul>
            ${t.introLines.map((line) => html`<li>${line}</li>`)}
          </ul>
          ${this.errorText(c.error)}
          <div class="actions">
            <button type="button" part="start-button" @click=${this.start}>${c.error ? t.tryAgain : t.start}</button>
          </div>
        </div>`;
    }
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
      <tsunagari-chat-log .t=${t} .messages=${c.messages} @tsunagari-retry=${this.onRetry}></tsunagari-chat-log>
      <tsunagari-composer .t=${t} ?disabled=${c.connection !== 'connected'} @tsunagari-send=${this.onSend}></tsunagari-composer>
    </div>`;
  }

  private queueText(position: number | null): TemplateResult | typeof nothing {
    if (position === null) return nothing;
    const t = this.t;
    const ahead = position > 1 ? t.queueAhead(position - 1) : t.queueNext;
    return html`<p class="queue">${t.queuePosition(position)}</p>
      <p>${ahead}</p>`;
  }

  private errorText(error: ShownError | null): TemplateResult | typeof nothing {
    if (!error) return nothing;
    const t = this.t;
    const text = error === 'NOT_CONFIGURED' ? t.notConfigured : (t.errors[error as keyof Catalogue['errors']] ?? t.errors.generic);
    return html`<p class="error" role="alert">${text}</p>`;
  }

  /** Moves focus to the new screen's heading (or the text field in the chat) when it changes. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const screen = this.open ? `${this.consultation.phase}${this.confirmingEnd ? '-confirm' : ''}` : 'closed';
    if (screen === this.lastScreen) return;
    const first = this.lastScreen === '';
    const wasConfirming = this.lastScreen === 'chat-confirm';
    this.lastScreen = screen;
    if (first) return;
    const root = this.renderRoot;
    if (screen === 'closed') return root.querySelector<HTMLElement>('.launcher')?.focus();
    if (screen === 'chat') {
      if (wasConfirming) return root.querySelector<HTMLElement>('[part="end-button"]')?.focus();
      return root.querySelector<TsunagariComposer>('tsunagari-composer')?.focus();
    }
    root.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  private openPanel(): void {
    this.open = true;
  }

  private closePanel(): void {
    this.open = false;
    this.confirmingEnd = false;
  }

  private start(): void {
    void this.consultation.start();
  }

  private askEnd(): void {
    this.confirmingEnd = true;
  }

  private cancelEnd(): void {
    this.confirmingEnd = false;
  }

  private confirmEnd(): void {
    this.confirmingEnd = false;
    void this.consultation.end();
  }

  /** Nothing was sent to the unverified counselor; end it on the server too, then wipe. */
  private leaveUnsafe(): void {
    void this.consultation.end().then(() => {
      this.consultation.reset();
      this.open = false;
    });
  }

  private closeEnded(): void {
    this.consultation.reset();
    this.open = false;
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
