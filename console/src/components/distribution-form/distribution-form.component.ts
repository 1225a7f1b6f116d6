import { type Campaign, type DistributionAddPayload, type DistributionEvent, MAX_EVENT_FLYERS, MAX_EVENT_SETS, MUNICIPALITIES, PARTNER_MAX_CHARS } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ja } from '../../i18n/ja.js';
import { eventLabel } from '../../services/distribution.controller.js';
import {
  type DistributionDraft,
  type DistributionProblem,
  distributionPayload,
  distributionProblem,
  eventDistributionDraft,
  freshDistributionDraft,
} from '../../state/distribution.js';
import type { FormResult } from '../../state/form-requests.js';
import { compactFormStyles } from '../../styles/compact-form.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { caseLogFormStyles } from '../case-log-form/case-log-form.styles.js';
import { distributionFormStyles } from './distribution-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.distribution;

/** The field each problem is about, and its sentence. */
const PROBLEMS: Record<DistributionProblem, { field: string; text: string }> = {
  municipality: { field: 'df-municipality', text: t.needMunicipality },
  partner: { field: 'df-partner', text: t.needPartner },
  sets: { field: 'df-sets', text: t.badCount(t.sets, MAX_EVENT_SETS) },
  flyers: { field: 'df-flyers', text: t.badCount(t.flyers, MAX_EVENT_FLYERS) },
};

/**
 * A supervisor records one distribution event (生理用品配布会): day, municipality (the closed list
 * of 19), partner organisation (suggestions from earlier events), sets, flyers and the campaign
 * the flyers carry. Keyboard first: typing a place's first character picks it, Enter anywhere
 * saves, and a problem puts the cursor on its field. Nothing about anyone who came.
 */
export class TsgDistributionForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, compactFormStyles, caseLogFormStyles, distributionFormStyles];

  /** Saves (`distribution:add`, or `distribution:correct` while {@link editing}). */
  @property({ attribute: false }) submit: ((payload: DistributionAddPayload) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) editing: DistributionEvent | null = null;
  @property({ attribute: false }) cancelEdit: (() => void) | null = null;
  /** The admin's campaigns (inactive ones too: an event may be recorded after its campaign ended). */
  @property({ attribute: false }) campaigns: readonly Campaign[] = [];
  /** Partners named before, offered as suggestions. */
  @property({ attribute: false }) partners: readonly string[] = [];

  @state() private draft: DistributionDraft = freshDistributionDraft(new Date());
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private problemField = '';
  @state() private notice = '';
  @query('#df-municipality') private municipalityField?: HTMLSelectElement;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editing')) {
      this.draft = this.editing ? eventDistributionDraft(this.editing) : freshDistributionDraft(new Date(), this.draft);
      this.error = '';
      this.problemField = '';
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing) this.municipalityField?.focus();
  }

  override render() {
    const d = this.draft;
    const invalid = (id: string) => (this.problemField === id ? 'true' : 'false');
    const described = (id: string) => (this.problemField === id ? 'df-error' : nothing);
    const number = (id: string, label: string, value: string, max: number, key: 'sets' | 'flyers') =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} type="number" inputmode="numeric" min="0" max=${max} step="1" required .value=${live(value)}
          aria-invalid=${invalid(id)} aria-describedby=${described(id)}
          @input=${(e: Event) => this.edit({ [key]: (e.target as HTMLInputElement).value })} />
      </div>`;
    return html`<form aria-labelledby="df-h" novalidate @submit=${this.onSubmit} @keydown=${this.onKeydown}>
      <h3 id="df-h">${t.heading}</h3>
      <p class="intro">${t.intro}</p>
      ${this.editing ? html`<p class="editing">${t.editing(eventLabel(this.editing))}</p>` : nothing}
      <div class="fields">
        <div class="field">
          <label for="df-date">${t.date}</label>
          <input id="df-date" type="date" required .value=${live(d.date)} @change=${(e: Event) => this.edit({ date: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="df-municipality">${t.municipality}</label>
          <select id="df-municipality" required .value=${live(d.municipality)} aria-invalid=${invalid('df-municipality')} aria-describedby=${described('df-municipality')}
            @change=${(e: Event) => this.edit({ municipality: (e.target as HTMLSelectElement).value as DistributionDraft['municipality'] })}>
            <option value="" ?selected=${d.municipality === ''}>${t.municipalityNone}</option>
            ${MUNICIPALITIES.map((m) => html`<option value=${m} ?selected=${m === d.municipality}>${m}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="df-partner">${t.partner}</label>
          <input id="df-partner" type="text" required maxlength=${PARTNER_MAX_CHARS} autocomplete="off" list="df-partners" .value=${live(d.partner)}
            aria-invalid=${invalid('df-partner')} aria-describedby="df-partner-hint ${this.problemField === 'df-partner' ? 'df-error' : ''}"
            @input=${(e: Event) => this.edit({ partner: (e.target as HTMLInputElement).value })} />
          <datalist id="df-partners">${this.partners.map((p) => html`<option value=${p}></option>`)}</datalist>
          <p class="hint" id="df-partner-hint">${t.partnerHint}</p>
        </div>
        ${number('df-sets', t.sets, d.sets, MAX_EVENT_SETS, 'sets')}
        ${number('df-flyers', t.flyers, d.flyers, MAX_EVENT_FLYERS, 'flyers')}
        <div class="field">
          <label for="df-campaign">${t.campaign}</label>
          <select id="df-campaign" .value=${live(d.campaign)} @change=${(e: Event) => this.edit({ campaign: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${d.campaign === ''}>${t.campaignNone}</option>
            ${this.campaigns.map((c) => html`<option value=${c.name} ?selected=${c.name === d.campaign}>${c.label}（${c.name}）</option>`)}
          </select>
        </div>
      </div>
      <p class="error" id="df-error" role="alert">${this.error}</p>
      <div class="row">
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : this.editing ? t.correct : t.submit}</button>
        ${this.editing ? html`<button class="btn-secondary" type="button" @click=${() => this.cancelEdit?.()}>${t.cancelEdit}</button>` : nothing}
        <p class="done" role="status">${this.notice}</p>
      </div>
    </form>`;
  }

  private edit(change: Partial<DistributionDraft>): void {
    this.draft = { ...this.draft, ...change };
    this.error = '';
    this.problemField = '';
    this.notice = '';
  }

  /** Enter saves from a select too (an input submits by itself); buttons keep their own Enter. */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.isComposing || (e.target as HTMLElement).localName !== 'select') return;
    e.preventDefault();
    void this.save();
  };

  private readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.save();
  };

  private async save(): Promise<void> {
    if (this.busy || !this.submit) return;
    const problem = distributionProblem(this.draft);
    if (problem) {
      this.error = PROBLEMS[problem].text;
      this.problemField = PROBLEMS[problem].field;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${PROBLEMS[problem].field}`)?.focus());
      return;
    }
    const payload = distributionPayload(this.draft);
    const wasEditing = this.editing;
    this.busy = true;
    const res = await this.submit(payload);
    this.busy = false;
    if (!res.ok) {
      this.error = res.error;
      return;
    }
    this.notice = (wasEditing ? t.corrected : t.saved)(eventLabel(payload));
    // The next event of the series: same partner and campaign, the rest fresh.
    this.draft = freshDistributionDraft(new Date(), this.draft);
    this.municipalityField?.focus();
  }
}
