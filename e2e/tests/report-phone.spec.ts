import type { Page } from '@playwright/test';
import { desktopPage, expect, expectNoAxeViolations, phonePage, setTargets, signIn, snap, test } from './fixtures.js';

/**
 * The year report on a 360 px phone (issue 16): the wide tables (the months, targets against
 * results) scroll sideways inside their own labelled, focusable region, so neither the page nor
 * the report pane gets wider than the screen. axe clean; screenshots at 360 px and desktop.
 */

/** How far the page, and the report's own scrolling pane, reach past their width. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const report = document.querySelector('tsg-console-app')?.shadowRoot?.querySelector('tsg-staff-workspace')?.shadowRoot?.querySelector('tsg-year-report');
    return {
      document: document.documentElement.scrollWidth,
      reportFound: report instanceof HTMLElement,
      report: report ? report.scrollWidth - report.clientWidth : 0,
    };
  });
}

test('the year report fits a 360 px phone: its wide tables scroll inside their own region, reached by keyboard; axe clean', async ({ browser, ownServer: server }, info) => {
  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await setTargets(admin, { '家庭訪問（回）': '45', '電話相談（件）': '2000' });
  await expect(admin.getByRole('table', { name: /目標と実績/ })).toBeVisible();
  await expectNoAxeViolations(admin, 'year report (desktop)');
  await snap(admin, info, 'console-report-desktop');

  const phone = await phonePage(browser);
  await signIn(phone, 'supervisor', server);
  const months = phone.getByRole('region', { name: /月ごとの件数（表は横にスクロールできます）/ });
  await expect(months.getByRole('table', { name: /月ごとの件数/ })).toBeVisible();
  await expect(phone.getByRole('region', { name: /目標と実績.*（表は横にスクロールできます）/ })).toBeVisible();
  const sizes = await overflow(phone);
  expect(sizes.reportFound).toBe(true);
  // The phone's own width (a wider page would widen the layout viewport, and innerWidth with it).
  expect(sizes.document, 'the page is no wider than the phone').toBeLessThanOrEqual(phone.viewportSize()!.width);
  expect(sizes.report, 'the report pane does not scroll sideways').toBeLessThanOrEqual(0);
  // The months table is wider than the phone: it scrolls inside its region, by keyboard too.
  const scroll = () => months.evaluate((el) => ({ left: el.scrollLeft, overflow: el.scrollWidth - el.clientWidth }));
  expect((await scroll()).overflow).toBeGreaterThan(0);
  await months.focus();
  await expect(months).toBeFocused();
  await phone.keyboard.press('ArrowRight');
  await expect.poll(async () => (await scroll()).left).toBeGreaterThan(0);
  await expectNoAxeViolations(phone, 'year report (360 px)');
  await months.evaluate((el) => (el.scrollLeft = 0));
  await snap(phone, info, 'console-report-360');
});
