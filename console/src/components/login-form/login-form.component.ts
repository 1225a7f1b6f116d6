import type { ConsoleConfig } from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LoginEvent } from '../../events/login.event.js';
import { ja } from '../../i18n/ja.js';
import { login, loginErrorMessage, type LoginPhase } from '../../services/login.js';
import { cardFormStyles } from '../../styles/card-form.styles.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { loginFormStyles } from './login-form.styles.js';

/**
 * The sign-in card. It runs the whole login (Argon2id included) itself and, when her keys are
 * unlocked, dispatches {@link LoginEvent}; the password never leaves this element otherwise.
 *
 * @fires tsg-login
 */
export class TsgLoginForm extends LitElement {
  static override styles = [baseStyles, cardFormStyles, fieldStyles, loginFormStyles];

  /** A message to show on arrival, e.g. after the session expired. */
  @property() notice = '';
  /** The console's pinned configuration (relay, organisation key, KDF floor). */
  @property({ attribute: false }) config!: ConsoleConfig;

  @state() private phase: LoginPhase | null = null;
  @state() private error = '';

  @query('#username') private usernameInput!: HTMLInputElement;
  @query('#password') private passwordInput!: HTMLInputElement;

  override render() {
    const busy = this.phase !== null;
    const busyText = this.phase === 'keys' ? ja.login.busyKeys : this.phase === 'params' ? ja.login.busyParams : '';
    return html`
      <section class="card" aria-labelledby="login-heading">
        <h1 id="login-heading">${ja.login.heading}</h1>
        <p class="intro">${ja.login.intro}</p>
        <form @submit=${this.onSubmit} novalidate aria-busy=${busy ? 'true' : 'false'}>
          <div class="field">
            <label for="username">${ja.login.username}</label>
            <input
              id="username"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              required
              aria-describedby="username-hint"
              ?disabled=${busy}
            />
            <p class="hint" id="username-hint">${ja.login.usernameHint}</p>
          </div>
          <div class="field">
            <label for="password">${ja.login.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required ?disabled=${busy} />
          </div>
          <p class="error" role="alert">${this.error || this.notice}</p>
          <button class="btn-primary" type="submit" ?disabled=${busy}>${ja.login.submit}</button>
          <p class="busy" role="status">${busyText}</p>
        </form>
        <p class="note">${ja.login.keysOnlyInMemory}</p>
      </section>
    `;
  }

  /** Puts the caret in the first empty field. */
  override focus(): void {
    (this.usernameInput?.value ? this.passwordInput : this.usernameInput)?.focus();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.phase !== null) return;
    const username = this.usernameInput.value.trim().toLowerCase();
    const password = this.passwordInput.value;
    this.notice = '';
    if (!username || !password) {
      this.error = ja.login.required;
      (username ? this.passwordInput : this.usernameInput).focus();
      return;
    }
    this.error = '';
    const outcome = await login(this.config, username, password, (p) => {
      this.phase = p;
    });
    this.phase = null;
    if (!outcome.ok) {
      this.error = loginErrorMessage(outcome.error);
      this.passwordInput.value = '';
      await this.updateComplete;
      this.passwordInput.focus();
      return;
    }
    this.passwordInput.value = '';
    this.dispatchEvent(new LoginEvent(outcome.signedIn));
  }
}
