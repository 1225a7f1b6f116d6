import type { StaffSession } from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { LoginEvent } from '../../events/login.event.js';
import type { LogoutRequestEvent } from '../../events/logout-request.event.js';
import { ja } from '../../i18n/ja.js';
import type { StaffCrypto } from '../../services/staff-crypto.js';
import { baseStyles } from '../../styles/shared.styles.js';
import type { TsgLoginForm } from '../login-form/login-form.component.js';
import '../login-form/login-form.js';
import { consoleAppStyles } from './console-app.styles.js';

/**
 * The app shell: the login screen, or the workspace once her keys are unlocked. Keys are held
 * in memory only, so a reload always comes back here to log in again (by design).
 */
export class TsgConsoleApp extends LitElement {
  static override styles = [baseStyles, consoleAppStyles];

  @state() private session: StaffSession | null = null;
  @state() private crypto: StaffCrypto | null = null;
  @state() private notice = '';
  @state() private loggingOut = false;

  @query('tsg-login-form') private loginForm?: TsgLoginForm;

  override render() {
    if (this.session && this.crypto) {
      return html`<tsg-staff-workspace
        .session=${this.session}
        .crypto=${this.crypto}
        ?loggingOut=${this.loggingOut}
        @tsg-logout-request=${this.onLogout}
      ></tsg-staff-workspace>`;
    }
    return html`
      <header class="brand">
        <p>${ja.app.name} <span>${ja.app.consoleName}</span></p>
      </header>
      <main class="login">
        <tsg-login-form .notice=${this.notice} @tsg-login=${this.onLogin}></tsg-login-form>
      </main>
    `;
  }

  override firstUpdated(): void {
    this.loginForm?.focus();
  }

  private async onLogin(e: LoginEvent): Promise<void> {
    // The workspace (socket client, protocol schemas) is its own chunk, fetched after login.
    try {
      await import('../staff-workspace/staff-workspace.js');
    } catch {
      e.detail.crypto.wipe();
      this.notice = ja.auth.network;
      return;
    }
    this.notice = '';
    this.session = e.detail.session;
    this.crypto = e.detail.crypto;
  }

  private async onLogout(e: LogoutRequestEvent): Promise<void> {
    if (this.loggingOut) return;
    this.loggingOut = true;
    const { postLogout } = await import('../../services/auth-api.js');
    await postLogout();
    // Secret keys are zeroed before the workspace (and its session keys) is dropped.
    this.crypto?.wipe();
    this.crypto = null;
    this.session = null;
    this.loggingOut = false;
    this.notice = e.detail.expired ? ja.auth.sessionExpired : '';
    document.title = `${ja.app.name} ${ja.app.consoleName}`;
    await this.updateComplete;
    this.loginForm?.focus();
  }
}
