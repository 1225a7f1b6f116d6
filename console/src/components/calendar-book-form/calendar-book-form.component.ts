import { type Appointment, HANDOFF_KINDS, type HandoffKind, MAX_BOOKING_AHEAD_DAYS } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { errorText } from '../../services/workspace-context.js';
import { bookingProblem, formatTokyoDateTime, normaliseCode, spacedCode, tokyoDate, tokyoIso } from '../../state/appointments.js';
import type { BookForDraft } from '../../state/form-requests.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { calendarBookFormStyles } from './calendar-book-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.calendarBook;
const MINUTES = [30, 45, 60, 90, 120] as const;
/** The program's rules a supervisor may bend, and how (the relay records an override on the appointment). */
const BENDABLE = {
  BOOKING_OUTSIDE_HOURS: { override: true },
  BOOKING_HOLIDAY: { override: true },
  BOOKING_CLOSED_DAY: { override: true },
  NOT_INTERVIEW_DAY: { offDayConfirmed: true },
} as const;
type BendableRule = keyof typeof BENDABLE;
const isBendable = (code: string): code is BendableRule => code in BENDABLE;

/**
 * A supervisor books an appointment for a counselor from the calendar (`appointment:book`): the
 * consultation by a reservation code she was given, the counselor, kind, Tokyo day and time, and
 * length. When the program's hours, a holiday, a closure day or the interview day refuse it, the
 * form says which rule in plain words and offers 「規則を確認のうえ予約する」, which sends the same
 * booking again with that rule waived. A double booking is never offered: the relay refuses it
 * whoever asks. Shown to supervisors only; counselors book from the chat.
 */
export class TsgCalendarBookForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, fieldStyles, calendarBookFormStyles];

  /** Counselors who may be booked. */
  @property({ attribute: false }) counselors: readonly { staffId: string; displayName: string }[] = [];
  /** Finds the consultation by the code and books (`appointment:find`, then `appointment:book`). */
  @property({ attribute: false }) submit: ((draft: BookForDraft) => Promise<RequestResult<Appointment>>) | null = null;
  /** Today (injected so tests and the calendar agree on it). */
  @property({ attribute: false }) now: () => Date = () => new Date();

  @state() private kind: HandoffKind = 'interview';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  /** The rule that refused the last attempt, when it is one she may bend. */
  @state() private refusal: BendableRule | null = null;
  @state() private booked: Appointment | null = null;
  /** The booking last sent, with the waivers given so far (cleared when a field changes). */
  private draft: BookForDraft | null = null;

  override render() {
    const today = this.now();
    return html`<form aria-labelledby="cb-h" novalidate @submit=${this.onSubmit} @input=${this.onEdit} @change=${this.onEdit}>
      <h3 id="cb-h">${t.heading}</h3>
      <p class="intro">${t.intro}</p>
      <div class="fields">
        <div class="field">
          <label for="cb-code">${t.code}</label>
          <input id="cb-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="8" aria-describedby="cb-code-hint" required />
          <p class="hint" id="cb-code-hint">${t.codeHint}</p>
        </div>
        <div class="field">
          <label for="cb-counselor">${t.counselor}</label>
          <select id="cb-counselor" name="counselor" required>
            ${this.counselors.map((c) => html`<option value=${c.staffId}>${c.displayName}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="cb-kind">${t.kind}</label>
          <select id="cb-kind" name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as HandoffKind)}>
            ${HANDOFF_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${ja.handoff.kinds[k]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="cb-date">${t.date}</label>
          <input id="cb-date" name="date" type="date" required .value=${tokyoDate(today, 1)} min=${tokyoDate(today)} max=${tokyoDate(today, MAX_BOOKING_AHEAD_DAYS)} />
        </div>
        <div class="field">
          <label for="cb-time">${t.time}</label>
          <input id="cb-time" name="time" type="time" required step="300" />
        </div>
        <div class="field">
          <label for="cb-minutes">${t.minutes}</label>
          <select id="cb-minutes" name="minutes">
            ${MINUTES.map((m) => html`<option value=${m} ?selected=${m === 60}>${t.minutesOption(m)}</option>`)}
          </select>
        </div>
      </div>
      <div role="alert">${this.renderRefusal()}</div>
      <div class="row"><button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button></div>
      <div role="status">${this.booked ? this.renderBooked(this.booked) : nothing}</div>
    </form>`;
  }

  private renderRefusal() {
    if (this.refusal) {
      return html`<div class="refusal">
        <p>${t.rules[this.refusal]}</p>
        <p>${t.bendHint}</p>
        <div class="row"><button class="btn-secondary" type="button" ?disabled=${this.busy} @click=${this.onBend}>${t.bend}</button></div>
      </div>`;
    }
    return this.error ? html`<p class="refusal">${this.error}</p>` : nothing;
  }

  private renderBooked(a: Appointment) {
    return html`<div class="booked">
      <p>${t.done(a.staffName, `${ja.handoff.kinds[a.kind]} ${formatTokyoDateTime(a.startsAt)}`)}</p>
      <p>${t.newCode(spacedCode(a.code))}</p>
      ${a.overriddenBy ? html`<p>${t.bent}</p>` : nothing}
    </div>`;
  }

  /** A field changed: the rules must be checked again for the new values. */
  private readonly onEdit = (): void => {
    this.draft = null;
    this.refusal = null;
  };

  private readonly onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const code = normaliseCode(String(data.get('code') ?? ''));
    const counselorId = String(data.get('counselor') ?? '');
    const startsAt = tokyoIso(String(data.get('date') ?? ''), String(data.get('time') ?? ''));
    const problem = bookingProblem(startsAt, this.now());
    const h = ja.handoff;
    if (code.length !== 6) return this.fail(t.noCode);
    if (!counselorId) return this.fail(t.noCounselor);
    if (problem || !startsAt) return this.fail(problem === 'past' ? h.past : problem === 'tooFar' ? h.tooFar(MAX_BOOKING_AHEAD_DAYS) : h.invalid);
    void this.send({ code, counselorId, kind: this.kind, startsAt, minutes: Number(data.get('minutes')) });
  };

  /** The same booking again, with the rule that refused it waived. */
  private readonly onBend = (): void => {
    if (this.draft && this.refusal) void this.send({ ...this.draft, ...BENDABLE[this.refusal] });
  };

  private async send(draft: BookForDraft): Promise<void> {
    if (this.busy || !this.submit) return;
    this.busy = true;
    this.booked = null;
    const res = await this.submit(draft);
    this.busy = false;
    this.draft = draft;
    this.refusal = !res.ok && isBendable(res.error) ? res.error : null;
    if (res.ok) this.booked = res.data;
    const name = this.counselors.find((c) => c.staffId === draft.counselorId)?.displayName ?? '';
    this.error = res.ok || this.refusal ? '' : res.error === 'DOUBLE_BOOKED' ? t.doubleBooked(name) : errorText(res.error);
  }

  private fail(text: string): void {
    this.refusal = null;
    this.booked = null;
    this.error = text;
  }
}
