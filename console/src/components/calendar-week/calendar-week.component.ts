import type { Appointment, CalendarWeek } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { WeekChangeEvent } from '../../events/week-change.event.js';
import { ja } from '../../i18n/ja.js';
import { spacedCode } from '../../state/appointments.js';
import { addWeeks, counselorRows, dayLabel, tokyoTime, weekLabel, weekStartOf } from '../../state/calendar.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { tableStyles } from '../../styles/table.styles.js';
import { calendarWeekStyles } from './calendar-week.styles.js';

const t = ja.calendar;

/**
 * The calendar (issue 16): one Tokyo week, Monday to Sunday, as a table with a row per counselor
 * and a column per day. Column headers carry the day and whether it is closed or the interview
 * day; each appointment is one list item that reads whole (time, kind, code, status), so a screen
 * reader gets it with its row and column headers. It shows only what an appointment holds. The
 * week is moved with the buttons or PageUp / PageDown; the workspace fetches it.
 *
 * @fires tsg-week-change
 */
export class TsgCalendarWeek extends LitElement {
  static override styles = [baseStyles, tableStyles, calendarWeekStyles];

  /** The week shown; null while the first one loads. */
  @property({ attribute: false }) week: CalendarWeek | null = null;
  /** Counselors on the list (their rows show even in an empty week). */
  @property({ attribute: false }) counselors: readonly { staffId: string; displayName: string }[] = [];
  /** Today, for the 今週 button (injected so tests and the idle page agree on it). */
  @property({ attribute: false }) now: () => Date = () => new Date();
  /** The spoken line after a move ("…の週を表示しています。"). */
  @property() notice = '';

  override render() {
    const week = this.week;
    return html`<section aria-labelledby="cal-heading" @keydown=${this.onKey}>
      <h2 id="cal-heading">${t.heading}</h2>
      <p class="intro">${t.intro}</p>
      <p class="intro" id="cal-keys">${t.keys}</p>
      <div class="nav" role="group" aria-label=${t.navLabel}>
        <button class="btn-secondary" type="button" aria-describedby="cal-keys" @click=${() => this.move(-1)}>← ${t.previous}</button>
        <button class="btn-secondary" type="button" @click=${this.toThisWeek}>${t.thisWeek}</button>
        <button class="btn-secondary" type="button" aria-describedby="cal-keys" @click=${() => this.move(1)}>${t.next} →</button>
        <span class="week">${week ? weekLabel(week.weekStart) : ''}</span>
      </div>
      <p class="sr-only" role="status">${this.notice}</p>
      ${week ? this.renderTable(week) : html`<p class="loading">${t.loading}</p>`}
    </section>`;
  }

  private renderTable(week: CalendarWeek) {
    const rows = counselorRows(week, this.counselors);
    return html`<div class="scroller" tabindex="0" role="region" aria-label=${t.scrollLabel}>
      <table>
        <caption>${t.caption(weekLabel(week.weekStart))}</caption>
        <thead>
          <tr>
            <th scope="col" class="who">${t.counselor}</th>
            ${week.days.map(
              (d) => html`<th scope="col" class=${d.closed ? 'closed' : d.interviewDay ? 'interview' : ''}>
                <span class="date">${dayLabel(d.date)}</span>
                ${d.closed ? html`<span class="tag">${t.closed[d.closed]}</span>` : nothing}
                ${d.interviewDay && !d.closed ? html`<span class="tag">${t.interviewDay}</span>` : nothing}
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.length === 0
            ? html`<tr><td colspan="8" class="empty">${t.empty}</td></tr>`
            : rows.map(
                (r) => html`<tr>
                  <th scope="row" class="who">${r.displayName}</th>
                  ${r.byDay.map((list, i) => html`<td class=${week.days[i]?.closed ? 'closed' : ''}>${this.renderDay(list)}</td>`)}
                </tr>`,
              )}
        </tbody>
      </table>
    </div>`;
  }

  private renderDay(list: readonly Appointment[]) {
    if (list.length === 0) return html`<span class="sr-only">${t.none}</span>`;
    return html`<ul>
      ${list.map(
        (a) => html`<li class="appt ${a.kind} ${a.status}">
          <time datetime=${a.startsAt}>${tokyoTime(a.startsAt)}–<wbr />${tokyoTime(a.endsAt)}</time>
          <span class="kind">${ja.handoff.kinds[a.kind]}</span>
          <span class="code">${t.code(spacedCode(a.code))}</span>
          <span class="status">${ja.appointments.statuses[a.status]}</span>
          ${a.overriddenBy ? html`<span class="override">${t.overridden}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private move(weeks: number): void {
    if (this.week) this.dispatchEvent(new WeekChangeEvent(addWeeks(this.week.weekStart, weeks)));
  }

  private readonly toThisWeek = (): void => {
    const monday = weekStartOf(this.now());
    if (monday !== this.week?.weekStart) this.dispatchEvent(new WeekChangeEvent(monday));
  };

  /** PageUp / PageDown anywhere in the calendar: the week before and after (the buttons keep focus). */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    e.preventDefault();
    this.move(e.key === 'PageUp' ? -1 : 1);
  };
}
