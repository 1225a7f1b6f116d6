import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import type { RunningServer } from '../server.js';
import { chatList, desktopPage, endChat, expect, expectNoAxeViolations, listCampaigns, phonePage, sameTokyoDayFor, say, signIn, snap, takeHer, test, tokyoDate } from './fixtures.js';

/**
 * The counselor's case record (相談の記録) after a chat, and the supervisor's fiscal-year report
 * (年度報告) with its CSV for the prefecture. Its own server, so the year's counts start from
 * nothing. Nothing here depends on the wall clock beyond which fiscal year and month today is, and
 * the first test does not straddle Tokyo midnight (its report row is today's month).
 */

/** Today in Tokyo, as the server counts it: the fiscal year (April–March) and the month's label. */
function tokyoToday(): { fiscalYear: number; month: string } {
  const [year, month] = tokyoDate(Date.now()).split('-').map(Number) as [number, number];
  return { fiscalYear: month >= 4 ? year : year - 1, month: `${year}年${month}月` };
}

/** The counts of a month-table row (all channels, then the chat's four, then the nuisance chats), by its row header. */
const counts = (table: ReturnType<Page['getByRole']>, rowName: string) =>
  table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) }).getByRole('cell');

/**
 * She opens a flyer's landing page at phone size and answers the intake (an age band and topics as
 * the widget words them); sato signs in and takes her, and she is told a counselor joined.
 */
