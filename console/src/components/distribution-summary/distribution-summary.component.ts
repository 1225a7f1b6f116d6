import type { DistributionReport } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { yearReportStyles } from '../year-report/year-report.styles.js';
import { distributionSummaryStyles } from './distribution-summary.styles.js';

const t = ja.distribution;
const n = (v: number) => v.toLocaleString('ja-JP');

/**
 * The year report's distribution section: one row per event (day, place, partner, sets, flyers,
 * campaign, the chats its campaign brought in the 30 days after) and the year's total. The sets
 * against their target are in the report's KPI table above. Counts only.
 */
export class TsgDistributionSummary extends LitElement {
  static override styles = [baseStyles, yearReportStyles, distributionSummaryStyles];

  @property({ attribute: false }) distribution: DistributionReport | null = null;
  /** The fiscal year as the report names it (令和8年度). */
  @property() yearLabel = '';

  override render() {
    const d = this.distribution;
    if (!d) return nothing;
    const caption = t.reportCaption(this.yearLabel, d.total.events);
    // A wide table scrolls inside its own box on a phone; the box takes focus so the keyboard can scroll it.
    return html`<div class="wide" role="region" aria-label=${caption} tabindex="0">
        <table>
          <caption>${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.date}</th><th scope="col">${t.municipality}</th><th scope="col">${t.partner}</th><th scope="col">${t.sets}</th>
              <th scope="col">${t.flyers}</th><th scope="col">${t.campaign}</th><th scope="col">${t.chatsAfter}</th>
            </tr>
          </thead>
          <tbody>
            ${d.events.length === 0
              ? html`<tr><td colspan="7" class="empty">${t.reportEmpty}</td></tr>`
              : d.events.map(
                  (e) => html`<tr>
                    <th scope="row">${ja.caseLog.dayLabel(e.date)}</th>
                    <td class="text">${e.municipality}</td>
                    <td class="text">${e.partner}</td>
                    <td>${n(e.sets)}</td>
                    <td>${n(e.flyers)}</td>
                    <td class="text">${e.campaign ?? t.none}</td>
                    <td>${e.chatsAfter === null ? t.none : n(e.chatsAfter)}</td>
                  </tr>`,
                )}
          </tbody>
          <tfoot>
            <tr><th scope="row" colspan="3">${t.totalEvents(d.total.events)}</th><td>${n(d.total.sets)}</td><td>${n(d.total.flyers)}</td><td></td><td>${n(d.total.chatsAfter)}</td></tr>
          </tfoot>
        </table>
      </div>
      <p class="note">${t.reportNote}</p>`;
  }
}
