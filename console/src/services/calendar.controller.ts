import type { Appointment, CalendarWeek } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { ja } from '../i18n/ja.js';
import { upsertInWeek, weekLabel, weekStartOf } from '../state/calendar.js';
import type { BookForDraft } from '../state/form-requests.js';
import type { WorkspaceContext } from './workspace-context.js';

/**
 * The calendar's week (issue 16): which week is shown, fetched with `calendar:week`, and kept live
 * from `appointment:changed` (a booking or status change by anyone on staff). Fetches only once
 * the calendar has been opened, and again after a reconnect while it is. A plain class, like
 * AppointmentsController: its one lifecycle is its subscription.
 */
export class CalendarController {
  /** The week shown; null until it first came. */
  week: CalendarWeek | null = null;
  /** What the live region says after a move. */
  notice = '';
  /** The Monday asked for last (an answer for an older request is dropped). */
  private wanted: string | null = null;

  constructor(
    private readonly ctx: WorkspaceContext,
    private readonly now: () => Date = () => new Date(),
  ) {
    ctx.socket.listen(ctx.host, {
      'appointment:changed': (p) => {
        if (!this.week) return;
        this.week = upsertInWeek(this.week, p.appointment);
        ctx.host.requestUpdate();
      },
    });
  }

  /** Opened: this week the first time, the same week again after that (it may have changed meanwhile). */
  open(): Promise<void> {
    return this.show(this.wanted ?? weekStartOf(this.now()), false);
  }

  /** After a reconnect: the week shown, if the calendar was ever opened. */
  refresh(): Promise<void> {
    return this.wanted ? this.show(this.wanted, false) : Promise.resolve();
  }

  /** Moves to the week starting on the Monday `weekStart`, and says so. */
  readonly go = (weekStart: string): Promise<void> => this.show(weekStart, true);

  /**
   * A supervisor books for a counselor: the consultation found by the code she was given, then
   * `appointment:book`. The week shows the booking when the relay pushes it (to every staff tab).
   */
  readonly bookFor = async ({ code, ...booking }: BookForDraft): Promise<RequestResult<Appointment>> => {
    const found = await this.ctx.socket.request('appointment:find', { code });
    if (!found.ok) return found;
    return this.ctx.socket.request('appointment:book', { ...booking, consultationId: found.data.consultationId });
  };

  private async show(weekStart: string, announce: boolean): Promise<void> {
    this.wanted = weekStart;
    const res = await this.ctx.socket.request('calendar:week', { weekStart });
    if (this.wanted !== weekStart) return;
    if (!res.ok) {
      this.notice = ja.errors[res.error];
    } else {
      this.week = res.data;
      if (announce) this.notice = ja.calendar.shown(weekLabel(weekStart));
    }
    this.ctx.host.requestUpdate();
  }
}
