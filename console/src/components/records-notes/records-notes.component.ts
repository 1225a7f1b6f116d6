import { fiscalYearOf, type ListedCaseNote } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import type { OpenedCaseNote } from '../../services/records-notes.js';
import { errorText } from '../../services/workspace-context.js';
import { fiscalYearChoices } from '../../state/case-record.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { baseStyles, formBoxStyles } from '../../styles/shared.styles.js';
import { forgetPassphrase, orgKeyFields, readOrgKeyFields } from '../staff-sign-form/org-key-fields.js';
import { recordsNotesStyles } from './records-notes.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.recordsNotes;
const c = ja.caseLog;

/**
 * 記録メモを読む (issue 16), for supervisors: asks for the records key file and its passphrase,
 * fetches the fiscal year's sealed notes (`caselog:notes`), opens them in this browser and shows
 * each beside its entry's closed-list fields. The key is zeroed as soon as the notes are open;
 * the opened words live in this element's memory only (never in any storage) and are forgotten
 * when she presses メモを閉じる, when the records screen is left or locked (`active` turns
 * false) and when the element leaves the page (logout).
 */
export class TsgRecordsNotes extends LitElement {
  static override styles = [baseStyles, formBoxStyles, fieldStyles, recordsNotesStyles];

  /** The records public key pinned in console-config.json: a file for any other key is refused. */
  @property() recordsPublicKey = '';
  /** `caselog:notes` for one fiscal year. */
  @property({ attribute: false }) fetchNotes: ((fiscalYear: number) => Promise<RequestResult<{ notes: ListedCaseNote[] }>>) | null = null;
  /** The records screen is shown (not left, not locked); false forgets everything opened. */
  @property({ type: Boolean }) active = false;

  @state() private year = fiscalYearOf(new Date());
  @state() private opened: { year: number; notes: OpenedCaseNote[] } | null = null;
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private status = '';
  @query('form') private form?: HTMLFormElement;
  private readonly years = fiscalYearChoices(new Date());

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('active') && !this.active) this.forget();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forget();
  }

  /** Drops the opened notes and the picked file (the key itself was zeroed when the notes opened). */
  forget(): void {
    this.opened = null;
    this.error = '';
    this.form?.reset();
  }

  override render() {
    return html`<section aria-labelledby="rn-h">
      <form aria-labelledby="rn-h" novalidate @submit=${this.onSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
        <h3 id="rn-h">${t.heading}</h3>
        <p class="intro">${t.intro}</p>
        <div class="field">
          <label for="rn-year">${t.year}</label>
          <select id="rn-year" @change=${(e: Event) => (this.year = Number((e.target as HTMLSelectElement).value))}>
            ${this.years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${ja.report.yearLabel(y)}</option>`)}
          </select>
        </div>
        ${orgKeyFields(t)}
        <p class="error" role="alert">${this.error}</p>
        <div class="row">
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button>
          ${this.opened ? html`<button class="btn-secondary" type="button" @click=${this.onForget}>${t.forget}</button>` : nothing}
        </div>
        <p class="done" role="status">${this.status}</p>
      </form>
      ${this.opened ? this.renderNotes(this.opened.year, this.opened.notes) : nothing}
    </section>`;
  }

  private renderNotes(year: number, notes: readonly OpenedCaseNote[]) {
    const label = ja.report.yearLabel(year);
    if (notes.length === 0) return html`<p class="empty">${t.none(label)}</p>`;
    return html`<h4 id="rn-list">${t.caption(label, notes.length)}</h4>
      <ol class="notes" aria-labelledby="rn-list">
        ${notes.map(
          (n) => html`<li>
            <article aria-label=${c.summary(c.dayLabel(n.date), c.channels[n.channel])}>
              <p class="what"><strong>${c.summary(c.dayLabel(n.date), c.channels[n.channel])}</strong>
                ${c.durations[n.durationBand]}・${c.contacts[n.contact]}・${ja.record.outcomes[n.outcome]}${n.ageBand ? html`・${ja.record.ageBands[n.ageBand]}` : nothing}</p>
              <p class="topics">${c.colTopics}：${n.topics.join('・')}</p>
              ${n.text === null ? html`<p class="note unopened">${t.notOpened}</p>` : html`<p class="note">${n.text}</p>`}
            </article>
          </li>`,
        )}
      </ol>`;
  }

  private readonly onForget = (): void => {
    this.forget();
    this.status = t.forgotten;
  };

  private readonly onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const form = this.form;
    if (this.busy || !this.fetchNotes || !form) return;
    const key = readOrgKeyFields(form, t);
    if (!key.ok) {
      this.error = key.error;
      key.field?.focus();
      return;
    }
    const year = this.year;
    [this.busy, this.error, this.status, this.opened] = [true, '', '', null];
    try {
      const service = await import('../../services/records-notes.js');
      const [fileText, res] = await Promise.all([service.readKeyFile(key.file), this.fetchNotes(year)]);
      if (!res.ok) {
        this.error = `${t.loadFailed}（${errorText(res.error)}）`;
        return;
      }
      const result = await service.openCaseNotes(fileText, key.passphrase, this.recordsPublicKey, res.data.notes);
      if (!result.ok) {
        this.error = t.problems[result.problem];
        return;
      }
      // Still on this screen? If it was left or locked meanwhile, nothing is kept.
      if (this.active) {
        this.opened = { year, notes: result.notes };
        this.status = t.opened(result.notes.length);
      }
    } finally {
      forgetPassphrase(form);
      this.busy = false;
    }
  };
}
