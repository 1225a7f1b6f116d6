import type { CounselorState } from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import { TransferCancelEvent } from '../../events/transfer-cancel.event.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult, TransferDraft } from '../../state/form-requests.js';
import { baseStyles, formBoxStyles } from '../../styles/shared.styles.js';
import { transferFormStyles } from './transfer-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.transfer;

/**
 * Hands an active chat on (相談を引き継ぐ): to a counselor who is on and has room, or back to the
 * head of the queue, with an optional note that only whoever holds the chat's key next can read.
 * A refusal is shown on the chat's own error line, where every failed action on the chat is.
 *
 * @fires tsg-transfer-cancel
 */
export class TsgTransferForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, transferFormStyles];

  /** The chat to hand on. */
  @property() consultationId = '';
  /** Counselors she may hand it to (herself excluded); those away or full are left out here. */
  @property({ attribute: false }) counselors: readonly CounselorState[] = [];
  /** The transfer request is on its way. */
  @property({ type: Boolean }) busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  /** Hands the chat on (sealing its key to the receiver); ok once the server moved it. */
  @property({ attribute: false }) submit: ((transfer: TransferDraft) => Promise<FormResult>) | null = null;

  @query('select') private receiver?: HTMLSelectElement;

  /** Puts focus on the receiver's list, for when the form has just been opened. */
  override focus(): void {
    // Opened a moment ago: the list exists only after the first render.
    void this.updateComplete.then(() => this.receiver?.focus());
  }

  override render() {
    const others = this.counselors.filter((c) => c.status !== 'offline' && c.load < c.capacity);
    return html`
      <form aria-labelledby="transfer-heading" @submit=${this.onSubmit}>
        <h3 id="transfer-heading">${t.heading}</h3>
        <label for="transfer-to">${t.to}</label>
        <select id="transfer-to" name="to">
          ${others.map((c) => html`<option value=${c.staffId}>${t.counselorOption(c.displayName, c.load, c.capacity)}</option>`)}
          <option value="">${t.toQueue}</option>
        </select>
        <label for="transfer-note">${t.note}</label>
        <textarea id="transfer-note" name="note" rows="3" maxlength="2000"></textarea>
        <div class="row">
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button>
          <button class="btn-secondary" type="button" @click=${this.onCancel}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.consultationId || this.busy || !this.submit) return;
    const form = e.target as HTMLFormElement;
    const to = (form.elements.namedItem('to') as HTMLSelectElement).value;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    // Done: the chat leaves her list and this form with it. Refused: the panel's error line says why.
    await this.submit({ consultationId: this.consultationId, toStaffId: to === '' ? null : to, note });
  }

  private onCancel(): void {
    this.dispatchEvent(new TransferCancelEvent({ consultationId: this.consultationId }));
  }
}
