import { describe, expect, it } from 'vitest';
import { channelsChart, channelsSummary, kpiChart, kpiSummary, pacePercent, waitsChart, waitsSummary } from './chart-data.js';
import { chartReport } from './report-fixture.js';

describe('what the report charts draw and say', () => {
  it('draws a line per channel over the twelve months and names the biggest channel and month', () => {
    const report = chartReport();
    const spec = channelsChart(report);
    expect(spec.categories).toEqual(['4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '1月', '2月', '3月']);
    expect(spec.series.map((s) => s.label)).toEqual(['SNS（チャット）', '電話', 'メール', '面接', 'リモート']);
    expect(spec.series[1]!.values.slice(0, 3)).toEqual([0, 2, 4]);
    // Series differ by more than colour: every one has its own dash (the first is solid).
    expect(new Set(spec.series.map((s) => s.dash.join(','))).size).toBe(5);
    expect(channelsSummary(report, '2026年度')).toBe('2026年度の相談は合計9件で、いちばん多いチャネルは電話（6件）、いちばん多い月は2026年5月（5件）です。');
    expect(channelsSummary({ ...report, total: { ...report.total, consultations: 0 } }, '2026年度')).toBe('2026年度の相談はまだありません。');
  });

  it('draws each target’s achievement as a bar against the year’s pace, and counts the targets on pace', () => {
    const report = chartReport();
    expect(pacePercent(report)).toBe(25);
    const spec = kpiChart(report);
    expect(spec.kind).toBe('bars');
    expect(spec.series[0]!.values).toEqual([50, 6]);
    expect(spec.reference).toMatchObject({ value: 25 });
    expect(kpiSummary(report)).toBe('目標のある2項目のうち、この時点の目安に届いているのは1項目です。');
    const allOnPace = { ...report, kpis: report.kpis.map((k) => ({ ...k, result: k.expected })) };
    expect(kpiSummary(allOnPace)).toBe('目標のある2項目すべてが、この時点の目安に届いています。');
  });

  it('draws the median and 90th percentile wait in minutes, with gaps for months without waits', () => {
    const report = chartReport();
    const spec = waitsChart(report);
    expect(spec.series.map((s) => s.values.slice(0, 3))).toEqual([
      [null, 1.6, null],
      [null, 10, null],
    ]);
    expect(waitsSummary(report, '2026年度')).toBe('2026年度の待ち時間は中央値1分35秒、90%値10分00秒で、応答率は66.7%、待つ間に離れた人は1人です。');
  });
});
