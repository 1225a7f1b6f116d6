import { css, html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { ja } from '../i18n/ja.js';
import type { ChartSpec } from './chart-data.js';

/**
 * One chart as the report shows it: its title, the sentence that says what it shows, the chart
 * (an image named by both, drawn by ChartsController into `[data-chart]`), a legend, and the
 * table of the very figures drawn. The table is the chart for anyone who cannot see it.
 */
export function chartFigure(id: string, title: string, summary: string, spec: ChartSpec, table: TemplateResult, state: string): TemplateResult {
  const keys = [...spec.series.map((s) => ({ label: s.label, color: s.color, dashed: s.dash.length > 0 })), ...(spec.reference ? [{ label: spec.reference.label, color: spec.reference.color, dashed: true }] : [])];
  return html`<figure class="chart-figure" aria-labelledby="${id}-title">
    <figcaption id="${id}-title">${title}</figcaption>
    <p class="summary">${summary}</p>
    ${state === 'failed'
      ? html`<p class="chart-note">${ja.figures.chartFailed}</p>`
      : html`<div class="chart" role="img" aria-label=${`${title}。${summary}`} data-chart=${id}>
          ${state === 'loading' ? html`<p class="chart-note">${ja.figures.chartLoading}</p>` : ''}
        </div>`}
    <ul class="legend">
      ${keys.map((k) => html`<li><span class="swatch ${k.dashed ? 'dashed' : ''}" style=${styleMap({ '--swatch': k.color })}></span>${k.label}</li>`)}
    </ul>
    <div class="table-scroll" tabindex="0" role="region" aria-label=${ja.figures.chartTableOf(title)}>${table}</div>
  </figure>`;
}

/** Styles of {@link chartFigure}, screen and print (charts and tables fit an A4 page). */
export const chartFigureStyles = css`
  .chart-figure { margin: 0; display: grid; gap: 0.4rem; break-inside: avoid; min-width: 0; }
  /* Grid items would otherwise be as wide as their widest content (a drawn canvas, a table). */
  .chart-figure > * { min-width: 0; }
  .chart-figure figcaption { font-weight: 700; }
  .summary { margin: 0; }
  .chart { min-height: 220px; max-width: 900px; overflow: hidden; }
  .chart-note { margin: 0; color: var(--tsg-muted); font-size: 0.9rem; }
  .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; margin: 0; padding: 0; font-size: 0.9rem; }
  .legend li { display: flex; align-items: center; gap: 0.35rem; }
  .swatch { display: inline-block; width: 1.5rem; height: 0; border-top: 3px solid var(--swatch); }
  .swatch.dashed { border-top-style: dashed; }
  .table-scroll { overflow-x: auto; max-width: 100%; }
  .table-scroll:focus-visible { outline: 2px solid var(--tsg-focus, #1a5fb4); outline-offset: 2px; }
  @media print {
    .chart-figure { break-inside: avoid; page-break-inside: avoid; }
    .chart { min-height: 0; }
    /* Should a browser print without beforeprint (the redraw at PRINT_WIDTH), the drawing scales down. */
    .chart .uplot, .chart .u-wrap { height: auto !important; max-width: 100%; }
    .chart canvas { max-width: 100% !important; height: auto !important; }
    .chart .u-over, .chart .u-under { display: none; }
    .table-scroll { overflow: visible; }
    .chart-figure table { width: 100%; font-size: 8.5pt; }
    .chart-figure th, .chart-figure td { padding: 0.1rem 0.25rem; }
  }
`;
