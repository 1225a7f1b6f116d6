import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { StaffActionEvent } from '../../events/staff-action.event.js';
import { StaffReloadEvent } from '../../events/staff-reload.event.js';
import { ja } from '../../i18n/ja.js';
import type { ActivateRequest, FormResult, InviteDraft, InviteMade, OrgKeyInput, StaffKeyAction } from '../../state/form-requests.js';
import type { StaffAction, StaffRow } from '../../state/staff-directory.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../revocation-form/revocation-form.js';
import '../staff-directory/staff-directory.js';
import '../staff-invite-form/staff-invite-form.js';
import type { TsgStaffSignForm } from '../staff-sign-form/staff-sign-form.component.js';
import '../staff-sign-form/staff-sign-form.js';
import { staffAdminStyles } from './staff-admin.styles.js';

const t = ja.staffAdmin;

/**
 * The admin's staff screen (職員): invite, the directory, and one open action form at a time
 * (verify and sign, renew, disable), and the revocation list's re-publication. The organisation-key work is done by the requests handed in.
 * The relay pushes no news when someone enrols, so the list has its own reload button.
 *
 * @fires tsg-staff-reload
 */
export class TsgStaffAdmin extends LitElement {
  static override styles = [baseStyles, staffAdminStyles];

  @property({ attribute: false }) rows: readonly StaffRow[] | null = null;
  @property({ type: Number }) now = Date.now();
  @property({ attribute: false }) invite: ((draft: InviteDraft) => Promise<FormResult<InviteMade>>) | null = null;
  @property({ attribute: false }) activate: ((request: ActivateRequest) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) renew: ((request: StaffKeyAction) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) disable: ((request: StaffKeyAction) => Promise<FormResult>) | null = null;
  /** The revocation list held (verified), and its re-publication with today's date. */
  @property({ attribute: false }) list: { issuedAt: number; entries: number } | null = null;
  @property({ attribute: false }) republish: ((input: OrgKeyInput) => Promise<FormResult>) | null = null;

  /** The action form open now, if any. */
  @state() private open: { staffId: string; action: StaffAction } | null = null;
  /** What the last finished action did. */
  @state() private done = '';

  @query('tsg-staff-sign-form') private signForm?: TsgStaffSignForm;

  override render() {
    const openRow = this.open ? this.rows?.find((r) => r.listing.staffId === this.open!.staffId) : undefined;
    return html`
      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">${t.heading}</h2>
        <p class="intro">${t.intro}</p>
        <tsg-staff-invite-form .invite=${this.invite}></tsg-staff-invite-form>
        <p class="done" role="status">${this.done}</p>
        ${openRow && this.open
          ? html`<tsg-staff-sign-form
              .row=${openRow}
              .action=${this.open.action}
              .submit=${this.submitFor(this.open.action)}
              @tsg-staff-action-cancel=${() => (this.open = null)}
            ></tsg-staff-sign-form>`
          : nothing}
        <div class="list-head">
          <button class="btn-secondary" type="button" @click=${() => this.dispatchEvent(new StaffReloadEvent())}>${t.reload}</button>
        </div>
        <tsg-staff-directory .rows=${this.rows} .now=${this.now} @tsg-staff-action=${this.onAction}></tsg-staff-directory>
        <tsg-revocation-form .list=${this.list} .now=${this.now} .publish=${this.republish}></tsg-revocation-form>
      </section>
    `;
  }

  private onAction(e: StaffActionEvent): void {
    this.open = e.detail;
    this.done = '';
    this.signForm?.requestUpdate();
    void this.updateComplete.then(() => this.signForm?.focus());
  }

  /** The request for an action, closing the form and saying what was done once it succeeds. */
  private submitFor(action: StaffAction): (request: ActivateRequest) => Promise<FormResult> {
    const run = { activate: this.activate, renew: this.renew, disable: this.disable }[action];
    const words = { activate: ja.sign.activated, renew: ja.sign.renewed, disable: ja.sign.disabled }[action];
    return async (request) => {
      if (!run) return { ok: false, error: '' };
      const result = await run(request);
      if (result.ok) {
        const name = this.rows?.find((r) => r.listing.staffId === request.staffId)?.listing.displayName ?? '';
        this.open = null;
        this.done = words(name);
      }
      return result;
    };
  }
}
