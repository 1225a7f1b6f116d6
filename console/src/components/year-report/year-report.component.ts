import { AGE_BANDS, CHANNELS, type FiscalYearReport, type FiscalYearTargets, fiscalYearOf, HANDOFF_KINDS, OUTCOMES, TOPICS } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import type { RequestResult } from '../../services/staff-socket.controller.js';
import { fiscalYearChoices } from '../../state/case-record.js';
import { campaignLabel, reportCampaigns, reportFileName, reportToCsv } from '../../state/report-csv.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../distribution-summary/distribution-summary.js';
import '../report-charts/report-charts.js';
import '../report-waits/report-waits.js';
import '../targets-form/targets-form.js';
import { renderOutreachSection } from './outreach-section.js';
import { yearReportStyles } from './year-report.styles.js';

const r = ja.report;
const n = (v: number | undefined) => (v ?? 0).toLocaleString('ja-JP');

/**
 * The fiscal-year report (年度報告) for supervisors and admins: months April→March with a total,
 * then the year by topic, outcome, age band and campaign, and the prefecture's CSV. Figures are
 * counts only; the CSV is built here and handed to the browser, nothing is stored.
 */
export class TsgYearReport extends LitElement {
  static override styles = [baseStyles, yearReportStyles];

  /** Asks the server for one fiscal year (`report:year`). */
  @property({ attribute: false }) fetchReport: ((fiscalYear: number) => Promise<RequestResult<FiscalYearReport>>) | null = null;
  /** Admins only: sets a year's targets (`targets:set`); the report reloads after. */
  @property({ attribute: false }) setTargets: ((fiscalYear: number, targets: FiscalYearTargets) => Promise<RequestResult<unknown>>) | null = null;
  /** The socket is up: the first load waits for it, and a reconnect retries a failed one. */
  @property({ type: Boolean }) connected = false;

  @state() private year = fiscalYearOf(new Date());
  @state() private report: FiscalYearReport | null = null;
  @state() private loading = false;
  @state() private error = '';
  private readonly years = fiscalYearChoices(new Date());

  override updated(changed: PropertyValues<this>): void {
    if ((changed.has('connected') || changed.has('fetchReport')) && this.connected && !this.report && !this.loading) void this.load();
  }

  /** Loads the selected year again (after a change of year, or when asked from outside). */
  async load(): Promise<void> {
    if (!this.fetchReport) return;
    const year = this.year;
    this.loading = true;
    this.error = '';
    const res = await this.fetchReport(year);
    if (year !== this.year) return; // She picked another year meanwhile; that load wins.
    this.loading = false;
    if (res.ok) this.report = res.data;
    else this.error = ja.errors[res.error];
  }

  override render() {
    const label = r.yearLabel(this.year);
    const report = this.report?.fiscalYear === this.year ? this.report : null;
    return html`<section aria-labelledby="report-heading">
      <h2 id="report-heading">${r.heading}</h2>
      <p class="intro">${r.intro}</p>
      <div class="controls">
        <label for="report-year">${r.year}</label>
        <select id="report-year" @change=${this.onYear}>
          ${this.years.map((y) => html`<option value=${y} ?selected=${y === this.year}>${r.yearLabel(y)}</option>`)}
        </select>
        <button class="btn-primary" type="button" ?disabled=${!report} @click=${this.onCsv}>${r.csv}</button>
      </div>
      <p class="note">${r.csvNote}</p>
      <p class="error" role="alert">${this.error}</p>
      <p class="loading" role="status">${this.loading ? r.loading : ''}</p>
      ${report ? this.renderKpis(report, label) : nothing}
      ${report && this.setTargets
        ? html`<tsg-targets-form .fiscalYear=${report.fiscalYear} .current=${targetsOf(report)} .save=${this.saveTargets}></tsg-targets-form>`
        : nothing}
      ${report ? this.renderReport(report, label) : nothing}
      ${report ? renderOutreachSection(report, label) : nothing}
      ${report ? html`<tsg-distribution-summary .distribution=${report.distribution} .yearLabel=${label}></tsg-distribution-summary>` : nothing}
      ${report ? html`<tsg-report-charts .report=${report}></tsg-report-charts><tsg-report-waits .report=${report}></tsg-report-waits>` : nothing}
    </section>`;
  }

