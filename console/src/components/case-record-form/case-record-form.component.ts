import { AGE_BANDS, type AgeBand, type ConsultationRecordPayload, OUTCOMES, type Outcome, TOPICS, type Topic } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import {
  draftProblem,
  type IntakeAnswers,
  initialDraft,
  MAX_RECORD_TOPICS,
  type RecordDraft,
  type RecordedState,
  recordPayload,
  toggleTopic,
} from '../../state/case-record.js';
import type { FormResult } from '../../state/form-requests.js';
import { formatClock } from '../../state/queue.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { caseRecordFormStyles } from './case-record-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.record;

/**
 * The case record (相談の記録) of one chat: topics (1–5), outcome and, if known, her age band, for
 * the fiscal-year report. Nothing she said goes in: only these words reach the server.
 */
export class TsgCaseRecordForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, caseRecordFormStyles];

  /** The chat this form records. A new id starts a new draft. */
  @property() consultationId = '';
  /** Her intake answers, if decrypted: the topics and age band start from them. */
  @property({ attribute: false }) intake: IntakeAnswers | null = null;
  /** The record already stored for this chat, if this browser made it (its fields are known). */
  @property({ attribute: false }) record: RecordedState | null = null;
  /** When the stored record was made, even when its fields are not known here (after a reload). */
  @property() recordedAt: string | null = null;
  /** Stores the record (`consultation:record`); ok once the server stored it. */
  @property({ attribute: false }) submit: ((record: ConsultationRecordPayload) => Promise<FormResult>) | null = null;

  @state() private draft: RecordDraft = initialDraft(null, null);
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private notice = '';
  /** The draft was changed by hand: later intake or record updates must not overwrite it. */
  private touched = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultationId')) {
      this.touched = false;
      this.error = '';
      this.notice = '';
    }
    if (!this.touched && (changed.has('consultationId') || changed.has('intake') || changed.has('record'))) {
      this.draft = initialDraft(this.intake, this.record);
    }
  }

  override render() {
    const d = this.draft;
    const full = d.topics.length >= MAX_RECORD_TOPICS;
    const id = (s: string) => `${s}-${this.consultationId}`;
    const recorded = this.record !== null || this.recordedAt !== null;
    return html`
      <form aria-labelledby=${id('rec-h')} @submit=${this.onSubmit} novalidate>
        <h3 id=${id('rec-h')}>${t.heading}${recorded ? html` <span class="badge">${t.recordedBadge}</span>` : nothing}</h3>
        <p class="intro">${t.intro}</p>
        ${this.recordedAt && !this.record ? html`<p class="hint">${t.recordedEarlier(formatClock(this.recordedAt))}</p>` : nothing}
        <fieldset class="topics">
          <legend>${t.topics}</legend>
          ${this.intake?.topics?.length && !this.record ? html`<p class="hint">${t.topicsFromIntake}</p>` : nothing}
          <div class="grid">
            ${TOPICS.map((topic) => {
              const on = d.topics.includes(topic);
              return html`<label class="choice"
                ><input type="checkbox" name="topic" .value=${topic} .checked=${on} ?disabled=${full && !on}
                  @change=${(e: Event) => this.onTopic(topic, (e.target as HTMLInputElement).checked)} />${topic}</label
              >`;
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t.outcome}</legend>
          <div class="grid outcomes">
            ${OUTCOMES.map(
              (o) => html`<label class="choice"
                ><input type="radio" name="outcome" .value=${o} .checked=${d.outcome === o}
                  @change=${() => this.edit({ outcome: o as Outcome })} />${t.outcomes[o]}</label
              >`,
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t.ageBand}</legend>
          <div class="grid ages">
            ${[...AGE_BANDS, null].map(
              (a) => html`<label class="choice"
                ><input type="radio" name="age" .value=${a ?? ''} .checked=${d.ageBand === a}
                  @change=${() => this.edit({ ageBand: a as AgeBand | null })} />${a ? t.ageBands[a] : t.ageUnknown}</label
              >`,
            )}
          </div>
        </fieldset>
        <p class="error" role="alert">${this.error}</p>
        <div class="row">
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? t.busy : recorded ? t.resubmit : t.submit}
          </button>
          <p class="done" role="status">${this.notice}${this.record && this.notice ? ` ${t.recordedAt(formatClock(this.record.recordedAt))}` : nothing}</p>
        </div>
      </form>
    `;
  }

  private onTopic(topic: Topic, on: boolean): void {
    this.edit({ topics: toggleTopic(this.draft.topics, topic, on) });
  }

  private edit(change: Partial<RecordDraft>): void {
    this.touched = true;
    this.notice = '';
    this.error = '';
    this.draft = { ...this.draft, ...change };
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.submit) return;
    const problem = draftProblem(this.draft);
    const payload = recordPayload(this.consultationId, this.draft);
    if (problem || !payload) {
      this.error = t[problem ?? 'needOutcome'];
      // Take her to the first place that needs an answer.
      const first = problem === 'needOutcome' ? 'input[name="outcome"]' : 'input[name="topic"]:not(:disabled)';
      this.renderRoot.querySelector<HTMLInputElement>(first)?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    this.notice = '';
    const res = await this.submit(payload);
    this.busy = false;
    this.error = res.ok ? '' : res.error;
    this.notice = res.ok ? t.done : '';
    // Saved: later updates (the stored record coming back) may refresh the draft again.
    if (res.ok) this.touched = false;
  }
}
