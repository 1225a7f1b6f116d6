import type { Page } from '@playwright/test';
import { desktopPage, expect, expectNoAxeViolations, listCampaigns, phonePage, sameTokyoDayFor, signIn, snap, startFromLanding, takeHer, test, tokyoDate } from './fixtures.js';

/**
 * The counselor's 「いたずら・迷惑として終了」 and what it does: the chat ends, that caller's
 * network (every page here is 127.0.0.1) is turned away for the rest of the Tokyo day, and the
 * fiscal-year report counts it apart from real consultations. Also the admin's campaign list: a
 * start through a page not on it is counted as 一覧にないきっかけ. Its own server (it blocks its caller).
 */

/** This month in Tokyo, as the report's row names it. */
const tokyoMonth = (): string => {
  const [year, month] = tokyoDate(Date.now()).split('-').map(Number) as [number, number];
  return `${year}年${month}月`;
};
const cells = (table: ReturnType<Page['getByRole']>, rowName: string) =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) }).getByRole('cell');

test('a chat ended as a nuisance: the network is turned away today, and the report counts it apart from real consultations', async ({ browser, ownServer: server }, info) => {
  // The block lasts the rest of the Tokyo day and the report counts this month: not across midnight.
  test.setTimeout(330_000);
  await sameTokyoDayFor(180_000);
  const admin = await listCampaigns(browser, server, ['prank-e2e']);
  const list = admin.getByRole('region', { name: /きっかけ（QRコード・チラシ）の一覧/ });
  await expect(list.getByRole('row', { name: /\/c\/prank-e2e/ })).toContainText('prank-e2e のチラシ');
  await expectNoAxeViolations(admin, 'admin campaign list');
  await list.scrollIntoViewIfNeeded();
  await snap(admin, info, 'console-campaign-list');
  await admin.context().close();

  // A woman from a page that is not on the list: her chat opens all the same. She leaves while waiting.
  const stray = await phonePage(browser);
  await startFromLanding(stray, `${server.url}/c/not-on-the-list`);
  await expect(stray.getByText(/番目です/)).toBeVisible();
  await stray.getByRole('button', { name: 'すぐに閉じる' }).first().click();
  await stray.waitForURL(/\/exit$/);

  // A prank through a listed flyer; sato takes it.
  const prank = await phonePage(browser);
  await startFromLanding(prank, `${server.url}/c/prank-e2e`);
  await expect(prank.getByText(/番目です/)).toBeVisible();
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await takeHer(sato, prank);
  await expect(prank.getByText('相談員につながりました')).toBeVisible();

  // Ending asks first, and the nuisance choice says what it does.
  await sato.getByRole('button', { name: '相談を終了する' }).click();
  await expect(sato.getByText(/同じ回線からの新しい相談を、きょう（日本時間）いっぱい受け付けません/)).toBeVisible();
  await expectNoAxeViolations(sato, 'end confirmation with the nuisance choice');
  await snap(sato, info, 'console-nuisance-confirm');
  await sato.getByRole('button', { name: 'いたずら・迷惑として終了' }).click();
  await expect(sato.locator('tsg-chat-panel').getByText('いたずら・迷惑として終了しました。この回線からの相談は、きょういっぱい受け付けません。')).toBeVisible();
  await expectNoAxeViolations(sato, 'chat ended as a nuisance');
  await snap(sato, info, 'console-nuisance-ended');
  // Her side hears only that the counselor ended it.
  await expect(prank.getByText('相談員が、この相談を終えました。')).toBeVisible();

  // The same network cannot start again today; she is told it is busy, with the phone beside it.
  const again = await phonePage(browser);
  await startFromLanding(again, `${server.url}/c/prank-e2e`);
  await expect(again.getByRole('alert').filter({ hasText: 'いま混み合っています。' })).toBeVisible();

  // The year report: the prank is in its own column and in no count; the stray start is 一覧にないきっかけ.
  const supervisor = await desktopPage(browser);
  await signIn(supervisor, 'supervisor', server);
  const report = supervisor.getByRole('region', { name: '年度報告' });
  const months = report.getByRole('table', { name: /月ごとの件数/ });
  await expect(months.getByRole('columnheader', { name: 'いたずら・迷惑（件数に含めず）' })).toBeVisible();
  // All channels, then the chat's four, then the nuisance chats: only the stray start is counted.
  await expect(cells(months, tokyoMonth())).toHaveText(['1', '1', '0', '1', '0', '1']);
  await expect(cells(months, '合計')).toHaveText(['1', '1', '0', '1', '0', '1']);
  const byCampaign = report.getByRole('table', { name: /きっかけごと/ });
  await expect(cells(byCampaign, '一覧にないきっかけ')).toHaveText(['1']);
  await expect(byCampaign.getByRole('rowheader', { name: 'prank-e2e' })).toHaveCount(0);
  await expectNoAxeViolations(supervisor, 'year report with a nuisance chat');
  await snap(supervisor, info, 'console-year-report-nuisance');
});
