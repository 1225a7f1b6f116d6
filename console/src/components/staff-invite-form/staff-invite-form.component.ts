import { displayNameSchema, type StaffRole, usernameSchema } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { formatTokyoDateTime } from '../../state/appointments.js';
import type { FormResult, InviteDraft, InviteMade } from '../../state/form-requests.js';
import { baseStyles, formBoxStyles } from '../../styles/shared.styles.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { staffInviteFormStyles } from './staff-invite-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.invite;
const ROLES: readonly StaffRole[] = ['counselor', 'supervisor', 'admin'];

/**
 * Invites a staff member: username, display name and role. The link (with its one-time token in
 * the fragment) is shown once, with a copy button; the relay keeps only a hash of the token.
 */
export class TsgStaffInviteForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, fieldStyles, staffInviteFormStyles];

  /** Asks the relay for an invitation and builds its link. */
  @property({ attribute: false }) invite: ((draft: InviteDraft) => Promise<FormResult<InviteMade>>) | null = null;

  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private made: InviteMade | null = null;
  @state() private copyNote = '';

  @query('form') private form?: HTMLFormElement;
  @query('#invite-link') private linkField?: HTMLInputElement;

  override render() {
    return html`
      <form aria-labelledby="invite-heading" @submit=${this.onSubmit} novalidate>
        <h3 id="invite-heading">${t.heading}</h3>
        <div class="fields">
          <div class="field">
            <label for="invite-username">${t.username}</label>
            <input id="invite-username" name="username" autocomplete="off" autocapitalize="none" spellcheck="false" aria-describedby="invite-username-hint" />
            <p class="hint" id="invite-username-hint">${t.usernameHint}</p>
          </div>
          <div class="field">
            <label for="invite-name">${t.displayName}</label>
            <input id="invite-name" name="displayName" autocomplete="off" maxlength="40" />
          </div>
          <div class="field">
            <label for="invite-role">${t.role}</label>
            <select id="invite-role" name="role">
              ${ROLES.map((r) => html`<option value=${r}>${ja.role[r]}</option>`)}
            </select>
          </div>
        </div>
        <p class="error" role="alert">${this.error}</p>
        <div><button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button></div>
      </form>
      ${this.made ? this.renderLink(this.made) : nothing}
    `;
  }

  private renderLink(made: InviteMade) {
    return html`<div class="made" role="group" aria-labelledby="invite-link-label">
      <label id="invite-link-label" for="invite-link">${t.linkHeading}</label>
      <div class="row">
        <input id="invite-link" readonly .value=${made.link} translate="no" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
        <button class="btn-secondary" type="button" @click=${this.onCopy}>${t.copy}</button>
      </div>
      <p class="hint">${t.linkOnce(formatTokyoDateTime(made.expiresAt))}</p>
      <p class="copied" role="status">${this.copyNote}</p>
    </div>`;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = this.form;
    if (this.busy || !this.invite || !form) return;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    const username = usernameSchema.safeParse(field('username').value.trim().toLowerCase());
    const displayName = displayNameSchema.safeParse(field('displayName').value);
    if (!username.success) return this.refuse(t.badUsername, field('username'));
    if (!displayName.success) return this.refuse(t.badDisplayName, field('displayName'));
    this.busy = true;
    this.error = '';
    this.made = null;
    this.copyNote = '';
    const result = await this.invite({ username: username.data, displayName: displayName.data, role: field('role').value as StaffRole });
    this.busy = false;
    if (!result.ok) return this.refuse(result.error, field('username'));
    form.reset();
    this.made = { link: result.link, expiresAt: result.expiresAt };
    await this.updateComplete;
    this.linkField?.focus();
  }

  private async onCopy(): Promise<void> {
    if (!this.made) return;
    try {
      await navigator.clipboard.writeText(this.made.link);
      this.copyNote = t.copied;
    } catch {
      this.copyNote = t.copyFailed;
      this.linkField?.select();
    }
  }

  private refuse(message: string, focus: HTMLElement): void {
    this.error = message;
    void this.updateComplete.then(() => focus.focus());
  }
}
