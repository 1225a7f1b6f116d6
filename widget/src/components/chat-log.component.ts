import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../consultation/types.js';
import { RetryEvent } from '../events/retry-event.js';
import type { Catalogue, Lang } from '../i18n/index.js';
import { sharedStyles } from '../shared.styles.js';
import { writtenTime } from './written-time.js';

/**
 * The conversation. `role="log"` makes screen readers announce new messages politely; each
 * message says who wrote it and when (the time from inside the message: the relay keeps none;
 * a message without one shows none). Her failed messages offer a retry. Registered as
 * `tsunagari-chat-log` by `chat-elements.ts`.
 *
 * @csspart log - the scrolling list
 * @csspart message - one message
 */
export class TsunagariChatLog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 0;
      }
      .log {
        height: 100%;
        overflow-y: auto;
        padding: 0.75rem;
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
        list-style: none;
        margin: 0;
      }
      .msg {
        max-width: 85%;
        display: flex;
        flex-direction: column;
      }
      .msg.client {
        align-self: flex-end;
        align-items: flex-end;
      }
      .who {
        font-size: 0.75rem;
        color: var(--_muted);
      }
      .who time {
        margin-inline-start: 0.4em;
        font-variant-numeric: tabular-nums;
      }
      .bubble {
        padding: 0.5rem 0.8rem;
        border-radius: var(--_radius);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: var(--_surface);
        color: var(--_fg);
      }
      .client .bubble {
        background: var(--_accent);
        color: var(--_accent-fg);
      }
      .unreadable .bubble {
        font-style: italic;
        background: var(--_bg);
        color: var(--_muted);
        border: 1px dashed var(--_border);
      }
      .state {
        font-size: 0.75rem;
        color: var(--_muted);
      }
      .state.failed {
        color: var(--_danger);
        font-weight: 600;
      }
    `,
  ];

  /** The UI text catalogue. */
  @property({ attribute: false }) t!: Catalogue;
  /** Her language, for the times. */
  @property({ attribute: false }) language: Lang = 'ja';
  /** Messages in order (the controller's list). */
  @property({ attribute: false }) messages: readonly ChatMessage[] = [];

  protected override render() {
    return html`<div class="log" part="log" role="log" aria-live="polite" aria-label=${this.t.logLabel} tabindex="0">
      ${repeat(
        this.messages.filter((m) => !m.intake),
        (m) => m.key,
        (m) => this.renderMessage(m),
      )}
    </div>`;
  }

  private renderMessage(m: ChatMessage) {
    const who = m.from === 'client' ? this.t.you : this.t.counselor;
    const time = writtenTime(m.writtenAt, this.language);
    return html`<div class="msg ${m.from} ${m.text === null ? 'unreadable' : ''}" part="message">
      <span class="who">${who}${time ? html`<time datetime=${m.writtenAt ?? ''}>${time}</time>` : nothing}</span>
      <span class="bubble">${m.text ?? this.t.unreadable}</span>
      ${m.state === 'pending' ? html`<span class="state">${this.t.pending}</span>` : nothing}
      ${m.state === 'failed'
        ? html`<span class="state failed"
            >${m.failedLimit === 'waiting'
              ? this.t.failedWaiting
              : m.failedLimit === 'full'
                ? this.t.failedFull
                : m.failedLimit === 'storage'
                  ? this.t.failedStorage
                  : m.failedBusy
                    ? this.t.failedBusy
                    : this.t.failed}
            ${m.failedLimit === 'full' ? nothing : html`<button class="link" type="button" @click=${() => this.dispatchEvent(new RetryEvent(m.key))}>${this.t.retry}</button>`}</span
          >`
        : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // New messages appear at the bottom; keep them in view.
    if (changed.has('messages')) {
      const log = this.renderRoot.querySelector('.log');
      if (log) log.scrollTop = log.scrollHeight;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-chat-log': TsunagariChatLog;
  }
}
