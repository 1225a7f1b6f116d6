import { AGENCY_KINDS, type AgencyKind, DURATION_BANDS, type DurationBand, type OutreachLogPayload, type OutreachVisit, VISIT_KINDS, type VisitKind } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ja } from '../../i18n/ja.js';
import { compactSelect, enterSaves } from '../compact-fields.js';
import { focusWithdrawConfirm, recordRowActions } from '../record-row-actions.js';
import { visitLabel } from '../../services/outreach.controller.js';
import { todayTokyo } from '../../state/case-log.js';
import type { FormResult } from '../../state/form-requests.js';
import { compactFormStyles } from '../../styles/compact-form.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { tableStyles } from '../../styles/table.styles.js';
import { outreachLogStyles } from './outreach-log.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const o = ja.outreach;

/** The form's fields: every one has a value but the agency, which she always chooses. */
interface VisitDraft {
  kind: VisitKind;
  date: string;
  durationBand: DurationBand;
  agency: AgencyKind | '';
}

/**
 * Visits done without an appointment (家庭訪問・同行支援の記録): a compact form — kind, day
 * (today), duration, and for an accompaniment the kind of agency, which has no default — and her
 * visits of the last 30 days from both routes; a logged one can be corrected (直す: the form takes
 * it) or withdrawn after a second yes, as in the case log (one marked on an appointment is changed
 * from the appointment list). Enter saves from any field.
 */
