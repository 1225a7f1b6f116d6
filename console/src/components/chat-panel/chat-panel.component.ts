import type { ConsultationRecordPayload, CounselorState, HandoffBookPayload, StoredMessage } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatCloseEvent } from '../../events/chat-close.event.js';
import { EndRequestEvent } from '../../events/end-request.event.js';
import { endedText, ja } from '../../i18n/ja.js';
import { BusyFocusController, focusLost } from '../../services/busy-focus.controller.js';
import { type ChatState, chatPhase, recordedAt } from '../../state/chats.js';
import type { FormResult, HandoffResult, MessageDraft, TransferDraft } from '../../state/form-requests.js';
import { formatClock, shortLabel } from '../../state/queue.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../case-record-form/case-record-form.js';
import '../handoff-form/handoff-form.js';
import '../message-composer/message-composer.js';
import '../transfer-form/transfer-form.js';
import { chatPanelStyles } from './chat-panel.styles.js';

/** The one sub-form open under the chat's heading (the record form also shows by itself once the chat ended). */
export type PanelForm = 'record' | 'transfer' | 'handoff';
/**
 * The question asked before what cannot be undone: ending the chat, or closing it unrecorded. Kept
 * apart from {@link PanelForm}: asking whether to end must not take away the record she is writing.
 */
export type PanelQuestion = 'end' | 'close';

/**
 * One consultation: its messages, the key-exchange and end states, the end control (with a
 * confirmation step, as ending cannot be undone), the composer, and one sub-form at a time: the
 * case record (open by itself once the chat ended; closing an ended chat that is not recorded asks
 * first), the transfer form or the hand-off form.
 *
 * @fires tsg-end-request
 * @fires tsg-chat-close
 */
export class TsgChatPanel extends LitElement {
  static override styles = [baseStyles, chatPanelStyles];

  /** The chat to show; `null` shows a hint to pick one. */
  @property({ attribute: false }) chat: ChatState | null = null;
  /** A kind sentence about the last action on this chat that failed. */
  @property() error = '';
  /** The end request is on its way. */
  @property({ type: Boolean }) ending = false;
  /** Counselors she may hand this chat to (herself excluded). */
  @property({ attribute: false }) counselors: readonly CounselorState[] = [];
  /** The transfer request is on its way. */
  @property({ type: Boolean }) transferring = false;
  /** The forms' requests, handed on to the composer and the record, transfer and hand-off forms. */
  @property({ attribute: false }) send: ((draft: MessageDraft) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) record: ((record: ConsultationRecordPayload) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) transfer: ((transfer: TransferDraft) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) book: ((booking: HandoffBookPayload) => Promise<HandoffResult>) | null = null;

  /** Which sub-form she opened (record, transfer, hand-off), if any. */
  @state() private open: PanelForm | null = null;
  /** The question shown before ending the chat or closing it unrecorded, if any. */
  @state() private asking: PanelQuestion | null = null;
  @query('.log') private log?: HTMLElement;
  @query('h2') private heading?: HTMLElement;
  private stickToBottom = true;
  /** A refused end gives her 相談を終了する back (onEndConfirm puts her there before it is disabled). */
  private readonly keepFocus = new BusyFocusController(this, () => this.ending);

