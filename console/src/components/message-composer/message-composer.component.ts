import { checkDraft, isSendShortcut, MAX_MESSAGE_CHARS, TypingSignal } from '@tsunagari/shared/client';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { TypingEvent } from '../../events/typing.event.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult, MessageDraft } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { messageComposerStyles } from './message-composer.styles.js';

/**
 * The text box and 「送信」. Enter makes a new line (Japanese input uses Enter to confirm
 * conversion); Ctrl/⌘+Enter sends. The draft is kept until the server has stored the message.
 *
 * @fires tsg-typing
 */
export class TsgMessageComposer extends LitElement {
  static override styles = [baseStyles, messageComposerStyles];

  @property() consultationId = '';
  /** True until the session key is open, and after the consultation ended. */
  @property({ type: Boolean }) disabled = false;
  /** Sends her message; ok once the server stored it (the draft is cleared only then). */
  @property({ attribute: false }) submit: ((draft: MessageDraft) => Promise<FormResult>) | null = null;

  @state() private draft = '';
  @state() private sending = false;

  @query('textarea') private textarea!: HTMLTextAreaElement;
  /** Her typing, told to the client's widget (throttled; "stopped" after a pause, on send, or when emptied). */
  private readonly typing = new TypingSignal((typing) => {
    if (this.consultationId) this.dispatchEvent(new TypingEvent({ consultationId: this.consultationId, typing }));
  });

  private setTyping(typing: boolean): void {
    if (typing) this.typing.input();
    else this.typing.stop();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // Each chat has its own draft: switching chats starts empty rather than carrying text over.
    if (changed.has('consultationId') && changed.get('consultationId') !== undefined) this.draft = '';
  }

  override render() {
    // UTF-16 length, as the server's schema counts it.
    const length = this.draft.length;
    const { over, sendable } = checkDraft(this.draft);
    const canSend = !this.disabled && !this.sending && sendable;
    return html`
      <form @submit=${this.onSubmit}>
        <label for="composer">${ja.chat.composerLabel}</label>
        <textarea
          id="composer"
          rows="3"
          .value=${this.draft}
          ?disabled=${this.disabled}
          aria-describedby="composer-hint composer-count"
          aria-invalid=${over ? 'true' : 'false'}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        ></textarea>
        <button class="btn-primary" type="submit" ?disabled=${!canSend}>${this.sending ? ja.chat.sending : ja.chat.send}</button>
        <p class="foot">
          <span id="composer-hint">${ja.chat.composerHint}</span>
          <span id="composer-count" class=${over ? 'over' : ''}>
            ${over ? ja.chat.tooLong(MAX_MESSAGE_CHARS) : ja.chat.charCount(length, MAX_MESSAGE_CHARS)}
          </span>
        </p>
      </form>
    `;
  }

  /** Moves the caret into the text box. */
  override focus(): void {
    this.textarea?.focus();
  }

  private onInput(e: InputEvent): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.setTyping(this.draft.trim() !== '');
  }

  private onKeydown(e: KeyboardEvent): void {
    if (isSendShortcut(e)) {
      e.preventDefault();
      void this.send();
    }
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    void this.send();
  }

  private async send(): Promise<void> {
    const { text, sendable } = checkDraft(this.draft);
    if (!this.submit || this.disabled || this.sending || !sendable) return;
    this.sending = true;
    this.setTyping(false);
    const consultationId = this.consultationId;
    const sent = this.draft;
    const res = await this.submit({ consultationId, text });
    this.sending = false;
    // A failed send keeps her words so she can try again. A stored one leaves the box, but only
    // what was sent: what she typed while it was on its way (after it, or instead of it) stays.
    if (res.ok && this.consultationId === consultationId) this.draft = this.draft.startsWith(sent) ? this.draft.slice(sent.length).trimStart() : this.draft;
    await this.updateComplete;
    this.textarea?.focus();
  }
}
