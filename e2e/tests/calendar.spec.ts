import type { Page } from '@playwright/test';
import { SEEDED_CLOCKS } from '../server.js';
import { chatItems, desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * The calendar (issue 16): a counselor books an interview on a Friday from her chat and sees it
 * in the week view; a Saturday booking is refused and nothing is stored; an interview on another
 * weekday needs her to confirm the warning. The program's hours (Mon–Fri 10:00–20:00 Tokyo) on a
 * server whose clock starts on Tuesday 1 December 2026 at noon, and the console's clock fixed to
 * the same moment, so the week and the dates are the same whenever this runs.
 */
const NOW = new Date(SEEDED_CLOCKS.tuesdayNoon);
test.use({ serverEnv: { TSUNAGARI_HOURS: 'program', TSUNAGARI_TEST_NOW: NOW.toISOString() } });

/**
 * A page whose clock reads NOW: the console's hand-off form checks dates and the calendar finds
 * 今週 by it, and both browsers check the counselor's statement (signed at the server's NOW).
 */
async function atNow(page: Page): Promise<Page> {
  await page.clock.setFixedTime(NOW);
  return page;
}

/** The hand-off form, filled with a kind, a Tokyo date and 14:00, and sent. */
async function book(sato: Page, kind: string, date: string): Promise<void> {
  const form = sato.getByRole('form', { name: 'ほかの相談方法へつなぐ' });
  await form.getByRole('radio', { name: kind }).check();
  await form.getByLabel('日付（日本時間）').fill(date);
  await form.getByLabel('時刻（日本時間）').fill('14:00');
  await form.getByRole('button', { name: '予約する' }).click();
}

test('a counselor books a Friday interview and sees it in the week view; a Saturday is refused; another weekday needs her confirmation', async ({ browser, ownServer: server }, info) => {
  test.setTimeout(150_000);
  const client = await atNow(await phonePage(browser));
  await startFromLanding(client, `${server.url}/c/calendar-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();

  const sato = await atNow(await desktopPage(browser));
  await signIn(sato, 'sato', server);
  await takeHer(sato, client);
  await expect(chatItems(sato)).toHaveCount(1);
  await sato.getByRole('button', { name: 'ほかの相談方法へつなぐ' }).click();
  const form = sato.getByRole('form', { name: 'ほかの相談方法へつなぐ' });

  // Saturday: outside the program's days. Refused with its reason, and the form stays open.
  await book(sato, '面接相談', '2026-12-05');
  await expect(form.getByRole('alert')).toHaveText(/相談時間（受付日の受付時間内）の外なので予約できません/);

  // Thursday: an interview off Friday asks her to confirm; confirmed, it is booked.
  await book(sato, '面接相談', '2026-12-03');
  await expect(form.getByRole('alert')).toHaveText(/面接相談は金曜日が基本です/);
  await expectNoAxeViolations(sato, 'hand-off form asking to confirm an interview off Friday');
  await form.getByRole('checkbox', { name: '金曜日以外の日で面接相談を予約します' }).check();
  await form.getByRole('button', { name: '予約する' }).click();
  await expect(form.getByRole('status')).toContainText('面接相談：12月3日（木）14:00');
  await form.getByRole('button', { name: 'もう1件予約する' }).click();

  // Friday, the interview day: booked at once.
  await book(sato, '面接相談', '2026-12-04');
  const result = form.getByRole('status');
  await expect(result).toContainText('面接相談：12月4日（金）14:00');
  const code = (await result.locator('.code').textContent())!.trim();

  // The week view: her row, Friday's column, the interview read whole.
  const toCalendar = sato.getByRole('button', { name: 'カレンダー', exact: true });
  await toCalendar.click();
  await expect(toCalendar).toHaveAttribute('aria-pressed', 'true');
  const calendar = sato.getByRole('region', { name: '週の予定' });
  // The week of today (Tuesday 1 December): Monday 30 November to Sunday 6 December.
  const table = calendar.getByRole('table', { name: '11月30日〜12月6日の予約（相談員ごと）' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /12月4日（金）/ })).toContainText('面接日');
  await expect(table.getByRole('columnheader', { name: /12月5日（土）/ })).toContainText('受付なし');
  const satoRow = table.getByRole('row').filter({ has: sato.getByRole('rowheader', { name: '佐藤' }) });
  const friday = satoRow.getByRole('cell').nth(4);
  await expect(friday.getByRole('listitem')).toHaveText(new RegExp(`14:00–15:00\\s*面接相談\\s*予約番号 ${code}\\s*予約中`));
  await expect(satoRow.getByRole('cell').nth(3)).toContainText('14:00–15:00');
  // Nothing was stored for the Saturday.
  await expect(satoRow.getByRole('cell').nth(5).getByRole('listitem')).toHaveCount(0);
  await expect(satoRow.getByRole('listitem')).toHaveCount(2);
  await expectNoAxeViolations(sato, 'calendar week view (desktop)');
  await snap(sato, info, 'console-calendar-week');

  // Keyboard: PageDown to next week (empty), PageUp back; the week is said in the live region.
  await calendar.getByRole('button', { name: '次の週 →' }).focus();
  await sato.keyboard.press('PageDown');
  await expect(calendar.getByRole('table', { name: /12月7日〜12月13日/ })).toBeVisible();
  await expect(calendar.getByRole('status')).toHaveText('12月7日〜12月13日の週を表示しています。');
  await expect(calendar.getByRole('listitem')).toHaveCount(0);
  await sato.keyboard.press('PageUp');
  await expect(friday.getByRole('listitem')).toHaveCount(1);

  // The supervisor, on a phone-sized window, sees sato's week too.
  const boss = await atNow(await phonePage(browser));
  await signIn(boss, 'supervisor', server);
  const pageWidth = () => boss.evaluate(() => document.documentElement.scrollWidth);
  const widthBefore = await pageWidth();
  await boss.getByRole('button', { name: 'カレンダー', exact: true }).click();
  const bossCalendar = boss.getByRole('region', { name: '週の予定' });
  await expect(bossCalendar.getByRole('listitem').filter({ hasText: code })).toHaveCount(1);
  // The week scrolls sideways inside its own region; the page does not get wider.
  expect(await pageWidth()).toBe(widthBefore);
  await bossCalendar.getByRole('region', { name: /週の予定の表/ }).scrollIntoViewIfNeeded();
  await expectNoAxeViolations(boss, 'calendar week view (360 px)');
  await snap(boss, info, 'console-calendar-week-360');
});

test('a supervisor books for a counselor from the calendar: a rule that refuses is named, and bent only when she confirms; a double booking never', async ({ browser, ownServer: server }, info) => {
  test.setTimeout(150_000);
  // A reservation code for her consultation: sato books a Friday interview from the chat.
  const client = await atNow(await phonePage(browser));
  await startFromLanding(client, `${server.url}/c/calendar-book-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();
  const sato = await atNow(await desktopPage(browser));
  await signIn(sato, 'sato', server);
  await takeHer(sato, client);
  await sato.getByRole('button', { name: 'ほかの相談方法へつなぐ' }).click();
  await book(sato, '面接相談', '2026-12-04');
  const result = sato.getByRole('form', { name: 'ほかの相談方法へつなぐ' }).getByRole('status');
  await expect(result).toContainText('面接相談：12月4日（金）14:00');
  const code = (await result.locator('.code').textContent())!.trim();

  // A counselor's calendar has no booking form: she books from the chat, and cannot override.
  await sato.getByRole('button', { name: 'カレンダー', exact: true }).click();
  await expect(sato.getByRole('region', { name: '週の予定', exact: true })).toBeVisible();
  await expect(sato.getByRole('form', { name: /相談員の予約を入れる/ })).toHaveCount(0);

  const boss = await atNow(await desktopPage(browser));
  await signIn(boss, 'supervisor', server);
  await boss.getByRole('button', { name: 'カレンダー', exact: true }).click();
  const form = boss.getByRole('form', { name: '相談員の予約を入れる（スーパーバイザー）' });
  const fill = async (counselor: string, kind: string, date: string, time: string) => {
    await form.getByLabel('これまでの予約番号').fill(code);
    await form.getByLabel('相談員').selectOption({ label: counselor });
    await form.getByLabel('相談の方法').selectOption({ label: kind });
    await form.getByLabel('日付（日本時間）').fill(date);
    await form.getByLabel('時刻（日本時間）').fill(time);
    await form.getByLabel('長さ').selectOption({ label: '90分' });
  };

  // Saturday, outside the program's days: the rule is named; nothing is stored yet.
  await fill('田中', '家庭訪問', '2026-12-05', '14:00');
  await form.getByRole('button', { name: '予約する' }).click();
  await expect(form.getByRole('alert')).toContainText('相談の受付日・受付時間の外です');
  await expect(boss.getByRole('region', { name: '週の予定', exact: true }).getByRole('listitem')).toHaveCount(1);
  await expectNoAxeViolations(boss, 'calendar booking form offering the override');
  await snap(boss, info, 'console-calendar-book-refused');
  await form.getByRole('button', { name: '規則を確認のうえ予約する' }).click();
  await expect(form.getByRole('status')).toContainText('田中さんの予約を入れました：家庭訪問 12月5日（土）14:00');
  await expect(form.getByRole('status')).toContainText('決まりの外の予約として記録しました。');
  // The week shows it in 田中's Saturday, marked as the supervisor's decision — in sato's open calendar too.
  for (const page of [boss, sato]) {
    const table = page.getByRole('region', { name: '週の予定', exact: true }).getByRole('table');
    const tanaka = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '田中' }) });
    await expect(tanaka.getByRole('cell').nth(5).getByRole('listitem')).toHaveText(/14:00–15:30\s*家庭訪問\s*予約番号 \w{3} \w{3}\s*予約中\s*時間外（管理者の判断）/);
  }

  // sato already has the 14:00 interview on Friday: 14:30 for her is refused, with no override offered.
  await fill('佐藤', '電話相談', '2026-12-04', '14:30');
  await form.getByRole('button', { name: '予約する' }).click();
  await expect(form.getByRole('alert')).toContainText('佐藤さんには、その時間にほかの予約が入っています');
  await expect(form.getByRole('button', { name: '規則を確認のうえ予約する' })).toHaveCount(0);
  await expect(boss.getByRole('region', { name: '週の予定', exact: true }).getByRole('listitem')).toHaveCount(2);
  await snap(boss, info, 'console-calendar-book-double');
});
