import type { ConsoleConfig, EnrolInfo } from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { LoginEvent } from '../../events/login.event.js';
import type { LogoutRequestEvent } from '../../events/logout-request.event.js';
import { ja } from '../../i18n/ja.js';
import { IdleLockController } from '../../services/idle-lock.controller.js';
import type { SignedIn } from '../../services/login.js';
import type { FormResult, PasswordChange } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../enrol-page/enrol-page.js';
import type { TsgLoginForm } from '../login-form/login-form.component.js';
import '../login-form/login-form.js';
import { consoleAppStyles } from './console-app.styles.js';

/** Wrong passwords on the lock screen before the console signs her out altogether. */
export const MAX_UNLOCK_ATTEMPTS = 5;

/** The invitation token in the page's fragment (`#invite=…`), if any. */
function inviteTokenOf(hash: string): string | null {
  const m = /^#invite=([A-Za-z0-9_-]{43})$/.exec(hash);
  return m?.[1] ?? null;
}

/**
 * The app shell: reads the pinned config, then shows the enrolment page (an invitation link),
 * the login screen, or the workspace once her keys are unlocked. It owns the idle lock: after
 * the configured minutes without input her keys are wiped and the workspace asks for her
 * password again. Keys are held in memory only, so a reload always comes back to log in again.
 */
export class TsgConsoleApp extends LitElement {
  static override styles = [baseStyles, consoleAppStyles];

  @state() private config: ConsoleConfig | null = null;
  @state() private configError = '';
  @state() private inviteToken = inviteTokenOf(location.hash);
  @state() private signedIn: SignedIn | null = null;
  @state() private locked = false;
  @state() private notice = '';
  @state() private loggingOut = false;
  private unlockFailures = 0;

  @query('tsg-login-form') private loginForm?: TsgLoginForm;

  private readonly idle = new IdleLockController(
    this,
    () => this.config?.lockAfterMinutes ?? 15,
    () => this.lock(),
  );

  private readonly onHashChange = () => {
    this.inviteToken = inviteTokenOf(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadConfig();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  override render() {
    const config = this.config;
    if (config && this.signedIn) {
      return html`<tsg-staff-workspace
        .session=${this.signedIn.session}
        .crypto=${this.signedIn.crypto}
        .trust=${this.signedIn.trust}
        .relayUrl=${config.relayUrl}
        .landingUrl=${config.landingUrl ?? ''}
        .recordsPublicKey=${config.recordsPublicKey ?? ''}
        .lockMinutes=${config.lockAfterMinutes}
        ?locked=${this.locked}
        .unlock=${this.unlock}
        .changePassword=${this.changePassword}
        ?loggingOut=${this.loggingOut}
        @tsg-logout-request=${this.onLogout}
      ></tsg-staff-workspace>`;
    }
    return html`
      <header class="brand">
        <p>${ja.app.name} <span>${ja.app.consoleName}</span></p>
      </header>
      <main class="login">${this.renderMain(config)}</main>
    `;
  }

  private renderMain(config: ConsoleConfig | null) {
    if (!config) return html`<p class=${this.configError ? 'error' : 'loading'} role=${this.configError ? 'alert' : 'status'}>${this.configError || ja.config.loading}</p>`;
    const token = this.inviteToken;
    if (token) {
      return html`<tsg-enrol-page
        .lookup=${() => import('../../services/account.js').then((a) => a.lookupInvitation(config, token))}
        .enrol=${(password: string, invitation: EnrolInfo) => this.enrol(config, token, invitation, password)}
        @tsg-enrol-finish=${this.onEnrolFinish}
      ></tsg-enrol-page>`;
    }
    return html`<tsg-login-form .config=${config} .notice=${this.notice} @tsg-login=${this.onLogin}></tsg-login-form>`;
  }

  private async loadConfig(): Promise<void> {
    let result;
    try {
      result = await (await import('../../services/console-config.js')).loadConsoleConfig();
    } catch {
      result = { ok: false as const, problem: 'missing' as const };
    }
    if (result.ok) this.config = result.config;
    else this.configError = ja.config[result.problem];
    await this.updateComplete;
    this.loginForm?.focus();
  }

  private async enrol(config: ConsoleConfig, token: string, invitation: EnrolInfo, password: string) {
    const result = await (await import('../../services/account.js')).enrol(config, token, invitation, password);
    // The token is used up: take it out of the address bar and the tab's history.
    if (result.ok) history.replaceState(null, '', `${location.pathname}${location.search}`);
    return result;
  }

  private async onEnrolFinish(): Promise<void> {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    this.inviteToken = null;
    await this.updateComplete;
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
    this.locked = false;
    this.unlockFailures = 0;
    this.signedIn = e.detail;
    this.idle.arm();
  }

  /** The idle lock: her secret keys are zeroed now; the workspace shows the lock screen. */
  private lock(): void {
    if (!this.signedIn || this.locked) return;
    this.signedIn.crypto.wipe();
    this.locked = true;
  }

  /** The lock screen's request: her password, derived and unwrapped here; too many misses sign her out. */
  private readonly unlock = async (password: string): Promise<FormResult> => {
    const signedIn = this.signedIn;
    if (!signedIn || !this.config) return { ok: false, error: '' };
    const result = await (await import('../../services/account.js')).unlock(signedIn, password, this.config);
    if (!result.ok) {
      this.unlockFailures += 1;
      if (this.unlockFailures >= MAX_UNLOCK_ATTEMPTS) void this.signOut(ja.lock.tooMany);
      return result;
    }
    this.unlockFailures = 0;
    this.signedIn = { ...signedIn, crypto: result.crypto };
    this.locked = false;
    this.idle.arm();
    return { ok: true };
  };

  /** The password form's request: re-wrapped here, uploaded, and the session updated. */
  private readonly changePassword = async (change: PasswordChange): Promise<FormResult> => {
    const signedIn = this.signedIn;
    if (!signedIn || !this.config) return { ok: false, error: '' };
    const result = await (await import('../../services/account.js')).changePassword(signedIn, change, this.config);
    if (!result.ok) return result;
    this.signedIn = { ...result.signedIn, crypto: this.signedIn?.crypto ?? signedIn.crypto };
    return { ok: true };
  };

  private async onLogout(e: LogoutRequestEvent): Promise<void> {
    await this.signOut(e.detail.expired ? ja.auth.sessionExpired : '');
  }

  private async signOut(notice: string): Promise<void> {
    if (this.loggingOut || !this.config) return;
    this.loggingOut = true;
    this.idle.disarm();
    // Secret keys are zeroed before the workspace (and its session keys) is dropped.
    this.signedIn?.crypto.wipe();
    const { postLogout } = await import('../../services/auth-api.js');
    await postLogout(this.config.relayUrl);
    this.signedIn = null;
    this.locked = false;
    this.loggingOut = false;
    this.notice = notice;
    document.title = `${ja.app.name} ${ja.app.consoleName}`;
    await this.updateComplete;
    this.loginForm?.focus();
  }
}
