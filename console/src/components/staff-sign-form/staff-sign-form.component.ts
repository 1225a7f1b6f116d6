import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { StaffActionCancelEvent } from '../../events/staff-action-cancel.event.js';
import { ja } from '../../i18n/ja.js';
import type { ActivateRequest, FormResult } from '../../state/form-requests.js';
import type { StaffAction, StaffRow } from '../../state/staff-directory.js';
import { baseStyles, formBoxStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import '../fingerprint-digits/fingerprint-digits.js';
import { forgetPassphrase, orgKeyFields, readOrgKeyFields } from './org-key-fields.js';
import { staffSignFormStyles } from './staff-sign-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.sign;

/**
 * One organisation-key action on one staff member: verify-and-sign a pending enrolment, renew an
 * active member's statement, or disable her. Each asks for the organisation key file (read in
 * this browser, never uploaded) and its passphrase, which are cleared from the form after every
 * attempt. For a pending enrolment the admin types the digits the staff member reads out; the
 * computed fingerprint cannot be pasted into that field.
 *
 * @fires tsg-staff-action-cancel
 */
export class TsgStaffSignForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, fieldStyles, staffSignFormStyles];

  @property({ attribute: false }) row: StaffRow | null = null;
  @property() action: StaffAction = 'activate';
  /** Opens the key file, signs and sends; a refusal comes back as a sentence. */
  @property({ attribute: false }) submit: ((request: ActivateRequest) => Promise<FormResult>) | null = null;

  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';

  @query('form') private form?: HTMLFormElement;

  /** Puts focus on the first field, for when the form has just been opened. */
  override focus(): void {
    void this.updateComplete.then(() => this.form?.querySelector<HTMLElement>('input, button')?.focus());
  }

  override render() {
    const row = this.row;
    if (!row) return nothing;
    const name = row.listing.displayName;
    const heading = { activate: t.activateHeading, renew: t.renewHeading, disable: t.disableHeading }[this.action](name);
    const unreadable = this.action === 'activate' && !row.pending;
    return html`
      <form aria-labelledby="sign-heading" @submit=${this.onSubmit} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
        <h3 id="sign-heading">${heading}</h3>
        ${unreadable ? html`<p class="error">${t.badPending}</p>` : html`${this.renderIntro(row)}${orgKeyFields()}`}
        <p class="error" role="alert">${this.error}</p>
        <div class="row">
          ${unreadable
            ? nothing
            : html`<button class=${this.action === 'disable' ? 'btn-danger-solid' : 'btn-primary'} type="submit" ?disabled=${this.busy}>
                ${this.busy ? t.busy : { activate: t.submitActivate, renew: t.submitRenew, disable: t.submitDisable }[this.action]}
              </button>`}
          <button class="btn-secondary" type="button" @click=${this.onCancel}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  private renderIntro(row: StaffRow) {
    if (this.action === 'renew') return html`<p class="intro">${t.renewNote}</p>`;
    if (this.action === 'disable') {
      return html`<p class="intro">${t.disableConfirm}</p>
        <label class="check"><input type="checkbox" name="confirm" />${t.disableConfirmCheck}</label>`;
    }
    const pending = row.pending!;
    return html`
      <p class="intro">${t.signing(ja.role[pending.statement.role], pending.statement.keyVersion)}</p>
      <tsg-fingerprint-digits .label=${t.computed} .digits=${pending.fingerprint}></tsg-fingerprint-digits>
      <div class="field">
        <label for="sign-typed">${t.typed}</label>
        <input
          id="sign-typed"
          name="typed"
          inputmode="numeric"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="sign-typed-hint"
          @paste=${(e: Event) => e.preventDefault()}
          @drop=${(e: Event) => e.preventDefault()}
        />
        <p class="hint" id="sign-typed-hint">${t.typedHint}</p>
      </div>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = this.form;
    const row = this.row;
    if (this.busy || !this.submit || !form || !row) return;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
    if (this.action === 'disable' && !field('confirm')?.checked) return this.refuse(t.disableNeedsConfirm, field('confirm'));
    const key = readOrgKeyFields(form);
    if (!key.ok) return this.refuse(key.error, key.field);
    this.busy = true;
    this.error = '';
    // Argon2id on the passphrase blocks the main thread: let the busy text paint first.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const result = await this.submit({ staffId: row.listing.staffId, file: key.file, passphrase: key.passphrase, typedFingerprint: field('typed')?.value ?? '' });
    // The passphrase is kept for this one attempt only.
    forgetPassphrase(form);
    this.busy = false;
    if (!result.ok) this.refuse(result.error, null);
  }

  private refuse(message: string, focus: HTMLElement | null): void {
    this.error = message;
    if (focus) void this.updateComplete.then(() => focus.focus());
  }

  private onCancel(): void {
    if (this.row) this.dispatchEvent(new StaffActionCancelEvent({ staffId: this.row.listing.staffId }));
  }
}
