import { revocationFreshness, type VerifiedRevocationList } from '@tsunagari/shared/trust';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { tokyoDate } from '../../state/appointments.js';
import type { FormResult, OrgKeyInput } from '../../state/form-requests.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { baseStyles, formBoxStyles } from '../../styles/shared.styles.js';
import { forgetPassphrase, orgKeyFields, readOrgKeyFields } from '../staff-sign-form/org-key-fields.js';
import { revocationFormStyles } from './revocation-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.revocations;

/**
 * The organisation's revocation list as this console holds it (verified against the pinned key):
 * when it was signed and how many keys it revokes, and a way to sign the same list again with
 * today's date, so the widgets do not call it stale after a week.
 */
export class TsgRevocationForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, fieldStyles, revocationFormStyles];

  /** The newest verified list's date and size, or null when none was ever published. */
  @property({ attribute: false }) list: { issuedAt: number; entries: number } | null = null;
  @property({ type: Number }) now = Date.now();
  /** Signs the list again with today's date and publishes it. */
  @property({ attribute: false }) publish: ((input: OrgKeyInput) => Promise<FormResult>) | null = null;

  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private done = '';

  @query('form') private form?: HTMLFormElement;

  override render() {
    const list = this.list;
    // Only the date matters for freshness; the brand is the verifier's, the numbers are its own.
    const fresh = list ? revocationFreshness({ issuedAt: list.issuedAt } as VerifiedRevocationList, this.now) : 'missing';
    return html`
      <form aria-labelledby="rev-heading" @submit=${this.onSubmit} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
        <h3 id="rev-heading">${t.heading}</h3>
        <p class=${fresh === 'current' ? 'state' : 'state warn'}>${list ? t.held(tokyoDate(new Date(list.issuedAt)), list.entries) : t.none}${fresh === 'stale' ? t.stale : ''}</p>
        <p class="intro">${t.intro}</p>
        ${orgKeyFields()}
        <p class="error" role="alert">${this.error}</p>
        <div><button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? ja.sign.busy : t.submit}</button></div>
        <p class="done" role="status">${this.done}</p>
      </form>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = this.form;
    if (this.busy || !this.publish || !form) return;
    const key = readOrgKeyFields(form);
    if (!key.ok) {
      this.error = key.error;
      key.field?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.done = '';
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const result = await this.publish({ file: key.file, passphrase: key.passphrase });
    forgetPassphrase(form);
    this.busy = false;
    if (result.ok) this.done = t.done;
    else this.error = result.error;
  }
}
