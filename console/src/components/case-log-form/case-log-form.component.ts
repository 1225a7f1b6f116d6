import { AGE_BANDS, type CaseLogAddPayload, type CaseLogEntry, CONTACT_KINDS, DURATION_BANDS, LOGGED_CHANNELS, OUTCOMES, type Outcome, TOPICS } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ja } from '../../i18n/ja.js';
import { compactSelect, enterSaves } from '../compact-fields.js';
import { entryLabel } from '../../services/case-log.controller.js';
import { type CaseLogDraft, draftPayload, draftProblem, entryDraft, freshDraft, topicFieldCount } from '../../state/case-log.js';
import type { FormResult } from '../../state/form-requests.js';
import { compactFormStyles } from '../../styles/compact-form.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { caseLogFormStyles } from './case-log-form.styles.js';
import type { TsgSealedNoteField } from '../sealed-note-field/sealed-note-field.component.js';
import '../sealed-note-field/sealed-note-field.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.caseLog;

/**
 * The compact case-log form: one consultation that did not start in the chat, keyboard first.
 * Every field but the first topic has a default (today, phone, her last outcome), topics are
 * numbered so typing 1–14 picks one, and Enter anywhere in the form saves. After a save the day
 * and channel stay (calls come in runs) and focus goes back to the topic. Closed lists only.
 */
export class TsgCaseLogForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, compactFormStyles, caseLogFormStyles];

  /** Saves (`caselog:add`, or `caselog:correct` while {@link editing}). */
  @property({ attribute: false }) submit: ((payload: CaseLogAddPayload) => Promise<FormResult>) | null = null;
  /** The entry being corrected, or null for a new one. */
  @property({ attribute: false }) editing: CaseLogEntry | null = null;
  /** Stops correcting: back to a new entry. */
  @property({ attribute: false }) cancelEdit: (() => void) | null = null;
  /** The outcome a new draft starts from: the last she chose. */
  @property() lastOutcome: Outcome = 'listened';
  /** Seals a note to the pinned records key; null (no records key pinned): no note field. */
  @property({ attribute: false }) sealNote: ((text: string) => Promise<string>) | null = null;

  @state() private draft: CaseLogDraft = freshDraft(new Date());
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private notice = '';
  @query('#cl-topic-1') private firstTopic?: HTMLSelectElement;
  @query('tsg-sealed-note-field') private noteField?: TsgSealedNoteField;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editing')) {
      this.draft = this.editing ? entryDraft(this.editing) : { ...freshDraft(new Date(), this.lastOutcome), date: this.draft.date, channel: this.draft.channel };
      this.error = '';
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('editing') && this.editing) this.focusTopic();
  }

  /** The idle lock: an unsaved note's words leave the page (the closed-list fields stay). */
  forgetNote(): void {
    this.noteField?.clear();
  }

  /** Puts the cursor on the first topic: the one field a phone call always needs. */
  focusTopic(): void {
    void this.updateComplete.then(() => this.firstTopic?.focus());
  }

  override render() {
    const d = this.draft;
    const select = compactSelect;
    const topicNames = (k: string) => t.topicOption(TOPICS.indexOf(k as (typeof TOPICS)[number]) + 1, k);
    return html`<form aria-labelledby="cl-h" novalidate @submit=${this.onSubmit} @keydown=${this.onKeydown}>
      <h3 id="cl-h">${t.heading}</h3>
      <p class="intro">${t.intro}</p>
      ${this.editing ? html`<p class="editing">${t.editing(entryLabel(this.editing))}</p>` : nothing}
      <p class="hint" id="cl-keys">${t.keys}</p>
      <div class="fields">
        <div class="field">
          <label for="cl-date">${t.date}</label>
          <input id="cl-date" type="date" required .value=${live(d.date)} @change=${(e: Event) => this.edit({ date: (e.target as HTMLInputElement).value })} />
        </div>
        ${select('cl-channel', t.channel, LOGGED_CHANNELS, d.channel, (k) => t.channels[k], (channel) => this.edit({ channel }))}
        ${Array.from({ length: topicFieldCount(d.topics) }, (_, i) =>
          select(`cl-topic-${i + 1}`, t.topic(i + 1), TOPICS, d.topics[i] ?? '', topicNames, (v) => this.setTopic(i, v), t.topicNone),
        )}
        ${select('cl-outcome', t.outcome, OUTCOMES, d.outcome, (k) => ja.record.outcomes[k], (outcome) => this.edit({ outcome }))}
        ${select('cl-age', t.ageBand, AGE_BANDS, d.ageBand, (k) => ja.record.ageBands[k], (ageBand) => this.edit({ ageBand }), ja.record.ageBands.unknown)}
        ${select('cl-duration', t.duration, DURATION_BANDS, d.durationBand, (k) => t.durations[k], (durationBand) => this.edit({ durationBand }))}
        ${select('cl-contact', t.contact, CONTACT_KINDS, d.contact, (k) => t.contacts[k], (contact) => this.edit({ contact }))}
      </div>
      ${this.sealNote ? html`<tsg-sealed-note-field ?hasNote=${!!this.editing?.note}></tsg-sealed-note-field>` : nothing}
      <p class="error" role="alert">${this.error}</p>
      <div class="row">
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : this.editing ? t.correct : t.submit}</button>
        ${this.editing ? html`<button class="btn-secondary" type="button" @click=${() => this.cancelEdit?.()}>${t.cancelEdit}</button>` : nothing}
        <p class="done" role="status">${this.notice}</p>
      </div>
    </form>`;
  }

  private edit(change: Partial<CaseLogDraft>): void {
    this.draft = { ...this.draft, ...change };
    this.error = '';
    this.notice = '';
  }

  private setTopic(index: number, value: CaseLogDraft['topics'][number]): void {
    const topics = [...this.draft.topics];
    while (topics.length <= index) topics.push('');
    topics[index] = value;
    this.edit({ topics });
  }

  private readonly onKeydown = enterSaves(() => void this.save());

  private readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.save();
  };

  private async save(): Promise<void> {
    if (this.busy || !this.submit) return;
    const problem = draftProblem(this.draft);
    if (problem) {
      this.error = problem === 'topic' ? ja.record.needTopic : t.topicRepeated;
      this.focusTopic();
      return;
    }
    const payload = draftPayload(this.draft);
    const wasEditing = this.editing;
    this.busy = true;
    // A note is sealed here to the pinned records key: only ciphertext leaves the page.
    const [note, seal, submit] = [this.noteField?.value, this.sealNote, this.submit];
    const res = note && seal ? await seal(note).then((sealed) => submit({ ...payload, note: sealed }), () => ({ ok: false as const, error: ja.sealedNote.failed })) : await submit(payload);
    this.busy = false;
    if (!res.ok) {
      this.error = res.error;
      return;
    }
    this.noteField?.clear();
    const label = entryLabel(payload);
    this.notice = (wasEditing ? t.corrected : t.saved)(label);
    // The next call: same day and channel, her outcome, the rest fresh.
    this.draft = { ...freshDraft(new Date(), payload.outcome), date: payload.date, channel: payload.channel };
    this.focusTopic();
  }
}
