import type { EnrolInfo } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { EnrolFinishEvent } from '../../events/enrol-finish.event.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import { newPasswordProblem } from '../../state/passwords.js';
import { cardFormStyles } from '../../styles/card-form.styles.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import '../fingerprint-digits/fingerprint-digits.js';
import { enrolPageStyles } from './enrol-page.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.enrol;

/**
 * Her enrolment, from the invitation link (`#invite=…`): who the invitation is for, her password
 * twice, then her browser makes her key pairs and wraps them (the relay gets public keys and the
 * wrapped blob only), and shows her keys' fingerprint large, for her to read to the admin.
 *
 * @fires tsg-enrol-finish
 */
export class TsgEnrolPage extends LitElement {
  static override styles = [baseStyles, cardFormStyles, fieldStyles, enrolPageStyles];

  /** Asks the relay who the invitation is for. */
  @property({ attribute: false }) lookup: (() => Promise<FormResult<{ invitation: EnrolInfo }>>) | null = null;
  /** Makes and wraps her keys, uploads them, and answers with her fingerprint. */
  @property({ attribute: false }) enrol: ((password: string, invitation: EnrolInfo) => Promise<FormResult<{ fingerprint: string }>>) | null = null;

  @state() private invitation: EnrolInfo | null = null;
  @state() private lookupError = '';
  @state() private error = '';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private fingerprint = '';

  @query('form') private form?: HTMLFormElement;
  @query('h1') private heading?: HTMLElement;

  override async firstUpdated(): Promise<void> {
    const result = await this.lookup?.();
    if (!result) return;
    if (result.ok) this.invitation = result.invitation;
    else this.lookupError = result.error;
  }

  override render() {
    return html`<section class="card" aria-labelledby="enrol-heading">${this.fingerprint ? this.renderDone() : this.renderForm()}</section>`;
  }

  private renderForm() {
    const who = this.invitation;
    return html`
      <h1 id="enrol-heading" tabindex="-1">${t.heading}</h1>
      ${this.lookupError
        ? html`<p class="error" role="alert">${this.lookupError}</p>`
        : !who
          ? html`<p role="status">${t.loading}</p>`
          : html`
              <p class="welcome">${t.welcome(who.displayName)}</p>
              <dl>
                <dt>${t.username}</dt>
                <dd translate="no">${who.username}</dd>
                <dt>${t.role}</dt>
                <dd>${ja.role[who.role]}</dd>
              </dl>
              <p class="intro">${t.intro}</p>
              <form @submit=${this.onSubmit} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
                <input type="text" name="username" autocomplete="username" .value=${who.username} hidden />
                <div class="field">
                  <label for="enrol-password">${t.password}</label>
                  <input id="enrol-password" name="password" type="password" autocomplete="new-password" aria-describedby="enrol-hint" ?disabled=${this.busy} />
                  <p class="hint" id="enrol-hint">${t.passwordHint}</p>
                </div>
                <div class="field">
                  <label for="enrol-again">${t.passwordAgain}</label>
                  <input id="enrol-again" name="again" type="password" autocomplete="new-password" ?disabled=${this.busy} />
                </div>
                <p class="error" role="alert">${this.error}</p>
                <button class="btn-primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>
                <p class="busy" role="status">${this.busy ? t.busy : nothing}</p>
              </form>
            `}
    `;
  }

  private renderDone() {
    return html`
      <h1 id="enrol-heading" tabindex="-1">${t.doneHeading}</h1>
      <tsg-fingerprint-digits .label=${t.fingerprintLabel} .digits=${this.fingerprint}></tsg-fingerprint-digits>
      <p class="read-aloud">${t.readAloud}</p>
      <p class="intro">${t.afterConfirm}</p>
      <button class="btn-secondary" type="button" @click=${() => this.dispatchEvent(new EnrolFinishEvent())}>${t.toLogin}</button>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = this.form;
    const invitation = this.invitation;
    if (this.busy || !this.enrol || !form || !invitation) return;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const password = field('password').value;
    const problem = newPasswordProblem(password, field('again').value);
    if (problem) {
      this.error = problem === 'tooShort' ? t.tooShort : t.mismatch;
      await this.updateComplete;
      field(problem === 'tooShort' ? 'password' : 'again').focus();
      return;
    }
    this.busy = true;
    this.error = '';
    // Key generation and Argon2id block the main thread: let the busy text paint first.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const result = await this.enrol(password, invitation);
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    form.reset();
    this.fingerprint = result.fingerprint;
    await this.updateComplete;
    this.heading?.focus();
  }
}
