import type { StaffRole } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { LogoutRequestEvent } from '../../events/logout-request.event.js';
import { ReconnectRequestEvent } from '../../events/reconnect-request.event.js';
import { ja } from '../../i18n/ja.js';
import type { ConnectionStatus } from '../../services/staff-socket.controller.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../header-menu/header-menu.js';
import { appHeaderStyles } from './app-header.styles.js';

/**
 * The workspace banner: who is signed in, the connection when it is not healthy, the menu (the
 * pinned organisation key's fingerprint, password change), and logout.
 *
 * @fires tsg-logout-request
 * @fires tsg-view-change (from the menu)
 * @fires tsg-reconnect-request
 */
export class TsgAppHeader extends LitElement {
  static override styles = [baseStyles, appHeaderStyles];

  @property() displayName = '';
  @property({ attribute: false }) staffRole: StaffRole = 'counselor';
  @property() status: ConnectionStatus = 'idle';
  /** Logout is under way: the button says so and does nothing more until the login form replaces it all. */
  @property({ type: Boolean }) loggingOut = false;
  /** The pinned organisation key's fingerprint, for the menu. */
  @property() orgFingerprint = '';

  override render() {
    return html`
      <header>
        <h1>${ja.app.name} <span>${ja.app.consoleName}</span></h1>
        <div class="spacer"></div>
        <div role="status">${this.loggingOut ? html`<p class="sr-only">${ja.header.loggingOut}</p>` : this.renderConnection()}</div>
        <p class="who">
          <span class="sr-only">${ja.header.staffLabel}：</span>${this.displayName}<span class="role">（${ja.role[this.staffRole]}）</span>
        </p>
        <tsg-header-menu .orgFingerprint=${this.orgFingerprint}></tsg-header-menu>
        <button class="btn-secondary" type="button" aria-disabled=${this.loggingOut ? 'true' : nothing} @click=${this.onLogout}>
          ${this.loggingOut ? ja.header.loggingOut : ja.header.logout}
        </button>
      </header>
    `;
  }

  /** Only an unhealthy connection is shown; a healthy one needs no words. */
  private renderConnection() {
    switch (this.status) {
      case 'connecting':
        return html`<p class="conn">${ja.connection.connecting}</p>`;
      case 'reconnecting':
        return html`<p class="conn">${ja.connection.reconnecting}</p>`;
      case 'disconnected':
        return html`<p class="conn disconnected">
          ${ja.connection.disconnected}
          <button class="btn-secondary" type="button" @click=${this.onReconnect}>${ja.connection.retry}</button>
        </p>`;
      default:
        return nothing;
    }
  }

  /**
   * Logging out ends on the login form, which takes the focus. Till then the button stays
   * focusable (aria-disabled, not disabled): a disabled one would drop her focus on the page for
   * the wait, with nothing said; she stays on it, and the status line says it is under way.
   */
  private onLogout(): void {
    if (this.loggingOut) return;
    this.dispatchEvent(new LogoutRequestEvent({ expired: false }));
  }

  private onReconnect(): void {
    this.dispatchEvent(new ReconnectRequestEvent({}));
  }
}
