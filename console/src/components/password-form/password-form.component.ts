import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult, PasswordChange } from '../../state/form-requests.js';
import { newPasswordProblem } from '../../state/passwords.js';
import { cardFormStyles } from '../../styles/card-form.styles.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { passwordFormStyles } from './password-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.password;

/**
 * Her password change: the current password unwraps her keys in this browser, the new one wraps
 * them again (fresh salt, Argon2id MODERATE); the relay gets only the login values and the new
 * wrapped blob, and ends her other sessions.
 */
export class TsgPasswordForm extends LitElement {
  static override styles = [baseStyles, cardFormStyles, fieldStyles, passwordFormStyles];

  /** Re-wraps and uploads; a refusal comes back as a sentence. */
  @property({ attribute: false }) change: ((request: PasswordChange) => Promise<FormResult>) | null = null;

  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private done = false;

  @query('form') private form?: HTMLFormElement;

  override render() {
    return html`
      <section class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">${t.heading}</h2>
        <p class="intro">${t.intro}</p>
        <form @submit=${this.onSubmit} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
          <div class="field">
            <label for="pw-current">${t.current}</label>
            <input id="pw-current" name="current" type="password" autocomplete="current-password" ?disabled=${this.busy} />
          </div>
          <div class="field">
            <label for="pw-next">${t.next}</label>
            <input id="pw-next" name="next" type="password" autocomplete="new-password" aria-describedby="pw-hint" ?disabled=${this.busy} />
            <p class="hint" id="pw-hint">${ja.enrol.passwordHint}</p>
          </div>
          <div class="field">
            <label for="pw-again">${t.nextAgain}</label>
            <input id="pw-again" name="again" type="password" autocomplete="new-password" ?disabled=${this.busy} />
          </div>
          <p class="error" role="alert">${this.error}</p>
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>
          <p class="busy" role="status">${this.busy ? t.busy : this.done ? t.done : ''}</p>
        </form>
      </section>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = this.form;
    if (this.busy || !this.change || !form) return;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const current = field('current').value;
    const next = field('next').value;
    const problem = newPasswordProblem(next, field('again').value);
    this.done = false;
    if (!current) return this.refuse(t.wrongCurrent, field('current'));
    if (problem) return this.refuse(problem === 'tooShort' ? ja.enrol.tooShort : ja.enrol.mismatch, field('next'));
    if (next === current) return this.refuse(t.same, field('next'));
    this.busy = true;
    this.error = '';
    // Two Argon2id runs block the main thread: let the busy text paint first.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const result = await this.change({ current, next });
    this.busy = false;
    if (!result.ok) return this.refuse(result.error, field('current'));
    form.reset();
    this.done = true;
  }

  private refuse(message: string, focus: HTMLInputElement): void {
    this.error = message;
    void this.updateComplete.then(() => focus.focus());
  }
}