  override willUpdate(changed: PropertyValues<this>): void {
    const prev = changed.get('chat');
    if (changed.has('chat') && prev?.consultation.consultationId !== this.chat?.consultation.consultationId) {
      this.open = null;
      this.asking = null;
      this.stickToBottom = true;
    } else if (this.log) {
      // Follow new messages only when she was already reading the latest ones.
      const l = this.log;
      this.stickToBottom = l.scrollHeight - l.scrollTop - l.clientHeight < 48;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (this.stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
    const prev = changed.get('chat');
    if (prev && !prev.ended && this.chat?.ended && prev.consultation.consultationId === this.chat.consultation.consultationId) void this.recordAfterEnd();
  }

  /**
   * The chat ended (her end, or the woman left) and took the focus with the end button or the
   * composer: the record, which opens by itself, is what she does next. Focus put elsewhere stays.
   */
  private async recordAfterEnd(): Promise<void> {
    // The composer is disabled, and the record form drawn, in their own updates after this one.
    const children = this.renderRoot.querySelectorAll<LitElement>('tsg-message-composer, tsg-case-record-form');
    await Promise.all([...children].map((c) => c.updateComplete));
    if (focusLost()) this.recordForm()?.focus();
  }

  /** Moves focus to the chat's heading, so a screen reader starts at the top of the chat. */
  focusHeading(): void {
    this.heading?.focus();
  }

  override render() {
    const chat = this.chat;
    if (!chat) return html`<p class="none">${ja.chat.noneSelected}</p>`;
    const id = chat.consultation.consultationId;
    const phase = chatPhase(chat);
    return html`
      <section aria-labelledby="chat-heading">
        <div class="head">
          ${chat.consultation.urgent ? html`<span class="badge-urgent">${ja.chat.urgent}</span>` : nothing}
          <h2 id="chat-heading" tabindex="-1">${ja.chat.title(shortLabel(id))}</h2>
          <p class="campaign">${ja.queue.campaign(chat.consultation.campaign)}</p>
          <div class="actions">${this.renderAction(phase)}</div>
        </div>
        ${this.asking === 'end' ? this.renderConfirm() : nothing}
        ${this.asking === 'close' && phase === 'ended' ? this.renderCloseConfirm() : nothing}
        ${this.open === 'transfer' && phase === 'active'
          ? html`<tsg-transfer-form .consultationId=${id} .counselors=${this.counselors} ?busy=${this.transferring} .submit=${this.transfer}
              @tsg-transfer-cancel=${() => (this.open = null)}></tsg-transfer-form>`
          : nothing}
        ${this.open === 'handoff' && phase === 'active' ? html`<tsg-handoff-form .consultationId=${id} .submit=${this.book}></tsg-handoff-form>` : nothing}
        ${this.renderHandover(chat)}
        <p class="error" role="alert">${this.error}</p>
        <div role="status">${this.renderBanner(chat, phase)}</div>
        ${phase === 'ended' || this.open === 'record'
          ? html`<tsg-case-record-form .consultationId=${id} .intake=${chat.intake} .record=${chat.record}
              .recordedAt=${recordedAt(chat)} .submit=${this.record}></tsg-case-record-form>`
          : nothing}
        <ol class="log" aria-label=${ja.chat.messagesLabel} tabindex="0">
          ${this.renderMessages(chat)}
        </ol>
        <div class="order" role="status">
          ${chat.clientNotice && phase === 'active' ? html`<p class="banner">${chat.clientNotice}</p>` : nothing}
          ${chat.orderNotice.missing ? html`<p class="banner">${ja.chat.orderMissing}</p>` : nothing}
          ${chat.orderNotice.repeated ? html`<p class="banner">${ja.chat.orderRepeated}</p>` : nothing}
        </div>
        <p class="typing" aria-hidden=${chat.typing ? 'false' : 'true'}>${chat.typing && phase === 'active' ? ja.chat.clientTyping : ''}</p>
        <tsg-message-composer .consultationId=${id} ?disabled=${phase !== 'active'} .submit=${this.send}></tsg-message-composer>
      </section>
    `;
  }

  private renderAction(phase: ReturnType<typeof chatPhase>) {
    if (phase === 'ended') {
      return html`<button class="btn-secondary" type="button" aria-expanded=${this.asking === 'close' ? 'true' : 'false'} @click=${this.onClose}>
        ${ja.dismiss}
      </button>`;
    }
    const expanded = (form: PanelForm) => (this.open === form ? 'true' : 'false');
    return html`<button class="btn-secondary" type="button" aria-expanded=${expanded('record')} @click=${() => this.toggle('record')}>
        ${this.open === 'record' ? ja.record.hide : ja.record.open}
      </button>${phase === 'active'
        ? html`<button class="btn-secondary" type="button" aria-expanded=${expanded('transfer')} @click=${() => this.toggle('transfer')}>
            ${ja.transfer.open}
          </button><button class="btn-secondary" type="button" aria-expanded=${expanded('handoff')} @click=${() => this.toggle('handoff')}>
            ${ja.handoff.open}
          </button>`
        : nothing}<button
      class="btn-danger"
      type="button"
      aria-expanded=${this.asking === 'end' ? 'true' : 'false'}
      ?disabled=${this.ending}
      @click=${this.onEndClick}
    >
      ${this.ending ? ja.chat.ending : ja.chat.end}
    </button>`;
  }

  private renderConfirm() {
    return html`
      <div class="confirm" role="group" aria-labelledby="confirm-text">
        <p id="confirm-text">${ja.chat.endConfirm}</p>
        <button class="btn-danger-solid" type="button" @click=${() => this.onEndConfirm(false)}>${ja.chat.endConfirmYes}</button>
        ${this.chat && chatPhase(this.chat) === 'active'
          ? html`<button class="btn-danger" type="button" aria-describedby="nuisance-note" @click=${() => this.onEndConfirm(true)}>${ja.chat.nuisance}</button>`
          : nothing}
        <button class="btn-secondary" type="button" @click=${this.onEndCancel}>${ja.chat.endConfirmNo}</button>
        ${this.chat && chatPhase(this.chat) === 'active' ? html`<p class="note" id="nuisance-note">${ja.chat.nuisanceNote}</p>` : nothing}
      </div>
    `;
  }

  private renderCloseConfirm() {
    return html`
      <div class="confirm" role="group" aria-labelledby="close-confirm-text">
        <p id="close-confirm-text">${ja.record.closeUnrecorded}</p>
        <button class="btn-danger-solid" type="button" @click=${this.onCloseConfirm}>${ja.record.closeAnyway}</button>
        <button class="btn-secondary" type="button" @click=${this.onBackToRecord}>${ja.record.backToRecord}</button>
      </div>
    `;
  }

  /**
   * Opens a sub-form (closing any other) or closes it again, and puts focus in it. Opening the
   * transfer form also drops a pending end question: she chose to hand the chat on instead.
   */
  private async toggle(form: PanelForm): Promise<void> {
    this.open = this.open === form ? null : form;
    if (form === 'transfer' && this.asking === 'end') this.asking = null;
    await this.updateComplete;
    if (this.open !== form) return;
    if (form === 'record') this.recordForm()?.focus();
    else this.renderRoot.querySelector(`tsg-${form}-form`)?.focus();
  }

  private recordForm(): HTMLElement | null {
    const form = this.renderRoot.querySelector('tsg-case-record-form');
    return form?.shadowRoot?.querySelector<HTMLElement>('input') ?? null;
  }

  private async onBackToRecord(): Promise<void> {
    this.asking = null;
    await this.updateComplete;
    this.recordForm()?.focus();
  }

  private onCloseConfirm(): void {
    this.asking = null;
    const id = this.chat?.consultation.consultationId;
    if (id) this.dispatchEvent(new ChatCloseEvent({ consultationId: id }));
  }

  private renderHandover(chat: ChatState) {
    if (chat.handover.length === 0) return nothing;
    return html`
      <div class="handover" role="group" aria-labelledby="handover-heading">
        <h3 id="handover-heading">${ja.transfer.notesHeading}</h3>
        ${chat.handover.map(
          (n) =>
            html`<p><span class="who">${ja.transfer.noteFrom(n.fromName)} <time datetime=${n.createdAt}>${formatClock(n.createdAt)}</time></span><span class="note">${n.text ?? ja.transfer.noteUnreadable}</span></p>`,
        )}
      </div>
    `;
  }

  private renderBanner(chat: ChatState, phase: ReturnType<typeof chatPhase>) {
    if (phase === 'ended') return html`<p class="banner ended">${endedText(chat.ended?.endedBy ?? null, chat.ended?.reason ?? null)}</p>`;
    if (phase === 'keyFailed') return html`<p class="banner">${ja.chat.keyFailed}</p>`;
    if (phase === 'keyPending') return html`<p class="banner">${ja.chat.keyExchange}</p>`;
    return nothing;
  }

  private renderMessages(chat: ChatState) {
    if (!chat.historyLoaded && chat.messages.length === 0) return html`<li class="placeholder">${ja.chat.loadingHistory}</li>`;
    if (chat.messages.length === 0) {
      return html`<li class="placeholder">${chat.ended ? ja.chat.noMessagesEnded : ja.chat.noMessages}</li>`;
    }
    return repeat(chat.messages, (m) => m.id, (m) => this.renderMessage(chat, m));
  }

  private renderMessage(chat: ChatState, m: StoredMessage) {
    const opened = chat.plain.get(m.id);
    // Before its epoch's key arrives a message is simply not shown yet; a failure is a placeholder.
    if (opened === undefined && !chat.keyFailed) return nothing;
    // When it was written comes from inside the message (the relay keeps no time); an older one has none.
    const at = opened?.writtenAt;
    return html`
      <li class=${m.senderRole}>
        <p class="who">
          ${m.senderRole === 'client' ? ja.chat.fromClient : ja.chat.fromCounselor}
          ${at ? html`<time datetime=${at}>${formatClock(at)}</time>` : nothing}
        </p>
        ${opened
          ? html`<p class="text">${opened.text}</p>`
          : html`<p class="text unreadable">${ja.chat.undecryptable}</p>`}
      </li>
    `;
  }

  private async onEndClick(): Promise<void> {
    this.asking = this.asking === 'end' ? null : 'end';
    await this.updateComplete;
    if (this.asking === 'end') this.renderRoot.querySelector<HTMLButtonElement>('.confirm .btn-secondary')?.focus();
  }

  private onEndConfirm(nuisance: boolean): void {
    // The question goes, and the button she pressed with it: she is put back on 相談を終了する,
    // which is where a refusal leaves her (and the ending chat takes her on to the record).
    this.renderRoot.querySelector<HTMLButtonElement>('.actions .btn-danger')?.focus();
    this.asking = null;
    const id = this.chat?.consultation.consultationId;
    if (id) this.dispatchEvent(new EndRequestEvent({ consultationId: id, ...(nuisance ? { nuisance: true } : {}) }));
  }

  private async onEndCancel(): Promise<void> {
    this.asking = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.actions button')?.focus();
  }

  private async onClose(): Promise<void> {
    const id = this.chat?.consultation.consultationId;
    if (!id) return;
    // A record is what the program reports: closing without one must be her decision, not a slip.
    if (!this.chat || !recordedAt(this.chat)) {
      this.asking = this.asking === 'close' ? null : 'close';
      await this.updateComplete;
      if (this.asking === 'close') this.renderRoot.querySelector<HTMLButtonElement>('.confirm .btn-secondary')?.focus();
      return;
    }
    this.dispatchEvent(new ChatCloseEvent({ consultationId: id }));
  }
}
