import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { chartReport } from '../../charts/report-fixture.js';
import '../report-waits/report-waits.js';
import type { TsgReportCharts } from './report-charts.component.js';
import './report-charts.js';

describe('the report charts', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows each chart as an image named by its sentence, draws it once the library loaded, and gives its figures as a table', async () => {
    const el = document.createElement('tsg-report-charts') as TsgReportCharts;
    el.report = chartReport();
    document.body.append(el);
    const channels = page.getByRole('img', { name: /月ごと・チャネルごとの相談件数。2026年度（令和8年度）の相談は合計9件/ });
    await expect.element(channels).toBeVisible();
    const kpi = page.getByRole('img', { name: /目標の達成率と、この時点の目安。目標のある2項目のうち/ });
    await expect.element(kpi).toBeVisible();
    // uPlot drew a canvas into each, hidden from assistive technology (the image's name says it).
    await expect.poll(() => el.shadowRoot!.querySelectorAll('[data-chart] canvas').length).toBe(2);
    expect(el.shadowRoot!.querySelector('[data-chart] .uplot')!.getAttribute('aria-hidden')).toBe('true');
    const table = page.getByRole('table', { name: '月ごと・チャネルごとの相談件数（グラフの数値）' });
    await expect.element(table.getByRole('row', { name: /2026年6月/ })).toHaveTextContent('2026年6月040004');
    await expect.element(table.getByRole('row', { name: /^合計/ })).toHaveTextContent('合計360009');
    const kpiTable = page.getByRole('table', { name: '目標の達成率と、この時点の目安（グラフの数値）' });
    await expect.element(kpiTable.getByRole('row', { name: /家庭訪問/ })).toHaveTextContent('家庭訪問（回）50.025.0');
  });

  it('draws again for another report and leaves no chart behind when removed', async () => {
    const el = document.createElement('tsg-report-charts') as TsgReportCharts;
    el.report = chartReport();
    document.body.append(el);
    await expect.poll(() => el.shadowRoot!.querySelectorAll('[data-chart] canvas').length).toBe(2);
    el.report = { ...chartReport(), kpis: [] };
    await expect.poll(() => el.shadowRoot!.querySelectorAll('[data-chart] canvas').length).toBe(1);
    expect(el.shadowRoot!.querySelectorAll('.uplot')).toHaveLength(1);
    el.remove();
    expect(el.shadowRoot!.querySelectorAll('.uplot')).toHaveLength(0);
  });

  it('shows waiting figures by month with the total, and the days folded away', async () => {
    const el = document.createElement('tsg-report-waits');
    el.report = chartReport();
    document.body.append(el);
    await expect.element(page.getByRole('img', { name: /月ごとの待ち時間（分）。2026年度（令和8年度）の待ち時間は中央値1分35秒、90%値10分00秒/ })).toBeVisible();
    const months = page.getByRole('table', { name: /月ごとの待ち時間と応答/ });
    await expect.element(months.getByRole('row', { name: /2026年5月/ })).toHaveTextContent('2026年5月32166.7%1分35秒10分00秒921');
    await expect.element(months.getByRole('row', { name: /2026年6月/ })).toHaveTextContent('2026年6月000———000');
    const days = page.getByRole('table', { name: /日ごとの待ち時間と応答/ });
    expect(el.shadowRoot!.querySelector('details')!.open).toBe(false);
    await page.getByText('日ごとの数を見る').click();
    await expect.element(days.getByRole('row', { name: /5月2日/ })).toHaveTextContent('5月2日32166.7%1分35秒10分00秒921');
  });
});
