import { AGENCY_KINDS, type AgencyKind, type Appointment, DURATION_BANDS, type DurationBand, type VisitDetails } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { enterSaves } from '../compact-fields.js';
import { formatTokyoDateTime } from '../../state/appointments.js';
import type { FormResult } from '../../state/form-requests.js';
import { compactFormStyles } from '../../styles/compact-form.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { visitDoneFormStyles } from './visit-done-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const o = ja.outreach;

/**
 * 済み for a home visit or accompaniment: how long it took and, for an accompaniment, the kind of
 * agency (closed lists; the agency has no default, so it is always her choice). Opens with the
 * cursor on its first field; Escape or やめる closes it without a change.
 */
export class TsgVisitDoneForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, compactFormStyles, visitDoneFormStyles];

  /** The appointment being marked (a home visit or an accompaniment). */
  @property({ attribute: false }) appointment: Appointment | null = null;
  /** Marks it done with these details (`appointment:status`). */
  @property({ attribute: false }) save: ((visit: VisitDetails) => Promise<FormResult>) | null = null;
  /** Closes the form without marking it. */
  @property({ attribute: false }) cancel: (() => void) | null = null;

  @state() private durationBand: DurationBand = '30-60';
  @state() private agency: AgencyKind | '' = '';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @query('#vd-duration') private firstField?: HTMLSelectElement;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('appointment')) {
      this.durationBand = '30-60';
      this.agency = '';
      this.error = '';
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('appointment') && this.appointment) this.firstField?.focus();
  }

  override render() {
    const a = this.appointment;
    if (!a) return nothing;
    const accompaniment = a.kind === 'accompaniment';
    return html`<form aria-labelledby="vd-h" novalidate @submit=${this.onSubmit} @keydown=${this.onKeydown}>
      <h3 id="vd-h">${o.doneHeading(ja.handoff.kinds[a.kind], formatTokyoDateTime(a.startsAt))}</h3>
      <p class="intro">${o.doneIntro}</p>
      <div class="fields">
        <div class="field">
          <label for="vd-duration">${o.duration}</label>
          <select id="vd-duration" @change=${(e: Event) => (this.durationBand = (e.target as HTMLSelectElement).value as DurationBand)}>
            ${DURATION_BANDS.map((d) => html`<option value=${d} ?selected=${d === this.durationBand}>${ja.caseLog.durations[d]}</option>`)}
          </select>
        </div>
        ${accompaniment
          ? html`<div class="field">
              <label for="vd-agency">${o.agency}</label>
              <select id="vd-agency" required aria-invalid=${this.error ? 'true' : 'false'} @change=${(e: Event) => this.pickAgency((e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.agency === ''}>${o.agencyPick}</option>
                ${AGENCY_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.agency}>${o.agencies[k]}</option>`)}
              </select>
            </div>`
          : nothing}
      </div>
      <p class="error" role="alert">${this.error}</p>
      <div class="row">
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? o.busy : o.doneSave}</button>
        <button class="btn-secondary" type="button" @click=${() => this.cancel?.()}>${o.doneCancel}</button>
      </div>
    </form>`;
  }

  private pickAgency(value: string): void {
    this.agency = value as AgencyKind | '';
    this.error = '';
  }

  /** Escape closes; Enter saves from a field (a select does not submit a form by itself). */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel?.();
    } else this.enter(e);
  };

  private readonly enter = enterSaves(() => void this.markDone());

  private readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.markDone();
  };

  private async markDone(): Promise<void> {
    const a = this.appointment;
    if (!a || this.busy || !this.save) return;
    if (a.kind === 'accompaniment' && this.agency === '') {
      this.error = o.needAgency;
      this.renderRoot.querySelector<HTMLSelectElement>('#vd-agency')?.focus();
      return;
    }
    this.busy = true;
    const res = await this.save(a.kind === 'accompaniment' ? { durationBand: this.durationBand, agency: this.agency as AgencyKind } : { durationBand: this.durationBand });
    this.busy = false;
    if (!res.ok) {
      this.error = res.error;
      // The pressed button was disabled while saving, which took the focus from it: back to the
      // first field, so her keyboard (Escape, Enter) still reaches the form after a refusal.
      await this.updateComplete;
      this.firstField?.focus();
    }
  }
}
