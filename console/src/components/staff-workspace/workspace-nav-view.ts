import { html, nothing, type TemplateResult } from 'lit';
import { ja } from '../../i18n/ja.js';
import type { ChatSyncController } from '../../services/chat-sync.controller.js';
import type { ProgramSettingsController } from '../../services/program-settings.controller.js';
import type { QueueRoutingController } from '../../services/queue-routing.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import '../chat-list/chat-list.js';
import '../queue-list/queue-list.js';
import '../routing-panel/routing-panel.js';
import '../today-board/today-board.js';

/** What the side column reads: the workspace's controllers. */
export interface NavViewParts {
  readonly ctx: WorkspaceContext;
  readonly routing: QueueRoutingController;
  readonly chats: ChatSyncController;
  readonly program: ProgramSettingsController;
}

/**
 * The workspace's side column: today's board (supervisors and admins), her status and offers, the
 * queue and, for counselors, her chats. Rendered into the workspace's own shadow root (its styles
 * and the selectors of the tests reach it there). Under the idle lock it stays listed but inert.
 */
export function renderNavView({ ctx, routing, chats, program }: NavViewParts): TemplateResult {
  const model = ctx.store.model;
  const counselor = ctx.session().staff.role === 'counselor';
  const locked = ctx.locked();
  return html`<nav aria-label=${ja.nav.label} ?inert=${locked}>
    ${locked ? html`<p class="locked-note">${ja.lock.chatsLocked}</p>` : nothing}
    ${counselor
      ? ''
      : html`<tsg-today-board .figures=${routing.today} .entries=${model.queue} .urgentAlert=${routing.urgentAlert} .longWaitMinutes=${program.program?.settings.longWaitAlertMinutes ?? 10} @tsg-today-stale=${() => void routing.loadToday()}></tsg-today-board>`}
    <tsg-routing-panel
      .counselor=${counselor}
      .me=${routing.me}
      .offers=${model.offers}
      .counselors=${routing.counselors}
      .acceptingId=${routing.acceptingId}
      .pendingStatus=${routing.requestedStatus}
      .error=${routing.routingError}
      @tsg-status-change=${routing.onStatusChange}
      @tsg-offer-accept=${routing.onOfferAccept}
      @tsg-capacity-change=${routing.onCapacity}
    ></tsg-routing-panel>
    <tsg-queue-list
      .entries=${model.queue}
      ?canTake=${counselor}
      .takingId=${routing.takingId}
      .notice=${routing.queueNotice}
      @tsg-take-request=${routing.onTake}
    ></tsg-queue-list>
    ${counselor
      ? html`<tsg-chat-list
          .chats=${model.chats}
          .selectedId=${model.selectedId}
          ?locked=${locked}
          @tsg-chat-select=${chats.onSelect}
        ></tsg-chat-list>`
      : ''}
  </nav>`;
}
