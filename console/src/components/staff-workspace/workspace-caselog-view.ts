import { html, nothing, type TemplateResult } from 'lit';
import type { CaseLogEditEvent } from '../../events/case-log-edit.event.js';
import type { DistributionEditEvent } from '../../events/distribution-edit.event.js';
import type { WorkspaceView } from '../../events/view-change.event.js';
import type { CaseLogController } from '../../services/case-log.controller.js';
import type { DistributionController } from '../../services/distribution.controller.js';
import type { OutreachController } from '../../services/outreach.controller.js';
import type { StaffSocketController } from '../../services/staff-socket.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import { knownPartners } from '../../state/distribution.js';
import '../case-log-form/case-log-form.js';
import '../case-log-list/case-log-list.js';
import '../distribution-form/distribution-form.js';
import '../distribution-list/distribution-list.js';
import '../outreach-log/outreach-log.js';
import '../records-notes/records-notes.js';

/** What the records screen reads: the workspace's controllers and the pinned records key. */
export interface CaseLogViewParts {
  readonly ctx: WorkspaceContext;
  readonly socket: StaffSocketController;
  readonly caseLog: CaseLogController;
  readonly outreach: OutreachController;
  readonly distribution: DistributionController;
  /** The records key pinned in the config (never a relay's): notes are sealed to it; empty, no notes. */
  recordsPublicKey(): string;
}

/**
 * The records screen (counselors and supervisors): the case log of the other channels with its
 * sealed notes, the supervisors' notes reader, her outreach visits and the 生理用品配布会.
 * Rendered into the workspace's own shadow root, like every view.
 */
export class WorkspaceCaseLogView {
  constructor(private readonly p: CaseLogViewParts) {}

  /** Seals a case-log note to the pinned records key (the sealing code loads only when first used). */
  readonly sealNote = async (text: string) => (await import('../../services/records-notes.js')).sealCaseNote(this.p.recordsPublicKey(), text);
  readonly fetchNotes = (fiscalYear: number) => this.p.socket.request('caselog:notes', { fiscalYear });

  private readonly onCaseLogEdit = (e: CaseLogEditEvent): void => this.p.caseLog.edit(e.detail.entryId);
  private readonly onDistributionEdit = (e: DistributionEditEvent): void => this.p.distribution.edit(e.detail.eventId);

  render(shown: WorkspaceView | null): TemplateResult {
    const { caseLog, outreach } = this.p;
    const key = this.p.recordsPublicKey();
    const supervisor = this.p.ctx.session().staff.role === 'supervisor';
    return html`<div class="view scroll caselog" ?hidden=${shown !== 'caselog'} @tsg-case-log-edit=${this.onCaseLogEdit}>
      <tsg-case-log-form
        .submit=${caseLog.save}
        .editing=${caseLog.editing}
        .cancelEdit=${caseLog.cancelEdit}
        .lastOutcome=${caseLog.lastOutcome}
        .sealNote=${key ? this.sealNote : null}
      ></tsg-case-log-form>
      <tsg-case-log-list .entries=${caseLog.entries ?? []} .withdraw=${caseLog.withdraw}></tsg-case-log-list>
      ${supervisor && key
        ? html`<tsg-records-notes .recordsPublicKey=${key} .fetchNotes=${this.fetchNotes} ?active=${shown === 'caselog'}></tsg-records-notes>`
        : nothing}
      <tsg-outreach-log .visits=${outreach.visits ?? []} .log=${outreach.log} .withdraw=${outreach.withdraw} .correct=${outreach.correct}></tsg-outreach-log>
      ${this.renderDistribution(supervisor)}
    </div>`;
  }

  /** 生理用品配布会 on the records screen: the form for supervisors, the list for both. */
  private renderDistribution(supervisor: boolean): TemplateResult {
    const d = this.p.distribution;
    return html`<div class="distribution" @tsg-distribution-edit=${this.onDistributionEdit}>
      ${supervisor
        ? html`<tsg-distribution-form
            .submit=${d.save}
            .editing=${d.editing}
            .cancelEdit=${d.cancelEdit}
            .campaigns=${d.campaigns}
            .partners=${knownPartners(d.events ?? [])}
          ></tsg-distribution-form>`
        : nothing}
      <tsg-distribution-list .events=${d.events ?? []} .withdraw=${supervisor ? d.withdraw : null}></tsg-distribution-list>
    </div>`;
  }
}
