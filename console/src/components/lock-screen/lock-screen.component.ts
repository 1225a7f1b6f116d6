import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { cardFormStyles } from '../../styles/card-form.styles.js';
import { lockScreenStyles } from './lock-screen.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.lock;

/**
 * What the workspace shows while the idle lock is on: her keys are gone from memory, and only
 * her password brings them back (derived and unwrapped here in the browser, with the wrapped
 * keys this session already holds). The password never leaves `unlock`.
 */
export class TsgLockScreen extends LitElement {
  static override styles = [baseStyles, cardFormStyles, fieldStyles, lockScreenStyles];

  /** Minutes without input after which it locked (for the sentence). */
  @property({ type: Number }) minutes = 15;
  /** Derives, unwraps and unlocks; a refusal comes back as a sentence. */
  @property({ attribute: false }) unlock: ((password: string) => Promise<FormResult>) | null = null;

  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';

  @query('#lock-password') private passwordInput?: HTMLInputElement;

  override render() {
    return html`
      <section class="card" aria-labelledby="lock-heading">
        <h2 id="lock-heading">${t.heading}</h2>
        <p class="intro">${t.intro(this.minutes)}</p>
        <form @submit=${this.onSubmit} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
          <div class="field">
            <label for="lock-password">${t.password}</label>
            <input id="lock-password" type="password" autocomplete="current-password" required ?disabled=${this.busy} />
          </div>
          <p class="error" role="alert">${this.error}</p>
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>
          <p class="busy" role="status">${this.busy ? t.busy : ''}</p>
        </form>
      </section>
    `;
  }

  /** Puts the caret in the password field. */
  override focus(): void {
    void this.updateComplete.then(() => this.passwordInput?.focus());
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.passwordInput;
    if (this.busy || !this.unlock || !input) return;
    const password = input.value;
    if (!password) {
      this.error = t.wrong;
      return;
    }
    this.busy = true;
    this.error = '';
    // Argon2id blocks the main thread: let the busy text paint first.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const result = await this.unlock(password);
    input.value = '';
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      await this.updateComplete;
      input.focus();
    }
  }
}