export class TsgOutreachLog extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, compactFormStyles, tableStyles, outreachLogStyles];

  @property({ attribute: false }) visits: readonly OutreachVisit[] = [];
  /** Logs a visit (`outreach:log`). */
  @property({ attribute: false }) log: ((payload: OutreachLogPayload) => Promise<FormResult>) | null = null;
  /** Withdraws a logged visit (`outreach:withdraw`). */
  @property({ attribute: false }) withdraw: ((visitId: string) => Promise<FormResult>) | null = null;
  /** Corrects a logged visit (`outreach:correct`). */
  @property({ attribute: false }) correct: ((visitId: string, payload: OutreachLogPayload) => Promise<FormResult>) | null = null;

  @state() private draft: VisitDraft = { kind: 'outreach', date: todayTokyo(new Date()), durationBand: '30-60', agency: '' };
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private notice = '';
  /** The visit the form is correcting, or null for a new one. */
  @state() private editing: OutreachVisit | null = null;
  /** The visit whose withdrawal waits for her second yes. */
  @state() private confirming: string | null = null;

  override render() {
    const select = compactSelect;
    const d = this.draft;
    return html`<form aria-labelledby="ol-h" novalidate @submit=${this.onSubmit} @keydown=${this.onKeydown}>
        <h3 id="ol-h">${o.heading}</h3>
        <p class="intro">${o.intro}</p>
        ${this.editing ? html`<p class="editing">${ja.caseLog.editing(visitLabel(this.editing))}</p>` : nothing}
        <div class="fields">
          ${select('ol-kind', o.kind, VISIT_KINDS, d.kind, (k) => o.kinds[k], (kind) => this.edit({ kind }))}
          <div class="field">
            <label for="ol-date">${o.date}</label>
            <input id="ol-date" type="date" required .value=${live(d.date)} @change=${(e: Event) => this.edit({ date: (e.target as HTMLInputElement).value })} />
          </div>
          ${select('ol-duration', o.duration, DURATION_BANDS, d.durationBand, (k) => ja.caseLog.durations[k], (durationBand) => this.edit({ durationBand }))}
          ${d.kind === 'accompaniment'
            ? select('ol-agency', o.agency, AGENCY_KINDS, d.agency, (k) => o.agencies[k], (agency) => this.edit({ agency }), o.agencyPick)
            : nothing}
        </div>
        <p class="error" role="alert">${this.error}</p>
        <div class="row">
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? o.busy : this.editing ? ja.caseLog.correct : o.submit}</button>
          ${this.editing ? html`<button class="btn-secondary" type="button" @click=${() => this.stopEditing()}>${ja.caseLog.cancelEdit}</button>` : nothing}
          <p class="done" role="status">${this.notice}</p>
        </div>
      </form>
      ${this.renderList()}`;
  }

  private renderList() {
    return html`<section aria-labelledby="olist-h">
      <h3 id="olist-h">${o.listHeading}</h3>
      ${this.visits.length === 0
        ? html`<p class="empty">${o.listEmpty}</p>`
        : html`<table>
            <thead>
              <tr><th scope="col">${o.colDate}</th><th scope="col">${o.colKind}</th><th scope="col">${o.colDetail}</th><th scope="col">${o.colActions}</th></tr>
            </thead>
            <tbody>
              ${this.visits.map(
                (v) => html`<tr>
                  <th scope="row">${ja.caseLog.dayLabel(v.date)}</th>
                  <td>${o.kinds[v.kind]}<span class="route">${v.appointmentId ? o.fromAppointment : o.logged}</span></td>
                  <td>${v.durationBand ? ja.caseLog.durations[v.durationBand] : o.durationUnknown}${v.agency ? `・${o.agencies[v.agency]}` : ''}</td>
                  <td class="actions">
                    ${v.appointmentId
                      ? nothing
                      : recordRowActions({
                          label: ja.caseLog.rowLabel(visitLabel(v)),
                          confirming: this.confirming === v.id,
                          edit: () => this.startEditing(v),
                          ask: () => this.askWithdraw(v.id),
                          withdraw: () => void this.onWithdraw(v.id),
                          cancel: () => (this.confirming = null),
                        })}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private edit(change: Partial<VisitDraft>): void {
    this.draft = { ...this.draft, ...change, ...(change.kind === 'outreach' ? { agency: '' as const } : {}) };
    this.error = '';
    this.notice = '';
  }

  private readonly onKeydown = enterSaves(() => void this.save());

  private readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.save();
  };

  private async save(): Promise<void> {
    if (this.busy || !this.log) return;
    const { kind, date, durationBand, agency } = this.draft;
    if (kind === 'accompaniment' && agency === '') {
      this.error = o.needAgency;
      this.renderRoot.querySelector<HTMLSelectElement>('#ol-agency')?.focus();
      return;
    }
    const payload: OutreachLogPayload = { kind, date, durationBand, ...(agency ? { agency } : {}) };
    const editing = this.editing;
    this.busy = true;
    const res = editing && this.correct ? await this.correct(editing.id, payload) : await this.log(payload);
    this.busy = false;
    if (!res.ok) return void (this.error = res.error);
    this.notice = (editing ? ja.caseLog.corrected : o.saved)(visitLabel(payload));
    this.editing = null;
    // The next visit: same kind and day, the agency chosen afresh.
    this.draft = { ...this.draft, agency: '' };
  }

  /** 直す: the form takes the visit, and the cursor goes to its first field. */
  private startEditing(v: OutreachVisit): void {
    this.editing = v;
    this.confirming = null;
    this.draft = { kind: v.kind, date: v.date, durationBand: v.durationBand ?? '30-60', agency: v.agency ?? '' };
    this.error = '';
    this.notice = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('#ol-kind')?.focus());
  }

  private stopEditing(): void {
    this.editing = null;
    this.draft = { ...this.draft, agency: '' };
    this.error = '';
  }

  private askWithdraw(visitId: string): void {
    this.confirming = visitId;
    this.error = '';
    focusWithdrawConfirm(this);
  }

  private async onWithdraw(visitId: string): Promise<void> {
    if (!this.withdraw) return;
    const res = await this.withdraw(visitId);
    this.confirming = null;
    if (!res.ok) return void (this.error = res.error);
    if (this.editing?.id === visitId) this.stopEditing();
  }
}
