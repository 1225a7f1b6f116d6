import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OrderNotice } from '@tsunagari/shared/client';
import type { ShownError } from '../consultation/view.js';
import { EndEvent } from '../events/end-event.js';
import { chatStyles } from './chat.styles.js';
import { errorText } from './parts.js';
import { ScreenElement } from './screen-element.js';
import { sharedStyles } from '../shared.styles.js';

/**
 * The chat with a verified counselor. Ending asks first ("終了しますか？"); focus moves to the
 * confirm button and back. The log, composer and resume-code box are slotted in by the host,
 * so their events (send, retry, code) bubble straight to it. Dispatches {@link EndEvent}.
 *
 * @slot code - the resume-code box
 * @slot log - the conversation
 * @slot composer - where she writes
 * @csspart end-button - the button that ends the consultation
 */
export class TsunagariChatScreen extends ScreenElement {
  static override styles = [sharedStyles, chatStyles];

  /** Another counselor took over. */
  @property({ attribute: false }) transferred = false;
  @property({ attribute: false }) error: ShownError | null = null;
  /** Missing or repeated messages: a calm line under the log (announced politely). */
  @property({ attribute: false }) order: OrderNotice = { missing: false, repeated: false };
  /** The counselor is writing: a quiet line under the log, announced politely when it appears. */
  @property({ attribute: false }) counselorTyping = false;

  @state() private confirming = false;

  /** Into the text field: that is where she will want to be. */
  override async focusStart(): Promise<void> {
    this.querySelector<HTMLElement>('tsunagari-composer')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="chat-head">
        <p>${t.connected}</p>
        ${this.confirming ? nothing : html`<button type="button" class="secondary" part="end-button" @click=${() => (this.confirming = true)}>${t.end}</button>`}
      </div>
      ${this.transferred ? html`<p class="notice" role="status">${t.transferred}</p>` : nothing}
      ${this.confirming
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">${t.endConfirm}</p>
            <div class="actions">
              <button type="button" data-confirm @click=${this.confirm}>${t.endYes}</button>
              <button type="button" class="secondary" @click=${() => (this.confirming = false)}>${t.endNo}</button>
            </div>
          </div>`
        : nothing}
      ${errorText(t, this.error)}
      <div class="code-area"><slot name="code"></slot></div>
      <slot name="log"></slot>
      <div class="order" role="status">
        ${this.order.missing ? html`<p class="notice">${t.orderMissing}</p>` : nothing}
        ${this.order.repeated ? html`<p class="notice">${t.orderRepeated}</p>` : nothing}
      </div>
      <p class="typing" role="status">${this.counselorTyping ? t.counselorTyping : nothing}</p>
      <slot name="composer"></slot>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('confirming') || changed.get('confirming') === undefined) return;
    const target = this.confirming ? '[data-confirm]' : '[part="end-button"]';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  private confirm(): void {
    this.confirming = false;
    this.dispatchEvent(new EndEvent());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-chat-screen': TsunagariChatScreen;
  }
}
