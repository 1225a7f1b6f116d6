import type { CaseLogEntry } from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CaseLogEditEvent } from '../../events/case-log-edit.event.js';
import { ja } from '../../i18n/ja.js';
import { entryLabel } from '../../services/case-log.controller.js';
import type { FormResult } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { focusWithdrawConfirm, recordRowActions } from '../record-row-actions.js';
import { caseLogListStyles } from './case-log-list.styles.js';

const t = ja.caseLog;

/**
 * Her own case-log entries of the last 30 days, newest first, each with 直す (the form takes it)
 * and 取り下げる, which asks once more in place before it withdraws (no dialog to trap focus).
 *
 * @fires tsg-case-log-edit
 */
export class TsgCaseLogList extends LitElement {
  static override styles = [baseStyles, caseLogListStyles];

  @property({ attribute: false }) entries: readonly CaseLogEntry[] = [];
  /** Withdraws an entry (`caselog:withdraw`). */
  @property({ attribute: false }) withdraw: ((entryId: string) => Promise<FormResult>) | null = null;

  /** The entry whose withdrawal waits for her second yes. */
  @state() private confirming: string | null = null;
  @state() private error = '';

  override render() {
    return html`<section aria-labelledby="cll-h">
      <h3 id="cll-h">${t.listHeading}</h3>
      <p class="error" role="alert">${this.error}</p>
      ${this.entries.length === 0
        ? html`<p class="empty">${t.listEmpty}</p>`
        : html`<table>
            <thead>
              <tr><th scope="col">${t.colDate}</th><th scope="col">${t.colChannel}</th><th scope="col">${t.colTopics}</th><th scope="col">${t.colOutcome}</th><th scope="col">${t.colActions}</th></tr>
            </thead>
            <tbody>
              ${this.entries.map((e) => this.renderRow(e))}
            </tbody>
          </table>`}
    </section>`;
  }

  private renderRow(e: CaseLogEntry) {
    const actions = recordRowActions({
      label: t.rowLabel(entryLabel(e)),
      confirming: this.confirming === e.id,
      edit: () => this.dispatchEvent(new CaseLogEditEvent({ entryId: e.id })),
      ask: () => this.askWithdraw(e.id),
      withdraw: () => void this.onWithdraw(e.id),
      cancel: () => (this.confirming = null),
    });
    return html`<tr>
      <th scope="row">${t.dayLabel(e.date)}</th>
      <td>${t.channels[e.channel]}</td>
      <td>${e.topics.join('・')}</td>
      <td>${ja.record.outcomes[e.outcome]}</td>
      <td class="actions">${actions}</td>
    </tr>`;
  }

  private askWithdraw(entryId: string): void {
    this.confirming = entryId;
    this.error = '';
    focusWithdrawConfirm(this);
  }

  private async onWithdraw(entryId: string): Promise<void> {
    if (!this.withdraw) return;
    const res = await this.withdraw(entryId);
    this.confirming = null;
    if (!res.ok) this.error = res.error;
  }
}
