import type { LitElement, ReactiveController } from 'lit';
import type { ChartSpec } from './chart-data.js';
import { type ChartModule, loadCharts } from './load-charts.js';
import type { DrawnChart } from './lazy-charts.js';

/** Wide enough to read, narrow enough for an A4 page in portrait with its margins (about 170 mm). */
export const PRINT_WIDTH = 640;

/**
 * Draws a host's charts once the chart module has loaded: into each `[data-chart=id]` element of
 * its shadow root, the spec of that id. Draws again when the data changes, follows the width, and
 * draws at {@link PRINT_WIDTH} while the page prints. `state` tells the host what to say meanwhile.
 */
export class ChartsController implements ReactiveController {
  state: 'loading' | 'ready' | 'failed' = 'loading';
  private module: ChartModule | null = null;
  private drawn = new Map<HTMLElement, DrawnChart>();
  private drawnFor: unknown = null;
  private width = 0;
  private printing = false;
  private readonly observer = new ResizeObserver(() => this.follow());

  constructor(
    private readonly host: LitElement,
    /** The data the charts are drawn from: a new value draws them again. */
    private readonly source: () => unknown,
    private readonly specs: () => Record<string, ChartSpec>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
    loadCharts().then(
      (module) => {
        this.module = module;
        const root = this.host.renderRoot as ShadowRoot;
        if (!root.adoptedStyleSheets.includes(module.chartSheet())) root.adoptedStyleSheets = [...root.adoptedStyleSheets, module.chartSheet()];
        this.state = 'ready';
        this.host.requestUpdate();
      },
      () => {
        this.state = 'failed';
        this.host.requestUpdate();
      },
    );
  }

  hostUpdated(): void {
    if (!this.module || this.source() === this.drawnFor) return;
    this.drawnFor = this.source();
    this.clear();
    const specs = this.specs();
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('[data-chart]')) {
      const spec = specs[el.dataset.chart ?? ''];
      if (spec) this.drawn.set(el, this.module.drawChart(el, spec, this.widthOf(el)));
    }
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    this.clear();
    this.drawnFor = null;
  }

  private clear(): void {
    for (const chart of this.drawn.values()) chart.destroy();
    this.drawn.clear();
  }

  private widthOf(el: HTMLElement): number {
    return this.printing ? PRINT_WIDTH : Math.max(260, Math.min(900, Math.floor(el.clientWidth)));
  }

  /** Draws at the new width when the host's width changed by a few pixels or more (not while printing). */
  private follow(): void {
    const width = this.host.clientWidth;
    if (this.printing || Math.abs(width - this.width) < 8) return;
    this.width = width;
    for (const [el, chart] of this.drawn) chart.resize(this.widthOf(el));
  }

  private readonly onBeforePrint = () => {
    this.printing = true;
    for (const chart of this.drawn.values()) chart.resize(PRINT_WIDTH);
  };

  private readonly onAfterPrint = () => {
    this.printing = false;
    for (const [el, chart] of this.drawn) chart.resize(this.widthOf(el));
  };
}
