import { CHANNELS, type FiscalYearReport } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { channelsChart, channelsSummary, kpiChart, kpiSummary, pacePercent } from '../../charts/chart-data.js';
import type { ChartSpec } from '../../charts/chart-data.js';
import { chartFigure, chartFigureStyles } from '../../charts/chart-figure.js';
import { ChartsController } from '../../charts/charts.controller.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { reportChartsStyles } from './report-charts.styles.js';

const r = ja.report;
const f = ja.figures;
const n = (v: number | undefined) => (v ?? 0).toLocaleString('ja-JP');

/**
 * The year report's charts (issue 16): consultations by month and channel, and the targets'
 * achievement against the year's pace. Each is a chart with its sentence and its data table; the
 * chart library loads only when this is shown.
 */
export class TsgReportCharts extends LitElement {
  static override styles = [baseStyles, chartFigureStyles, reportChartsStyles];

  /** The report to draw. */
  @property({ attribute: false }) report: FiscalYearReport | null = null;

  private readonly charts = new ChartsController(
    this,
    () => this.report,
    (): Record<string, ChartSpec> => (this.report ? { channels: channelsChart(this.report), kpi: kpiChart(this.report) } : {}),
  );

  protected override render() {
    const report = this.report;
    if (!report) return nothing;
    const year = r.yearLabel(report.fiscalYear);
    return html`<section aria-labelledby="charts-heading">
      <h3 id="charts-heading">${f.chartsHeading}</h3>
      ${report.kpis.length > 0 ? chartFigure('kpi', f.kpiChart, kpiSummary(report), kpiChart(report), this.kpiTable(report), this.charts.state) : nothing}
      ${chartFigure('channels', f.channelsChart, channelsSummary(report, year), channelsChart(report), this.channelsTable(report), this.charts.state)}
    </section>`;
  }

  private channelsTable(report: FiscalYearReport) {
    return html`<table>
      <caption>${f.chartTableOf(f.channelsChart)}</caption>
      <thead><tr><th scope="col">${r.month}</th>${CHANNELS.map((c) => html`<th scope="col">${r.channels[c]}</th>`)}<th scope="col">${r.total}</th></tr></thead>
      <tbody>
        ${report.months.map(
          (m) => html`<tr><th scope="row">${r.monthLabel(m.month)}</th>${CHANNELS.map((c) => html`<td>${n(m.byChannel[c])}</td>`)}<td>${n(m.consultations)}</td></tr>`,
        )}
      </tbody>
      <tfoot><tr><th scope="row">${r.total}</th>${CHANNELS.map((c) => html`<td>${n(report.total.byChannel[c])}</td>`)}<td>${n(report.total.consultations)}</td></tr></tfoot>
    </table>`;
  }

  private kpiTable(report: FiscalYearReport) {
    const pace = pacePercent(report);
    return html`<table>
      <caption>${f.chartTableOf(f.kpiChart)}</caption>
      <thead><tr><th scope="col">${ja.targets.item}</th><th scope="col">${f.kpiAchieved}</th><th scope="col">${f.kpiPace}</th></tr></thead>
      <tbody>
        ${report.kpis.map(
          (k) => html`<tr><th scope="row">${ja.targets.keys[k.key]}</th><td>${k.achievement === null ? ja.targets.noResult : k.achievement.toFixed(1)}</td><td>${pace === null ? '—' : pace.toFixed(1)}</td></tr>`,
        )}
      </tbody>
    </table>`;
  }
}
