import type { Page } from '@playwright/test';
import fs from 'node:fs';
import { SEEDED_CLOCKS } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, startFromLanding, test, logLonelinessCall, setTargets } from './fixtures.js';

/**
 * The year report's charts (issue 16): a woman opens the widget and leaves while waiting, a
 * counselor logs a phone call, an admin sets targets; the report shows the targets, the channels
 * and the waits as charts with their sentences and tables, axe-clean on a desktop and a phone, and
 * prints on A4 with charts and tables inside the page. Its own server: the year starts from nothing.
 *
 * The server's clock starts on Tuesday 1 December 2026 at noon in Tokyo, eight months into fiscal
 * 2026, and every page's clock is fixed to the same moment: each target's この時点の目安 (the
 * target times the share of the year gone) is then well above nothing. On the real clock, in the
 * first days of a fiscal year (1–4 April) the home visits' 目安 rounds to 0, her 0 visits reach
 * it, and the sentence says 1 of 2 where this test means 0.
 */
const NOW = new Date(SEEDED_CLOCKS.tuesdayNoon);
test.use({ serverEnv: { TSUNAGARI_TEST_NOW: NOW.toISOString() } });

/** The report's label of NOW's Tokyo month. */
const MONTH = '2026年12月';

/** A page whose clock reads NOW, as the server's did when it started (the report's year and day, the forms' dates, the staff statements signed at NOW). */
async function atNow(page: Page): Promise<Page> {
  await page.clock.setFixedTime(NOW);
  return page;
}

test('the report’s charts and tables: KPI progress, channels by month, waits and missed contacts; axe clean at desktop and 360 px; printed on A4', async ({ browser, ownServer: server }, info) => {
  const her = await atNow(await phonePage(browser));
  await startFromLanding(her, `${server.url}/c/figures-e2e`);
  await expect(her.locator('tsunagari-chat').locator('tsunagari-waiting .queue')).toBeVisible();
  await her.getByRole('button', { name: 'すぐに閉じる' }).first().click();
  // Quick exit replaced the page with the neutral one: her start was ended while waiting.
  await expect(her.locator('tsunagari-chat')).toHaveCount(0);

  const sato = await atNow(await desktopPage(browser));
  await signIn(sato, 'sato', server);
  await logLonelinessCall(sato);

  const admin = await atNow(await desktopPage(browser));
  await signIn(admin, 'admin', server);
  await setTargets(admin, { '家庭訪問（回）': '45', '電話相談（件）': '2000' });

  // Each chart is an image named by its sentence, drawn on a canvas, with its legend and table.
  await expect(admin.getByRole('img', { name: /^目標の達成率と、この時点の目安。目標のある2項目のうち、この時点の目安に届いているのは0項目です。$/ })).toBeVisible();
  await expect(admin.getByRole('img', { name: /^月ごと・チャネルごとの相談件数。.*合計2件で/ })).toBeVisible();
  await expect(admin.getByRole('img', { name: /^月ごとの待ち時間（分）。.*応答率は0\.0%、待つ間に離れた人は1人です。$/ })).toBeVisible();
  await expect(admin.locator('tsg-report-charts').locator('[data-chart] canvas')).toHaveCount(2);
  await expect(admin.locator('tsg-report-waits').locator('[data-chart] canvas')).toHaveCount(1);
  const channels = admin.getByRole('table', { name: '月ごと・チャネルごとの相談件数（グラフの数値）' });
  await expect(channels.getByRole('row', { name: new RegExp(`^${MONTH}`) }).getByRole('cell')).toHaveText(['1', '1', '0', '0', '0', '2']);
  const kpi = admin.getByRole('table', { name: '目標の達成率と、この時点の目安（グラフの数値）' });
  await expect(kpi.getByRole('row', { name: /家庭訪問/ }).getByRole('cell')).toHaveText(['0.0', /^\d+\.\d$/]);
  // She left while waiting; she had opened the widget first (its status fetch).
  const waits = admin.getByRole('table', { name: /月ごとの待ち時間と応答/ });
  await expect(waits.getByRole('row', { name: new RegExp(`^${MONTH}`) }).getByRole('cell')).toHaveText(['1', '0', '1', '0.0%', '—', '—', '1', '0', '0']);
  await expectNoAxeViolations(admin, 'year report with charts');
  await snap(admin, info, 'console-report-charts');
  // The workspace scrolls inside the window: a window tall enough to show the charts in one picture.
  await admin.setViewportSize({ width: 1280, height: 3400 });
  await snap(admin, info, 'console-report-charts-tall');

  // Printed: at A4's width the charts are drawn 640 px wide and no table runs past the page.
  await admin.setViewportSize({ width: 794, height: 1123 });
  await admin.emulateMedia({ media: 'print' });
  await admin.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const widths = await admin.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    const all = (sel: string) => roots.flatMap((r) => [...r.querySelectorAll<HTMLElement>(sel)]);
    return {
      canvases: all('[data-chart] canvas').map((c) => c.getBoundingClientRect().width),
      tables: all('table').filter((t) => t.getClientRects().length > 0).map((t) => t.getBoundingClientRect().right),
    };
  });
  expect(widths.canvases).toHaveLength(3);
  for (const w of widths.canvases) expect(w).toBeLessThanOrEqual(640);
  for (const right of widths.tables) expect(right).toBeLessThanOrEqual(794);
  await snap(admin, info, 'console-report-print');
  const pdf = info.outputPath('console-report.pdf');
  await admin.pdf({ path: pdf, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  await info.attach('console-report.pdf', { path: pdf, contentType: 'application/pdf' });

  // A supervisor on a phone: the same report, one column, still axe-clean.
  const phone = await atNow(await phonePage(browser));
  await signIn(phone, 'supervisor', server);
  await expect(phone.getByRole('img', { name: /^月ごとの待ち時間（分）。/ })).toBeVisible();
  await expect(phone.locator('tsg-report-waits').locator('[data-chart] canvas')).toHaveCount(1);
  await expectNoAxeViolations(phone, 'year report with charts at phone size');
  await snap(phone, info, 'console-report-charts-phone');
  for (const part of ['tsg-report-charts', 'tsg-report-waits']) {
    const file = info.outputPath(`phone-${part}.png`);
    await phone.locator(part).screenshot({ path: file });
    await info.attach(`phone-${part}`, { path: file, contentType: 'image/png' });
  }
});
