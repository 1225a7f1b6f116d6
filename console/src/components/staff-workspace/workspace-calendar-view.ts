import { html, nothing, type TemplateResult } from 'lit';
import type { WorkspaceView } from '../../events/view-change.event.js';
import type { WeekChangeEvent } from '../../events/week-change.event.js';
import type { CalendarController } from '../../services/calendar.controller.js';
import type { QueueRoutingController } from '../../services/queue-routing.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import '../calendar-book-form/calendar-book-form.js';
import '../calendar-week/calendar-week.js';

/** What the calendar screen reads: the workspace's controllers. */
export interface CalendarViewParts {
  readonly ctx: WorkspaceContext;
  readonly calendar: CalendarController;
  readonly routing: QueueRoutingController;
}

/** The calendar screen (issue 16): the week by counselor, and for supervisors a booking for one of them. */
export function renderCalendarView({ ctx, calendar, routing }: CalendarViewParts, shown: WorkspaceView | null): TemplateResult {
  return html`<div class="view scroll" ?hidden=${shown !== 'calendar'}>
    <tsg-calendar-week
      .week=${calendar.week}
      .counselors=${routing.counselors}
      .notice=${calendar.notice}
      @tsg-week-change=${(e: WeekChangeEvent) => void calendar.go(e.detail.weekStart)}
    ></tsg-calendar-week>
    ${ctx.session().staff.role === 'supervisor' ? html`<tsg-calendar-book-form .counselors=${routing.counselors} .submit=${calendar.bookFor}></tsg-calendar-book-form>` : nothing}
  </div>`;
}
