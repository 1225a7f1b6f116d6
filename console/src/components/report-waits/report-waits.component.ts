import type { FiscalYearReport, WaitFigures } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { waitsChart, waitsSummary } from '../../charts/chart-data.js';
import type { ChartSpec } from '../../charts/chart-data.js';
import { chartFigure, chartFigureStyles } from '../../charts/chart-figure.js';
import { ChartsController } from '../../charts/charts.controller.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { reportChartsStyles } from '../report-charts/report-charts.styles.js';
import { reportWaitsStyles } from './report-waits.styles.js';

const r = ja.report;
const f = ja.figures;
const n = (v: number) => v.toLocaleString('ja-JP');

/**
 * Waiting and missed contacts in the year report (issue 16): the waits by month as a chart, the
 * month table (started, answered, left while waiting, answer rate, waits, openings, starts turned
 * away) with the year's total, and the days with anything to count, folded away.
 */
export class TsgReportWaits extends LitElement {
  static override styles = [baseStyles, chartFigureStyles, reportChartsStyles, reportWaitsStyles];

  /** The report whose waiting figures to show. */
  @property({ attribute: false }) report: FiscalYearReport | null = null;

  private readonly charts = new ChartsController(
    this,
    () => this.report,
    (): Record<string, ChartSpec> => (this.report ? { waits: waitsChart(this.report) } : {}),
  );

  protected override render() {
    const report = this.report;
    if (!report) return nothing;
    const year = r.yearLabel(report.fiscalYear);
    const w = report.waits;
    return html`<section aria-labelledby="waits-heading">
      <h3 id="waits-heading">${f.waitsHeading}</h3>
      <p class="note">${f.waitsIntro}</p>
      ${chartFigure(
        'waits',
        f.waitsChart,
        waitsSummary(report, year),
        waitsChart(report),
        this.table(f.monthsCaption(year), w.months.map((m) => [r.monthLabel(m.period), m]), w.total),
        this.charts.state,
      )}
      <details>
        <summary>${f.daysOpen}</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-label=${f.daysCaption(year)}>
          ${this.table(f.daysCaption(year), w.days.map((d) => [f.dayLabel(d.period), d]), null)}
        </div>
      </details>
      <p class="note">${f.demandNote}</p>
    </section>`;
  }

  private table(caption: string, rows: [string, WaitFigures][], total: WaitFigures | null) {
    const cells = (x: WaitFigures) =>
      html`<td>${n(x.started)}</td><td>${n(x.answered)}</td><td>${n(x.leftWaiting)}</td><td>${f.rate(x.answerRate)}</td><td>${f.wait(x.waitP50Sec)}</td><td>${f.wait(x.waitP90Sec)}</td><td>${n(x.opened)}</td><td>${n(x.closed)}</td><td>${n(x.refused)}</td>`;
    return html`<table class="waits">
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${f.period}</th><th scope="col">${f.started}</th><th scope="col">${f.answered}</th><th scope="col">${f.leftWaiting}</th>
          <th scope="col">${f.answerRate}</th><th scope="col">${f.waitP50}</th><th scope="col">${f.waitP90}</th>
          <th scope="col">${f.opened}</th><th scope="col">${f.closed}</th><th scope="col">${f.refused}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.length === 0 ? html`<tr><td colspan="10" class="empty">${r.noCampaigns}</td></tr>` : rows.map(([label, x]) => html`<tr><th scope="row">${label}</th>${cells(x)}</tr>`)}
      </tbody>
      ${total ? html`<tfoot><tr><th scope="row">${r.total}</th>${cells(total)}</tr></tfoot>` : nothing}
    </table>`;
  }
}
