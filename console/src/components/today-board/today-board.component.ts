import { type QueueEntry, type TodayFigures, tokyoParts, type UrgentAlert } from '@tsunagari/shared';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { TodayStaleEvent } from '../../events/today-stale.event.js';
import { ja } from '../../i18n/ja.js';
import { ClockController } from '../../services/clock.controller.js';
import { formatWait, LONG_WAIT_ALERT_MS, queueLoad } from '../../state/queue.js';
import { baseStyles } from '../../styles/shared.styles.js';

const t = ja.today;
const f = ja.figures;

/**
 * The supervisors' live board: who is waiting and the longest wait (from the queue, ticking each
 * second), today's consultations taken up and women who left while waiting, the answer rate, the
 * waits of those taken up, openings of the widget and starts turned away (pushed by the server
 * with the queue's changes, never per message),
 * and an alert when an urgent client waits, a wait passes the threshold, or the server finds the
 * urgent share of the queue unusual (a flood of self-declared urgent starts).
 *
 * @fires tsg-today-stale - the figures are from a day that has ended
 */
export class TsgTodayBoard extends LitElement {
  static override styles = [
    baseStyles,
    css`
      section { border: 1px solid var(--tsg-border); border-radius: var(--tsg-radius); background: var(--tsg-surface); padding: 0.5rem 0.75rem 0.75rem; }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      dl { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem; margin: 0; }
      dl div { display: grid; gap: 0.1rem; align-content: start; }
      dl div.wide { grid-column: 1 / -1; }
      dt { font-size: 0.85rem; color: var(--tsg-muted); }
      dd { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .alert { margin: 0.5rem 0 0; padding: 0.4rem 0.6rem; border-radius: 6px; background: var(--tsg-warn-soft); color: var(--tsg-warn-text); font-weight: 600; }
      .alert.urgent { border-left: 4px solid var(--tsg-danger); }
      .note { margin: 0.5rem 0 0; font-size: 0.8rem; color: var(--tsg-muted); }
    `,
  ];

  /** Today's figures from the server; null until they arrive. */
  @property({ attribute: false }) figures: TodayFigures | null = null;
  /** The waiting queue as staff see it. */
  @property({ attribute: false }) entries: readonly QueueEntry[] = [];
  /** The server's alert that the urgent share of the queue is unusual (null: ordinary). */
  @property({ attribute: false }) urgentAlert: UrgentAlert | null = null;
  /** Minutes of waiting from which the board alerts: the program's setting. */
  @property({ type: Number }) longWaitMinutes = LONG_WAIT_ALERT_MS / 60_000;

  private readonly clock = new ClockController(this, 1000);
  private askedFor = '';

  private get today(): string {
    return tokyoParts(new Date(this.clock.now)).ymd;
  }

  protected override updated(): void {
    // Midnight in Tokyo passed since the last push: today's figures start again from the server.
    const today = this.today;
    if (this.figures && this.figures.day !== today && this.askedFor !== today) {
      this.askedFor = today;
      this.dispatchEvent(new TodayStaleEvent());
    }
  }

  protected override render() {
    const load = queueLoad(this.entries, this.clock.now, this.longWaitMinutes * 60_000);
    const current = this.figures?.day === this.today ? this.figures : null;
    const count = (n: number | undefined, unit: (n: number) => string) => (n === undefined ? '—' : unit(n));
    return html`<section aria-labelledby="today-heading">
      <h2 id="today-heading">${t.heading}</h2>
      <dl>
        <div><dt>${t.waiting}</dt><dd>${t.people(load.waiting)}</dd></div>
        <div><dt>${t.longest}</dt><dd>${load.longestMs === null ? t.none : formatWait(load.longestMs)}</dd></div>
        <div><dt>${t.answered}</dt><dd>${count(current?.answered, t.cases)}</dd></div>
        <div><dt>${t.leftWaiting}</dt><dd>${count(current?.leftWaiting, t.people)}</dd></div>
        <div><dt>${f.todayStarted}</dt><dd>${count(current?.started, t.people)}</dd></div>
        <div><dt>${f.todayRate}</dt><dd>${current ? f.rate(current.answerRate) : '—'}</dd></div>
        <div class="wide"><dt>${f.todayWait}</dt><dd>${current ? `${f.wait(current.waitP50Sec)}／${f.wait(current.waitP90Sec)}` : '—'}</dd></div>
        <div><dt>${f.todayOpened}</dt><dd>${count(current?.opened, f.times)}</dd></div>
        <div><dt>${f.todayUnserved}</dt><dd>${count(current ? current.closed + current.refused : undefined, f.times)}</dd></div>
      </dl>
      <div role="alert">
        ${load.urgentWaiting ? html`<p class="alert urgent">${t.urgentAlert}</p>` : nothing}
        ${this.urgentAlert ? html`<p class="alert urgent urgent-share">${t.urgentShareAlert(this.urgentAlert)}</p>` : nothing}
        ${load.longWait ? html`<p class="alert">${t.longWaitAlert(this.longWaitMinutes)}</p>` : nothing}
      </div>
      <p class="note">${t.note}</p>
    </section>`;
  }
}
