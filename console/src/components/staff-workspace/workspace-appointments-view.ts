import type { AppointmentStatusPayload } from '@tsunagari/shared';
import { html, type TemplateResult } from 'lit';
import type { WorkspaceView } from '../../events/view-change.event.js';
import type { AppointmentsController } from '../../services/appointments.controller.js';
import type { OutreachController } from '../../services/outreach.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import type { FormResult } from '../../state/form-requests.js';
import '../appointment-list/appointment-list.js';

/** What the 予約 screen reads: the workspace's controllers. */
export interface AppointmentsViewParts {
  readonly ctx: WorkspaceContext;
  readonly appointments: AppointmentsController;
  readonly outreach: OutreachController;
}

/** The 予約 screen: the appointments and hand-offs, found by code, marked 済み or undone. */
export class WorkspaceAppointmentsView {
  constructor(private readonly p: AppointmentsViewParts) {}

  /** A status change from the appointment list; a visit marked 済み (or undone) shows in her visits too. */
  readonly changeStatus = async (change: AppointmentStatusPayload): Promise<FormResult> => {
    const res = await this.p.appointments.changeStatus(change);
    if (res.ok && this.p.ctx.session().staff.role !== 'admin') void this.p.outreach.load();
    return res;
  };

  render(shown: WorkspaceView | null): TemplateResult {
    const { appointments } = this.p;
    return html`<div class="view" ?hidden=${shown !== 'appointments'}>
      <tsg-appointment-list
        .appointments=${appointments.appointments ?? []}
        ?loaded=${appointments.appointments !== null}
        .findByCode=${appointments.findByCode}
        .changeStatus=${this.changeStatus}
      ></tsg-appointment-list>
    </div>`;
  }
}
