import { AGENCY_KINDS, DURATION_BANDS, type FiscalYearReport, type VisitFigures } from '@tsunagari/shared';
import { html } from 'lit';
import { ja } from '../../i18n/ja.js';

const o = ja.outreach;
const r = ja.report;
const n = (v: number) => v.toLocaleString('ja-JP');

/**
 * The year report's outreach section: home visits and accompaniments done by month with the year's
 * total, then the year's accompaniments by kind of agency and visits by duration band. Counts only.
 */
export function renderOutreachSection(report: FiscalYearReport, year: string) {
  const { months, total, byAgency, byDuration } = report.outreach;
  const line = (f: VisitFigures) => html`<td>${n(f.outreach)}</td><td>${n(f.accompaniment)}</td>`;
  const by = (caption: string, head: string, rows: readonly (readonly [string, number])[]) =>
    html`<table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${head}</th><th scope="col">${o.count}</th></tr></thead>
      <tbody>${rows.map(([name, v]) => html`<tr><th scope="row">${name}</th><td>${n(v)}</td></tr>`)}</tbody>
    </table>`;
  return html`<table class="months outreach">
      <caption>${o.sectionCaption(year)}</caption>
      <thead>
        <tr><th scope="col">${o.month}</th><th scope="col">${o.kinds.outreach}</th><th scope="col">${o.kinds.accompaniment}</th></tr>
      </thead>
      <tbody>
        ${months.map((f) => html`<tr><th scope="row">${r.monthLabel(f.month)}</th>${line(f)}</tr>`)}
      </tbody>
      <tfoot>
        <tr><th scope="row">${r.total}</th>${line(total)}</tr>
      </tfoot>
    </table>
    <p class="note">${o.sectionNote}</p>
    <div class="by">
      ${by(o.agencyCaption, o.agency, [...AGENCY_KINDS, 'unknown' as const].map((k) => [o.agencies[k], byAgency[k]] as const))}
      ${by(o.durationCaption, o.duration, [...DURATION_BANDS.map((d) => [r.durations[d], byDuration[d]] as const), [o.durationUnknown, byDuration.unknown] as const])}
    </div>`;
}
