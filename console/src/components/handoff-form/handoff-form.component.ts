import { HANDOFF_KINDS, type HandoffBookPayload, type HandoffKind, MAX_BOOKING_AHEAD_DAYS } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { bookingProblem, formatTokyoDateTime, spacedCode, tokyoDate, tokyoIso } from '../../state/appointments.js';
import type { HandoffBooked, HandoffResult } from '../../state/form-requests.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { handoffFormStyles } from './handoff-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.handoff;

/**
 * Books a hand-off (ほかの相談方法へつなぐ) for an active chat: kind, Tokyo date and time. The date
 * and time are read as Tokyo wall time whatever the browser's zone, and sent with +09:00. The
 * workspace books it and sends her the code in an ordinary chat message; this form then shows the
 * counselor the code and whether the message went out.
 */
export class TsgHandoffForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, handoffFormStyles];

  /** The chat the booking is for. A new id starts a fresh form. */
  @property() consultationId = '';
  /** Books it (`handoff:book`) and sends her the code; answers with the booking and whether her message went out. */
  @property({ attribute: false }) submit: ((booking: HandoffBookPayload) => Promise<HandoffResult>) | null = null;

  @state() private kind: HandoffKind = 'phone';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private booked: HandoffBooked | null = null;
  /** The server said the interview is off the interview day: she may confirm and book again. */
  @state() private offDay = false;
  @query('input[name="kind"]') private firstKind?: HTMLInputElement;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultationId')) {
      this.kind = 'phone';
      this.error = '';
      this.booked = null;
      this.offDay = false;
    }
  }

  /** Puts focus on the first choice, for when the form has just been opened. */
  override focus(): void {
    // Opened a moment ago: the inputs exist only after the first render.
    void this.updateComplete.then(() => this.firstKind?.focus());
  }

  override render() {
    const now = new Date();
    const id = (s: string) => `${s}-${this.consultationId}`;
    return html`
      <form aria-labelledby=${id('ho-h')} @submit=${this.onSubmit} novalidate>
        <h3 id=${id('ho-h')}>${t.heading}</h3>
        ${this.booked ? nothing : this.renderInputs(id, now)}
        <div role="status">${this.booked ? this.renderBooked(this.booked) : nothing}</div>
      </form>
    `;
  }

  /** Kind, date and time; folded away once booked, so the chat log gets its room back. */
  private renderInputs(id: (s: string) => string, now: Date) {
    return html`
        <p class="intro">${t.intro}</p>
        <fieldset>
          <legend>${t.kind}</legend>
          <div class="kinds">
            ${HANDOFF_KINDS.map(
              (k) => html`<label class="choice"
                ><input type="radio" name="kind" .value=${k} .checked=${k === this.kind} @change=${() => (this.kind = k)} />${t.kinds[k]}</label
              >`,
            )}
          </div>
        </fieldset>
        <div class="when">
          <div class="field">
            <label for=${id('ho-date')}>${t.date}</label>
            <input id=${id('ho-date')} name="date" type="date" required .value=${tokyoDate(now, 1)} min=${tokyoDate(now)}
              max=${tokyoDate(now, MAX_BOOKING_AHEAD_DAYS)} />
          </div>
          <div class="field">
            <label for=${id('ho-time')}>${t.time}</label>
            <input id=${id('ho-time')} name="time" type="time" required step="300" />
          </div>
        </div>
        <p class="error" role="alert">${this.error}</p>
        ${this.offDay
          ? html`<label class="choice confirm"><input type="checkbox" name="offDay" />${ja.interviewDay.confirm}</label>`
          : nothing}
        <div class="row">
          <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button>
        </div>
    `;
  }

  private renderBooked({ appointment: a, messageSent }: HandoffBooked) {
    return html`<div class="booked ${messageSent ? '' : 'warn'}">
      <p>${messageSent ? t.done : t.notSent}</p>
      <p>${t.kinds[a.kind]}：${formatTokyoDateTime(a.startsAt)}</p>
      <p>${t.code}：<span class="code">${spacedCode(a.code)}</span></p>
      <button class="btn-secondary" type="button" @click=${this.onAnother}>${t.another}</button>
    </div>`;
  }

  private async onAnother(): Promise<void> {
    this.booked = null;
    await this.updateComplete;
    this.firstKind?.focus();
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.submit) return;
    const form = e.target as HTMLFormElement;
    const offDayConfirmed = (form.elements.namedItem('offDay') as HTMLInputElement | null)?.checked === true;
    const date = (form.elements.namedItem('date') as HTMLInputElement).value;
    const time = (form.elements.namedItem('time') as HTMLInputElement).value;
    const startsAt = tokyoIso(date, time);
    const problem = bookingProblem(startsAt, new Date());
    if (problem || !startsAt) {
      this.error = problem === 'past' ? t.past : problem === 'tooFar' ? t.tooFar(MAX_BOOKING_AHEAD_DAYS) : t.invalid;
      return;
    }
    this.error = '';
    this.booked = null;
    this.busy = true;
    const consultationId = this.consultationId;
    const res = await this.submit({ consultationId, kind: this.kind, startsAt, ...(offDayConfirmed && this.kind === 'interview' ? { offDayConfirmed } : {}) });
    if (consultationId !== this.consultationId) return; // Another chat is shown now.
    this.busy = false;
    this.offDay = !res.ok && 'offDay' in res;
    if (res.ok) this.booked = { appointment: res.appointment, messageSent: res.messageSent };
    else {
      this.error = res.error;
      // The disabled button lost the focus while it waited: it goes where she acts next — the
      // off-day confirmation when that is what was missing, otherwise the date to change.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(this.offDay ? 'input[name="offDay"]' : 'input[name="date"]')?.focus();
    }
  }
}
