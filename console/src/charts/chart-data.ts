import { CHANNELS, type FiscalYearReport } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';

const f = ja.figures;
const n = (v: number) => v.toLocaleString('ja-JP');

/** One line or bar series of a chart: its label, its values (null: no value), and how it is drawn. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** A dash pattern, so series differ by more than colour. */
  dash: number[];
}

/** What the lazily loaded drawing module needs: categories along x, series, and how y reads. */
export interface ChartSpec {
  kind: 'lines' | 'bars';
  categories: string[];
  series: ChartSeries[];
  yLabel: string;
  /** Counts: ticks on whole numbers only. */
  integer?: boolean;
  /** A horizontal reference line (the pace of the year), drawn dashed. */
  reference?: { label: string; value: number; color: string };
}

/** Okabe–Ito colours (told apart with the common colour-vision differences), each with its own dash. */
const PALETTE = [
  { color: '#0072B2', dash: [] },
  { color: '#D55E00', dash: [6, 3] },
  { color: '#009E73', dash: [2, 3] },
  { color: '#CC79A7', dash: [10, 3, 2, 3] },
  { color: '#6B5900', dash: [1, 2] },
];
const style = (i: number) => PALETTE[i % PALETTE.length] as { color: string; dash: number[] };

const monthShort = (ym: string) => `${Number(ym.slice(5, 7))}月`;

/** Consultations per month, one line per channel. */
export function channelsChart(report: FiscalYearReport): ChartSpec {
  return {
    kind: 'lines',
    categories: report.months.map((m) => monthShort(m.month)),
    series: CHANNELS.map((c, i) => ({ label: ja.report.channels[c], values: report.months.map((m) => m.byChannel[c] ?? 0), ...style(i) })),
    yLabel: ja.report.count,
    integer: true,
  };
}

/** The sentence that says what the channels chart shows. */
export function channelsSummary(report: FiscalYearReport, year: string): string {
  const t = report.total;
  if (t.consultations === 0) return f.channelsEmpty(year);
  const top = [...CHANNELS].sort((a, b) => (t.byChannel[b] ?? 0) - (t.byChannel[a] ?? 0))[0] as (typeof CHANNELS)[number];
  const peak = report.months.reduce((best, m) => (m.consultations > best.consultations ? m : best));
  return f.channelsSummary(year, n(t.consultations), ja.report.channels[top], n(t.byChannel[top] ?? 0), ja.report.monthLabel(peak.month), n(peak.consultations));
}

/** The share of the year gone, in percent, as the KPI table's pace implies it (expected ÷ target). */
export function pacePercent(report: FiscalYearReport): number | null {
  const line = report.kpis.find((k) => k.target > 0);
  return line ? Math.round((line.expected / line.target) * 1000) / 10 : null;
}

/** Achievement per target as bars, the year's pace as a reference line. */
export function kpiChart(report: FiscalYearReport): ChartSpec {
  const pace = pacePercent(report);
  return {
    kind: 'bars',
    categories: report.kpis.map((k) => ja.targets.keys[k.key]),
    series: [{ label: f.kpiAchieved, values: report.kpis.map((k) => k.achievement), ...style(0) }],
    yLabel: '%',
    ...(pace === null ? {} : { reference: { label: f.kpiPace, value: pace, color: '#444444' } }),
  };
}

/** The sentence that says how many targets are at or past the pace. */
export function kpiSummary(report: FiscalYearReport): string {
  const ahead = report.kpis.filter((k) => k.result !== null && k.result >= k.expected).length;
  return f.kpiSummary(ahead, report.kpis.length);
}

/** Waits per month in minutes: the median and the 90th percentile. */
export function waitsChart(report: FiscalYearReport): ChartSpec {
  const min = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);
  return {
    kind: 'lines',
    categories: report.waits.months.map((w) => monthShort(w.period)),
    series: [
      { label: f.waitP50, values: report.waits.months.map((w) => min(w.waitP50Sec)), ...style(0) },
      { label: f.waitP90, values: report.waits.months.map((w) => min(w.waitP90Sec)), ...style(1) },
    ],
    yLabel: f.minutes,
  };
}

/** The sentence that says how long women waited over the year and how many were answered. */
export function waitsSummary(report: FiscalYearReport, year: string): string {
  const t = report.waits.total;
  return f.waitsSummary(year, f.wait(t.waitP50Sec), f.wait(t.waitP90Sec), f.rate(t.answerRate), n(t.leftWaiting));
}