  private renderReport(report: FiscalYearReport, year: string) {
    const t = report.total;
    const counts = (f: typeof t) => html`<td>${n(f.consultations)}</td><td>${n(f.started)}</td><td>${n(f.answered)}</td><td>${n(f.leftWaiting)}</td><td>${n(f.recorded)}</td><td>${n(f.nuisance ?? 0)}</td>`;
    return html`
      <div class="scroller" role="region" tabindex="0" aria-label=${r.scrollLabel(r.monthsCaption(year))}>
      <table class="months">
        <caption>${r.monthsCaption(year)}</caption>
        <thead>
          <tr><th scope="col">${r.month}</th><th scope="col">${r.consultations}</th><th scope="col">${r.started}</th><th scope="col">${r.answered}</th><th scope="col">${r.leftWaiting}</th><th scope="col">${r.recorded}</th><th scope="col">${r.nuisance}</th></tr>
        </thead>
        <tbody>
          ${report.months.map((f) => html`<tr><th scope="row">${r.monthLabel(f.month)}</th>${counts(f)}</tr>`)}
        </tbody>
        <tfoot>
          <tr><th scope="row">${r.total}</th>${counts(t)}</tr>
        </tfoot>
      </table>
      </div>
      <p class="note">${r.byNote}</p>
      <div class="by">
        ${this.renderBy(r.channelsCaption(n(t.consultations)), r.channel, CHANNELS.map((k) => [r.channels[k], t.byChannel[k]]))}
        ${this.renderBy(r.byCaption(r.byTopic), r.byTopic, TOPICS.map((k) => [k, t.byTopic[k]]))}
        ${this.renderBy(r.byCaption(r.byOutcome), r.byOutcome, OUTCOMES.map((k) => [ja.record.outcomes[k], t.byOutcome[k]]))}
        ${this.renderBy(r.byCaption(r.byAgeBand), r.byAgeBand, [...AGE_BANDS, 'unknown' as const].map((k) => [ja.record.ageBands[k], t.byAgeBand[k]]))}
        ${this.renderBy(r.byCaption(r.byHandoff), r.byHandoff, HANDOFF_KINDS.map((k) => [ja.handoff.kinds[k], t.byHandoff[k]]))}
        ${this.renderBy(r.byCaption(r.byCampaign), r.byCampaign, reportCampaigns(report).map((k) => [campaignLabel(k), t.byCampaign[k]]))}
      </div>
    `;
  }

  /** Targets against results, first: what the prefecture funds the program on. */
  private renderKpis(report: FiscalYearReport, year: string) {
    if (report.kpis.length === 0) return nothing;
    const k = ja.targets;
    const caption = k.kpiCaption(year, ja.caseLog.dayLabel(report.asOf));
    return html`<div class="scroller" role="region" tabindex="0" aria-label=${r.scrollLabel(caption)}>
      <table class="kpis">
        <caption>${caption}</caption>
        <thead>
          <tr><th scope="col">${k.item}</th><th scope="col">${k.target}</th><th scope="col">${k.result}</th><th scope="col">${k.achievement}</th><th scope="col">${k.expected}</th></tr>
        </thead>
        <tbody>
          ${report.kpis.map(
            (line) => html`<tr>
              <th scope="row">${k.keys[line.key]}</th>
              <td>${n(line.target)}</td>
              <td>${line.result === null ? k.noResult : n(line.result)}</td>
              <td>${line.achievement === null ? '—' : k.percent(line.achievement)}</td>
              <td>${n(line.expected)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      </div>
      <p class="note">${k.kpiNote}</p>`;
  }

  private readonly saveTargets = async (fiscalYear: number, targets: FiscalYearTargets) => {
    if (!this.setTargets) return { ok: false as const, error: '' };
    const res = await this.setTargets(fiscalYear, targets);
    if (!res.ok) return { ok: false as const, error: ja.errors[res.error] };
    void this.load();
    return { ok: true as const };
  };

  /** One two-column table of the year's totals by a category. */
  private renderBy(caption: string, head: string, rows: readonly (readonly [string, number | undefined])[]) {
    return html`<table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${head}</th><th scope="col">${r.count}</th></tr></thead>
      <tbody>
        ${rows.length === 0
          ? html`<tr><td colspan="2" class="empty">${r.noCampaigns}</td></tr>`
          : rows.map(([name, v]) => html`<tr><th scope="row">${name}</th><td>${n(v)}</td></tr>`)}
      </tbody>
    </table>`;
  }

  private onYear(e: Event): void {
    this.year = Number((e.target as HTMLSelectElement).value);
    void this.load();
  }

  /** Hands the CSV to the browser as a download; the object URL is let go right after. */
  private onCsv(): void {
    const report = this.report;
    if (!report) return;
    const url = URL.createObjectURL(new Blob([reportToCsv(report)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = reportFileName(report.fiscalYear);
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** The targets the report shows, as the form edits them. */
function targetsOf(report: FiscalYearReport): FiscalYearTargets {
  return Object.fromEntries(report.kpis.map((line) => [line.key, line.target]));
}
