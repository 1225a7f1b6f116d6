import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StaffActionEvent } from '../../events/staff-action.event.js';
import { ja } from '../../i18n/ja.js';
import { tokyoDate } from '../../state/appointments.js';
import { actionsFor, type StaffAction, type StaffRow, validity } from '../../state/staff-directory.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { tableStyles } from '../../styles/table.styles.js';
import { staffDirectoryStyles } from './staff-directory.styles.js';

const t = ja.staffAdmin;
const actionLabel: Record<StaffAction, string> = { activate: t.verify, renew: t.renew, disable: t.disable };

/**
 * The admins' staff list: name, username, role, status, how long her statement holds (as this
 * console verified it, with a warning in the last 30 days), last sign-in day, and the actions
 * each status allows.
 *
 * @fires tsg-staff-action
 */
export class TsgStaffDirectory extends LitElement {
  static override styles = [baseStyles, tableStyles, staffDirectoryStyles];

  /** The directory's rows, checked against the pinned key; null while loading. */
  @property({ attribute: false }) rows: readonly StaffRow[] | null = null;
  /** Unix ms, for days left. */
  @property({ type: Number }) now = Date.now();

  override render() {
    if (!this.rows) return html`<p role="status">${t.loading}</p>`;
    const c = t.cols;
    return html`<div class="scroll" role="region" aria-label=${t.caption} tabindex="0">
      <table>
        <caption>${t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">${c.name}</th><th scope="col">${c.username}</th><th scope="col">${c.role}</th><th scope="col">${c.status}</th>
            <th scope="col">${c.validity}</th><th scope="col">${c.lastSignIn}</th><th scope="col">${c.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this.rows,
            (r) => r.listing.staffId,
            (r) => html`<tr class=${r.listing.status}>
              <th scope="row">${r.listing.displayName}</th>
              <td translate="no">${r.listing.username}</td>
              <td>${ja.role[r.listing.role]}</td>
              <td>${this.renderStatus(r)}</td>
              <td>${this.renderValidity(r)}</td>
              <td>${r.listing.lastSignInDay ?? t.never}</td>
              <td>${this.renderActions(r)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderStatus(r: StaffRow) {
    const expires = r.listing.inviteExpiresAt;
    return html`<span class="status ${r.listing.status}">${t.statuses[r.listing.status]}</span>${r.listing.status === 'invited' && expires
        ? html`<br /><span class="sub">${t.inviteUntil(tokyoDate(new Date(expires)))}</span>`
        : nothing}`;
  }

  private renderValidity(r: StaffRow) {
    if (!r.check) return t.none;
    if (!r.check.ok) return html`<span class="bad">${t.verdicts[r.check.reason]}</span>`;
    const v = validity(r.check.notAfter, this.now);
    return html`${t.validUntil(v.until)}${v.endingSoon && r.listing.status === 'active'
        ? html`<br /><span class="warn">${t.endsSoon(Math.max(v.daysLeft, 0))}</span>`
        : nothing}`;
  }

  private renderActions(r: StaffRow) {
    const actions = actionsFor(r);
    if (actions.length === 0) return t.none;
    return html`<div class="actions" role="group" aria-label=${t.actionsFor(r.listing.displayName)}>
      ${actions.map(
        (action) => html`<button
          class=${action === 'disable' ? 'btn-danger' : 'btn-secondary'}
          type="button"
          @click=${() => this.dispatchEvent(new StaffActionEvent({ staffId: r.listing.staffId, action }))}
        >
          ${actionLabel[action]}
        </button>`,
      )}
    </div>`;
  }
}
