import { type Appointment, type AppointmentStatus, type AppointmentStatusPayload, isVisitKind, type VisitDetails } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ja } from '../../i18n/ja.js';
import { focusLost } from '../../services/busy-focus.controller.js';
import { RowFocusController } from '../../services/row-focus.controller.js';
import type { RequestResult } from '../../services/staff-socket.controller.js';
import { formatTokyoDateTime, normaliseCode, spacedCode } from '../../state/appointments.js';
import type { FormResult } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { tableStyles } from '../../styles/table.styles.js';
import '../visit-done-form/visit-done-form.js';
import { appointmentListStyles } from './appointment-list.styles.js';

const t = ja.appointments;

/**
 * Appointments (予約) booked from chats: the list soonest first, a search by reservation code for
 * the phone desk (she calls and quotes her code), and the status buttons. The list itself is kept
 * by the workspace, live from `appointment:changed`; this element only shows it and asks.
 */
export class TsgAppointmentList extends LitElement {
  static override styles = [baseStyles, tableStyles, appointmentListStyles];

  /** All appointments the server lists (7 days back onwards), soonest first. */
  @property({ attribute: false }) appointments: readonly Appointment[] = [];
  /** The first list has come. */
  @property({ type: Boolean }) loaded = false;
  /** Asks the server for the appointment of a code (`appointment:find`). */
  @property({ attribute: false }) findByCode: ((code: string) => Promise<RequestResult<Appointment>>) | null = null;
  /** Sets an appointment's status (`appointment:status`): 済み, 来なかった, 取り消し, or back to 予約中. */
  @property({ attribute: false }) changeStatus: ((change: AppointmentStatusPayload) => Promise<FormResult>) | null = null;

  @state() private foundId: string | null = null;
  @state() private searchNotice = '';
  @state() private searching = false;
  @state() private changingId: string | null = null;
  @state() private error = '';
  @state() private notice = '';
  /** The home visit or accompaniment whose 済み waits for how it went. */
  @state() private marking: Appointment | null = null;
  /** The copy from `appointment:find`, used when the list does not hold it (older than a week). */
  private foundCopy: Appointment | null = null;
  /**
   * Her keyboard across a search or a status change: the pressed button back (a refusal, 探す),
   * or, when a change swapped the row's buttons (済み → 予約中に戻す), the row's button that is
   * there now; with the row gone, the search box.
   */
  private readonly rowFocus = new RowFocusController(this, {
    busy: () => this.searching || this.changingId !== null,
    empty: () => this.renderRoot.querySelector<HTMLElement>('#appt-code'),
  });

  override render() {
    // The found appointment is shown from the live list when it is there, so a status change shows at once.
    const found = this.foundId ? (this.appointments.find((a) => a.id === this.foundId) ?? this.foundCopy) : null;
    return html`<section aria-labelledby="appt-heading">
      <h2 id="appt-heading">${t.heading}</h2>
      <p class="intro">${t.intro}</p>
      <form class="search" role="search" @submit=${this.onSearch} novalidate>
        <label for="appt-code">${t.search}</label>
        <p id="appt-code-hint" class="hint">${t.searchHint}</p>
        <div class="row">
          <input id="appt-code" name="code" autocomplete="off" spellcheck="false" maxlength="9" aria-describedby="appt-code-hint" />
          <button class="btn-primary" type="submit" ?disabled=${this.searching}>${this.searching ? t.finding : t.find}</button>
        </div>
      </form>
      <div role="status" class="result">
        ${this.searchNotice ? html`<p class="notice">${this.searchNotice}</p>` : nothing}
        ${found ? this.renderFound(found) : nothing}
      </div>
      <p class="error" role="alert">${this.error}</p>
      <p class="sr-only" role="status">${this.notice}</p>
      ${this.marking
        ? html`<tsg-visit-done-form .appointment=${this.marking} .save=${this.saveVisit} .cancel=${this.closeVisit}></tsg-visit-done-form>`
        : nothing}
      ${this.renderTable()}
    </section>`;
  }

  private renderFound(a: Appointment) {
    return html`<div class="found" role="group" aria-labelledby="found-heading">
      <h3 id="found-heading">${t.found}</h3>
      <dl>
        <div><dt>${t.code}</dt><dd class="code">${spacedCode(a.code)}</dd></div>
        <div><dt>${t.when}</dt><dd>${formatTokyoDateTime(a.startsAt)}</dd></div>
        <div><dt>${t.kind}</dt><dd>${ja.handoff.kinds[a.kind]}</dd></div>
        <div><dt>${t.staff}</dt><dd>${a.staffName}</dd></div>
        <div><dt>${t.status}</dt><dd>${t.statuses[a.status]}</dd></div>
      </dl>
      ${this.renderActions(a, 'found')}
    </div>`;
  }

