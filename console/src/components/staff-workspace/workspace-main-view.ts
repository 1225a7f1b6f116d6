import type { FiscalYearTargets } from '@tsunagari/shared';
import { html, type TemplateResult } from 'lit';
import type { WorkspaceView } from '../../events/view-change.event.js';
import type { AppointmentsController } from '../../services/appointments.controller.js';
import type { ChatActionsController } from '../../services/chat-actions.controller.js';
import type { ChatSyncController } from '../../services/chat-sync.controller.js';
import type { QueueRoutingController } from '../../services/queue-routing.controller.js';
import type { StaffSocketController } from '../../services/staff-socket.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import * as store from '../../state/chats.js';
import '../chat-panel/chat-panel.js';
import '../year-report/year-report.js';

/** What the main screen reads: the workspace's controllers. */
export interface MainViewParts {
  readonly ctx: WorkspaceContext;
  readonly socket: StaffSocketController;
  readonly chats: ChatSyncController;
  readonly actions: ChatActionsController;
  readonly routing: QueueRoutingController;
  readonly appointments: AppointmentsController;
}

/**
 * The main screen: a counselor's selected chat, or the fiscal-year report for supervisors and
 * admins. Hidden, not removed: the chat panel keeps its open forms and drafts while she looks at
 * 予約 (or is locked). Rendered into the workspace's own shadow root, like every view.
 */
export class WorkspaceMainView {
  constructor(private readonly p: MainViewParts) {}

  /** The fiscal-year report for supervisors (one stable function, so the report does not reload on each render). */
  readonly fetchReport = (fiscalYear: number) => this.p.socket.request('report:year', { fiscalYear });
  /** Admins: the year's targets (stable, like fetchReport). */
  readonly setTargets = (fiscalYear: number, targets: FiscalYearTargets) => this.p.socket.request('targets:set', { fiscalYear, targets });

  render(shown: WorkspaceView | null): TemplateResult {
    const { ctx, actions, routing, appointments } = this.p;
    const model = ctx.store.model;
    const me = ctx.session().staff;
    const selected = store.findChat(model, model.selectedId) ?? null;
    const selectedId = selected?.consultation.consultationId ?? '';
    return html`<div class="view" ?hidden=${shown !== 'main'}>
      ${me.role === 'counselor'
        ? html`<tsg-chat-panel
            .chat=${selected}
            .error=${actions.chatErrors[selectedId] ?? ''}
            ?ending=${actions.endingId !== null && actions.endingId === selectedId}
            .counselors=${routing.counselors.filter((c) => c.staffId !== me.id)}
            ?transferring=${actions.transferringId !== null && actions.transferringId === selectedId}
            .send=${actions.send}
            .record=${actions.record}
            .transfer=${actions.transfer}
            .book=${appointments.book}
            @tsg-typing=${this.p.chats.onTypingInput}
            @tsg-end-request=${actions.onEnd}
            @tsg-chat-close=${actions.onClose}
          ></tsg-chat-panel>`
        : html`<tsg-year-report
            .fetchReport=${this.fetchReport}
            .setTargets=${me.role === 'admin' ? this.setTargets : null}
            ?connected=${this.p.socket.status === 'connected'}
          ></tsg-year-report>`}
    </div>`;
  }
}
