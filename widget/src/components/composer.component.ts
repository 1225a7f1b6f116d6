import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SendEvent } from '../events/send-event.js';
import type { Catalogue } from '../i18n/index.js';
import { checkDraft, isSendShortcut, MAX_MESSAGE_CHARS } from '@tsunagari/shared/client';
import { sharedStyles } from '../shared.styles.js';

/**
 * Where she writes. A real `<label>`, a textarea and a send button; Enter makes a new line
 * (phones have no other way), Ctrl/⌘ + Enter sends. Dispatches {@link SendEvent}.
 *
 * Registered as `tsunagari-composer` by `chat-elements.ts`.
 *
 * @csspart textarea - the text field
 * @csspart send-button - the send button
 */
export class TsunagariComposer extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.5rem;
        align-items: end;
      }
      label {
        grid-column: 1 / -1;
        font-size: 0.875rem;
        color: var(--_muted);
      }
      textarea {
        font: inherit;
        color: var(--_fg);
        background: var(--_bg);
        width: 100%;
        min-height: 3rem;
        max-height: 9rem;
        resize: none;
        padding: 0.5rem 0.75rem;
        border: 2px solid var(--_border);
        border-radius: 10px;
        field-sizing: content;
      }
      .note {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 0.8125rem;
        color: var(--_muted);
      }
      .note.over {
        color: var(--_danger);
        font-weight: 600;
      }
      /* Very narrow (200% zoom on a phone): the send button goes under the field. */
      @media (max-width: 300px) {
        form {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The UI text catalogue. */
  @property({ attribute: false }) t!: Catalogue;
  /** Disables sending (e.g. while the connection is down). */
  @property({ type: Boolean }) disabled = false;

  @state() private text = '';
  private get field(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea') as HTMLTextAreaElement;
  }

  /** Puts the caret in the text field (when the chat opens). */
  override focus(): void {
    void this.updateComplete.then(() => this.field?.focus());
  }

  protected override render() {
    const { over, sendable } = checkDraft(this.text);
    return html`<form @submit=${this.onSubmit} novalidate>
      <label for="message">${this.t.messageLabel}</label>
      <textarea
        id="message"
        part="textarea"
        rows="2"
        .value=${this.text}
        aria-describedby="note"
        aria-invalid=${over ? 'true' : 'false'}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      <button type="submit" part="send-button" ?disabled=${this.disabled || !sendable}>${this.t.send}</button>
      <p id="note" class="note ${over ? 'over' : ''}" aria-live="polite">
        ${over ? this.t.tooLong(MAX_MESSAGE_CHARS, this.text.length) : this.t.sendHint}
      </p>
    </form>`;
  }

  private onInput(e: Event): void {
    this.text = (e.target as HTMLTextAreaElement).value;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (isSendShortcut(e)) {
      e.preventDefault();
      this.submit();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.submit();
  }

  private submit(): void {
    const { text, sendable } = checkDraft(this.text);
    if (this.disabled || !sendable) return;
    this.dispatchEvent(new SendEvent(text));
    this.text = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-composer': TsunagariComposer;
  }
}