  private renderTable() {
    if (!this.loaded) return html`<p class="loading">${t.loading}</p>`;
    return html`<table>
      <caption>${t.caption}</caption>
      <thead>
        <tr><th scope="col">${t.when}</th><th scope="col">${t.kind}</th><th scope="col">${t.code}</th><th scope="col">${t.staff}</th><th scope="col">${t.status}</th><th scope="col">${t.actions}</th></tr>
      </thead>
      <tbody>
        ${this.appointments.length === 0
          ? html`<tr><td colspan="6" class="empty">${t.empty}</td></tr>`
          : repeat(
              this.appointments,
              (a) => a.id,
              (a) => html`<tr class=${a.status}>
                <th scope="row"><time datetime=${a.startsAt}>${formatTokyoDateTime(a.startsAt)}</time></th>
                <td>${ja.handoff.kinds[a.kind]}</td>
                <td class="code">${spacedCode(a.code)}</td>
                <td>${a.staffName}</td>
                <td>${t.statuses[a.status]}</td>
                <td>${this.renderActions(a, 'table')}</td>
              </tr>`,
            )}
      </tbody>
    </table>`;
  }

  /**
   * The status buttons: the three outcomes while booked, and a way back if one was set by mistake.
   * `where`: the found one and its row in the table are two rows to the focus, not one.
   */
  private renderActions(a: Appointment, where: 'found' | 'table') {
    const choices: AppointmentStatus[] = a.status === 'booked' ? ['done', 'no_show', 'cancelled'] : ['booked'];
    return html`<div class="actions" role="group" aria-label=${t.actionsFor(spacedCode(a.code))}>
      ${choices.map(
        (s) => html`<button
          class="btn-secondary"
          type="button"
          data-appointment=${a.id}
          data-status=${s}
          data-row="${where}-${a.id}"
          ?disabled=${this.changingId !== null}
          @click=${() => (s === 'done' && isVisitKind(a.kind) ? void this.openVisit(a) : void this.setStatus(a, s))}
        >
          ${t.setTo[s]}
        </button>`,
      )}
    </div>`;
  }

  private async onSearch(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = normaliseCode(input.value);
    this.foundId = null;
    this.foundCopy = null;
    if (code.length !== 6) return void (this.searchNotice = t.badCode);
    if (!this.findByCode) return;
    this.searching = true;
    this.searchNotice = '';
    const res = await this.findByCode(code);
    this.searching = false;
    if (!res.ok) {
      this.searchNotice = res.error === 'UNKNOWN_APPOINTMENT' || res.error === 'INVALID_PAYLOAD' ? t.notFound : ja.errors[res.error];
      // 探す was given back; the code to correct is where she acts next (unless she went elsewhere).
      await this.updateComplete;
      if (focusLost() || this.shadowRoot?.activeElement === input.form?.querySelector('button')) {
        input.focus();
        input.select();
      }
      return;
    }
    this.foundCopy = res.data;
    this.foundId = res.data.id;
  }

  private async setStatus(a: Appointment, status: AppointmentStatus, visit?: VisitDetails): Promise<FormResult> {
    if (this.changingId || !this.changeStatus) return { ok: false, error: '' };
    this.changingId = a.id;
    this.error = '';
    const res = await this.changeStatus({ appointmentId: a.id, status, ...(visit ? { visit } : {}) });
    this.changingId = null;
    if (!res.ok) {
      // The visit form shows its own error; the list's is for the plain buttons.
      if (!visit) this.error = res.error;
      return res;
    }
    if (this.foundCopy?.id === a.id) this.foundCopy = { ...this.foundCopy, status };
    this.notice = t.changed(spacedCode(a.code), t.statuses[status]);
    return res;
  }

  /** The visit form's 済み: marks it with how it went, then closes and gives focus back to the row. */
  private readonly saveVisit = async (visit: VisitDetails): Promise<FormResult> => {
    const a = this.marking;
    if (!a) return { ok: false, error: '' };
    const res = await this.setStatus(a, 'done', visit);
    if (res.ok) this.closeVisit();
    return res;
  };

  /**
   * Opens 済み for a visit. On a phone the table is wider than the screen and the row's button sat
   * at its right: the view scrolls back to its left edge so the form, above the table, is whole.
   */
  private async openVisit(a: Appointment): Promise<void> {
    this.marking = a;
    await this.updateComplete;
    await this.renderRoot.querySelector('tsg-visit-done-form')?.updateComplete;
    this.scrollLeft = 0;
    this.renderRoot.querySelector('tsg-visit-done-form')?.scrollIntoView({ block: 'nearest' });
  }

  /** Closes the visit form; focus goes back to the appointment's buttons. */
  private readonly closeVisit = (): void => {
    const id = this.marking?.id;
    this.marking = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-appointment="${id}"]`)?.focus());
  };
}
