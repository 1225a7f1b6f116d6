import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import type { ChartSpec } from './chart-data.js';

/**
 * The chart library and its drawing, loaded only when a report with charts is shown (load-charts.ts):
 * the console's first load does not carry it. uPlot draws on a canvas, which says nothing to a
 * screen reader: every chart stands beside its data table and a sentence, and the canvas is hidden
 * from assistive technology (the element around it is the image, named by that sentence).
 */

let sheet: CSSStyleSheet | null = null;

/** uPlot's own stylesheet, for the shadow roots that draw charts (adopted, so no inline style). */
export function chartSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(uPlotCss);
  }
  return sheet;
}

/** A chart on the page. */
export interface DrawnChart {
  resize(width: number): void;
  destroy(): void;
}

const FONT = '12px system-ui, sans-serif';
const HEIGHT = 220;
/** Tick steps for counts: a count of 0.5 consultations means nothing. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** Draws `spec` into `el` at `width` CSS pixels. */
export function drawChart(el: HTMLElement, spec: ChartSpec, width: number): DrawnChart {
  const xs = spec.categories.map((_, i) => i);
  const ref = spec.reference;
  const bars = spec.kind === 'bars';
  const data: uPlot.AlignedData = [xs, ...spec.series.map((s) => s.values), ...(ref ? [xs.map(() => ref.value)] : [])];
  const highest = Math.max(1, ref?.value ?? 0, ...spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const narrow = (w: number) => w < 560 && spec.categories.some((c) => c.length > 3);
  const opts = (w: number): uPlot.Options => ({
    width: w,
    height: HEIGHT + (narrow(w) ? 40 : 0),
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] }, y: { range: [0, Math.ceil(highest * 1.1)] } },
    axes: [
      {
        font: FONT,
        stroke: '#333333',
        grid: { show: false },
        ticks: { show: false },
        splits: () => xs,
        values: (_u, splits) => splits.map((i) => spec.categories[i] ?? ''),
        rotate: narrow(w) ? -40 : 0,
        size: narrow(w) ? 70 : 30,
      },
      {
        font: FONT,
        stroke: '#333333',
        label: spec.yLabel,
        labelFont: FONT,
        grid: { stroke: '#e3e6ea', width: 1 },
        ...(spec.integer ? { incrs: WHOLE_STEPS } : {}),
      },
    ],
    series: [
      {},
      ...spec.series.map(
        (s): uPlot.Series =>
          bars
            ? { label: s.label, stroke: s.color, fill: s.color, width: 1, paths: uPlot.paths.bars?.({ size: [0.6, 64] }), points: { show: false } }
            : { label: s.label, stroke: s.color, width: 2, dash: s.dash, points: { show: true, size: 6, fill: s.color } },
      ),
      ...(ref ? [{ label: ref.label, stroke: ref.color, width: 1.5, dash: [5, 4], points: { show: false } }] : []),
    ],
  });
  let chart = new uPlot(opts(width), data, el);
  chart.root.setAttribute('aria-hidden', 'true');
  return {
    resize: (w) => {
      // The layout (label rotation) changes with the width: draw anew rather than only resize.
      chart.destroy();
      chart = new uPlot(opts(w), data, el);
      chart.root.setAttribute('aria-hidden', 'true');
    },
    destroy: () => chart.destroy(),
  };
}
