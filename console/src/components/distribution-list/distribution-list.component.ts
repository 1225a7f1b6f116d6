import type { DistributionEvent } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DistributionEditEvent } from '../../events/distribution-edit.event.js';
import { ja } from '../../i18n/ja.js';
import { eventLabel } from '../../services/distribution.controller.js';
import type { FormResult } from '../../state/form-requests.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { caseLogListStyles } from '../case-log-list/case-log-list.styles.js';
import { distributionListStyles } from './distribution-list.styles.js';

const t = ja.distribution;
const n = (v: number) => v.toLocaleString('ja-JP');

/**
 * The open year's distribution events, newest day first. Supervisors get 直す (the form takes
 * it) and 取り下げる, which asks once more in place; counselors see the list only.
 *
 * @fires tsg-distribution-edit
 */
export class TsgDistributionList extends LitElement {
  static override styles = [baseStyles, caseLogListStyles, distributionListStyles];

  @property({ attribute: false }) events: readonly DistributionEvent[] = [];
  /** Withdraws an event (`distribution:withdraw`); null for counselors, who only look. */
  @property({ attribute: false }) withdraw: ((eventId: string) => Promise<FormResult>) | null = null;

  @state() private confirming: string | null = null;
  @state() private error = '';

  override render() {
    const canChange = this.withdraw !== null;
    return html`<section aria-labelledby="dl-h">
      <h3 id="dl-h">${t.listHeading}</h3>
      ${canChange ? nothing : html`<p class="empty">${t.readOnly}</p>`}
      <p class="error" role="alert">${this.error}</p>
      ${this.events.length === 0
        ? html`<p class="empty">${t.listEmpty}</p>`
        : // The box takes focus so the keyboard can scroll it where nothing in it does (a counselor's list).
          html`<div class="wide" role="group" aria-labelledby="dl-h" tabindex="0"><table>
            <thead>
              <tr>
                <th scope="col">${t.date}</th><th scope="col">${t.municipality}</th><th scope="col">${t.partner}</th>
                <th scope="col">${t.sets}</th><th scope="col">${t.flyers}</th><th scope="col">${t.campaign}</th>
                ${canChange ? html`<th scope="col">${t.colActions}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${this.events.map((e) => this.renderRow(e, canChange))}
            </tbody>
          </table></div>`}
    </section>`;
  }

  private renderRow(e: DistributionEvent, canChange: boolean) {
    const label = t.rowLabel(eventLabel(e));
    const actions =
      this.confirming === e.id
        ? html`<button class="btn-danger" type="button" @click=${() => void this.onWithdraw(e.id)}>${t.withdrawConfirm}<span class="sr-only">${label}</span></button>
            <button class="btn-secondary" type="button" @click=${() => (this.confirming = null)}>${t.withdrawCancel}</button>`
        : html`<button class="btn-secondary" type="button" @click=${() => this.dispatchEvent(new DistributionEditEvent({ eventId: e.id }))}>${t.edit}<span class="sr-only">${label}</span></button>
            <button class="btn-secondary" type="button" @click=${() => this.askWithdraw(e.id)}>${t.withdraw}<span class="sr-only">${label}</span></button>`;
    return html`<tr>
      <th scope="row">${ja.caseLog.dayLabel(e.date)}</th>
      <td>${e.municipality}</td>
      <td>${e.partner}</td>
      <td>${n(e.sets)}</td>
      <td>${n(e.flyers)}</td>
      <td>${e.campaign ?? t.none}</td>
      ${canChange ? html`<td class="actions">${actions}</td>` : nothing}
    </tr>`;
  }

  private askWithdraw(eventId: string): void {
    this.confirming = eventId;
    this.error = '';
    // The second question takes the place of the first, so focus moves onto it.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.btn-danger')?.focus());
  }

  private async onWithdraw(eventId: string): Promise<void> {
    if (!this.withdraw) return;
    const res = await this.withdraw(eventId);
    this.confirming = null;
    if (!res.ok) this.error = res.error;
  }
}
