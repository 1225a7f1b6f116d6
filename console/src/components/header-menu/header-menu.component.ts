import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ViewChangeEvent } from '../../events/view-change.event.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../fingerprint-digits/fingerprint-digits.js';
import { headerMenuStyles } from './header-menu.styles.js';

const t = ja.menu;

/**
 * The header's menu: the organisation key's fingerprint (from the key pinned in this console's
 * config, for staff to compare with what their admin told them) and the way to her password
 * change. A disclosure button; Escape closes it and gives focus back to the button.
 *
 * @fires tsg-view-change
 */
export class TsgHeaderMenu extends LitElement {
  static override styles = [baseStyles, headerMenuStyles];

  /** The pinned organisation key's fingerprint, in digit groups. */
  @property() orgFingerprint = '';

  @state() private open = false;

  @query('button.toggle') private toggle?: HTMLButtonElement;

  override render() {
    return html`<div @keydown=${this.onKeydown}>
      <button class="btn-secondary toggle" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="menu-panel" @click=${() => (this.open = !this.open)}>
        ${t.open}
      </button>
      <div id="menu-panel" class="panel" ?hidden=${!this.open}>
        ${this.open
          ? html`
              <tsg-fingerprint-digits size="small" .label=${t.orgKey} .digits=${this.orgFingerprint}></tsg-fingerprint-digits>
              <p class="hint">${t.orgKeyHint}</p>
              <button class="btn-secondary" type="button" @click=${this.onPassword}>${t.password}</button>
            `
          : nothing}
      </div>
    </div>`;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    this.open = false;
    this.toggle?.focus();
  }

  private onPassword(): void {
    this.open = false;
    this.dispatchEvent(new ViewChangeEvent('password'));
  }
}