async function answeredAndTaken(browser: Browser, server: RunningServer, campaign: string, ageBand: string, topics: string[]) {
  await (await listCampaigns(browser, server, [campaign])).context().close();
  const client = await phonePage(browser);
  await client.goto(`${server.url}/c/${campaign}`);
  await client.getByRole('button', { name: '相談をはじめる' }).click();
  await client.getByRole('radio', { name: ageBand }).check();
  for (const topic of topics) await client.getByRole('checkbox', { name: topic }).check();
  await client.getByRole('button', { name: '答えて進む' }).click();
  await expect(client.getByText(/番目です/)).toBeVisible();

  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await takeHer(sato, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  return { client, sato };
}

test('a counselor records topics and outcome; the supervisor sees them in the year report and saves the CSV', async ({ browser, ownServer: server }, info) => {
  // Her chat and the report must fall in one month (and fiscal year): not across Tokyo midnight.
  test.setTimeout(300_000);
  await sameTokyoDayFor(180_000);
  const { fiscalYear, month } = tokyoToday();

  // She comes from a flyer and answers the intake: 子育て and ひとりでつらい, in her thirties.
  const { client, sato } = await answeredAndTaken(browser, server, 'case-e2e', '30代', ['子育て', 'ひとりでつらい']);
  await expect(sato.getByText(/事前の質問への回答/)).toBeVisible();

  await endChat(client);
  await expect(sato.getByText('相談者が退出しました', { exact: true })).toBeVisible();
  await expect(chatList(sato).getByText('まだ記録していません')).toBeVisible();

  // Once it ended, the record form is there, starting from her own answers.
  const form = sato.getByRole('form', { name: /相談の記録/ });
  await expect(form).toBeVisible();
  const topics = form.getByRole('group', { name: /主訴/ });
  await expect(topics.getByRole('checkbox', { name: '子育て' })).toBeChecked();
  await expect(topics.getByRole('checkbox', { name: '孤独' })).toBeChecked();
  await expect(form.getByRole('group', { name: /年代/ }).getByRole('radio', { name: '30代' })).toBeChecked();

  // Closing before recording asks first; she goes back to the form.
  await sato.getByRole('button', { name: '閉じる', exact: true }).click();
  await expect(sato.getByText(/まだ記録していません。記録しないまま閉じると/)).toBeVisible();
  await sato.getByRole('button', { name: '記録に戻る' }).click();

  // Without an outcome the form says what is missing.
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(form.getByRole('alert')).toHaveText('結果を1つ選んでください。');
  await form.getByRole('group', { name: '結果' }).getByRole('radio', { name: '他機関につないだ' }).check();
  await expect(form.getByRole('alert')).toHaveText('');
  await expectNoAxeViolations(sato, 'case record form');
  await form.getByRole('button', { name: '記録する' }).scrollIntoViewIfNeeded();
  await snap(sato, info, 'console-case-record-form');
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(form.getByRole('status')).toContainText('記録しました。');
  await expect(chatList(sato).getByText('記録済み')).toBeVisible();
  await expect(form.getByRole('button', { name: '記録しなおす' })).toBeVisible();
  await expectNoAxeViolations(sato, 'case record form, recorded');
  await snap(sato, info, 'console-case-recorded');

  // Recorded: closing needs no question now.
  await sato.getByRole('button', { name: '閉じる', exact: true }).click();
  await expect(chatList(sato).getByText('対応中の相談はありません。')).toBeVisible();

  // The supervisor's year report: this fiscal year by default.
  const supervisor = await desktopPage(browser);
  await signIn(supervisor, 'supervisor', server);
  const report = supervisor.getByRole('region', { name: '年度報告' });
  await expect(report.getByRole('combobox', { name: '年度' })).toHaveValue(String(fiscalYear));
  await expect(report.getByRole('combobox', { name: '年度' }).locator('option:checked')).toHaveText(`${fiscalYear}年度（令和${fiscalYear - 2018}年度）`);
  const months = report.getByRole('table', { name: /月ごとの件数/ });
  await expect(months.getByRole('row')).toHaveCount(14);
  await expect(counts(months, month)).toHaveText(['1', '1', '1', '0', '1', '0']);
  await expect(counts(months, '合計')).toHaveText(['1', '1', '1', '0', '1', '0']);
  await expect(counts(report.getByRole('table', { name: /主訴ごと/ }), '子育て')).toHaveText(['1']);
  await expect(counts(report.getByRole('table', { name: /主訴ごと/ }), '介護')).toHaveText(['0']);
  await expect(counts(report.getByRole('table', { name: /結果ごと/ }), '他機関につないだ')).toHaveText(['1']);
  await expect(counts(report.getByRole('table', { name: /年代ごと/ }), '30代')).toHaveText(['1']);
  await expect(counts(report.getByRole('table', { name: /きっかけごと/ }), 'case-e2e')).toHaveText(['1']);
  await expectNoAxeViolations(supervisor, 'year report');
  await snap(supervisor, info, 'console-year-report');
  await report.getByRole('table', { name: /きっかけごと/ }).scrollIntoViewIfNeeded();
  await snap(supervisor, info, 'console-year-report-by');

  // The CSV for the prefecture: BOM, CRLF, a row per month and the total.
  const [download] = await Promise.all([supervisor.waitForEvent('download'), report.getByRole('button', { name: 'CSVで保存' }).click()]);
  expect(download.suggestedFilename()).toBe(`tsunagari-report-${fiscalYear}.csv`);
  const csv = await readFile(await download.path(), 'utf8');
  expect(
    csv.startsWith('\uFEFF月,相談件数（全チャネル）,チャネル：SNS（チャット）,チャネル：電話,チャネル：メール,チャネル：面接,チャネル：リモート,相談の申し込み,対応,待つ間に離れた,記録済み,いたずら・迷惑（件数に含めず）,'),
  ).toBe(true);
  // The months' table is the first block; the report's further tables follow, each after an empty line.
  const rows = csv.slice(1).split('\r\n\r\n')[0]!.split('\r\n');
  expect(rows).toHaveLength(14); // header, 12 months, total
  const header = rows[0]!.split(',');
  const total = rows[13]!.split(',');
  expect(total.slice(0, 12)).toEqual(['合計', '1', '1', '0', '0', '0', '0', '1', '1', '0', '1', '0']);
  expect(total[header.indexOf('主訴：子育て')]).toBe('1');
  expect(total[header.indexOf('結果：他機関につないだ')]).toBe('1');
  expect(total[header.indexOf('きっかけ：case-e2e')]).toBe('1');
  expect(rows.find((r) => r.startsWith(`${month},`))?.split(',').slice(7, 11)).toEqual(['1', '1', '0', '1']);
});

test('a chat that ended before she recorded it comes back after a reload, until she records it', async ({ browser, ownServer: server }, info) => {
  const { client, sato } = await answeredAndTaken(browser, server, 'recall-e2e', '20代', ['介護']);
  await say(client, '家賃が払えなくて困っています');
  await expect(sato.getByText('家賃が払えなくて困っています', { exact: true })).toBeVisible();
  await endChat(client);
  await expect(sato.getByText('相談者が退出しました', { exact: true })).toBeVisible();

  // Her browser is reloaded before she records: she signs in again and the chat is still there.
  await signIn(sato, 'sato', server);
  const list = chatList(sato);
  await expect(list.getByRole('button')).toHaveCount(1);
  await expect(list.getByRole('button')).toContainText('終了');
  await expect(list.getByRole('button')).toContainText('まだ記録していません');
  await list.getByRole('button').click();
  await expect(sato.getByText('この相談は終了しています。')).toBeVisible();
  // The history opens with her key as before, and the form starts from her intake.
  await expect(sato.getByText('家賃が払えなくて困っています', { exact: true })).toBeVisible();
  const form = sato.getByRole('form', { name: /相談の記録/ });
  await expect(form.getByRole('group', { name: /主訴/ }).getByRole('checkbox', { name: '介護' })).toBeChecked();
  await expect(form.getByRole('group', { name: /年代/ }).getByRole('radio', { name: '20代' })).toBeChecked();

  // Closing unrecorded still asks, and says it will come back at her next sign-in.
  await sato.getByRole('button', { name: '閉じる', exact: true }).click();
  await expect(sato.getByText(/次にログインしたときにまた表示されます/)).toBeVisible();
  await sato.getByRole('button', { name: '記録に戻る' }).click();

  await form.getByRole('group', { name: '結果' }).getByRole('radio', { name: '情報提供' }).check();
  await expectNoAxeViolations(sato, 'recalled chat with its record form');
  await snap(sato, info, 'console-recalled-chat-record-form');
  await sato.getByText('家賃が払えなくて困っています', { exact: true }).scrollIntoViewIfNeeded();
  await snap(sato, info, 'console-recalled-chat-history');
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(form.getByRole('status')).toContainText('記録しました。');
  await expect(list.getByText('記録済み')).toBeVisible();

  // Recorded, it is not recalled at the next sign-in.
  await signIn(sato, 'sato', server);
  await expect(chatList(sato).getByText('対応中の相談はありません。')).toBeVisible();
  await expectNoAxeViolations(sato, 'console after recording the recalled chat');
});
