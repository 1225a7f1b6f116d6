import type { Page } from '@playwright/test';
import { dropMessage, keysAndMessages, newestConsultation } from '../relay-lies.js';
import { type RunningServer, startServer } from '../server.js';
import { chatItems, chatList, desktopPage, endChat, expect, expectNoAxeViolations, phonePage, say, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * Issue 13's key epochs and the order of messages, in real browsers against a real relay with its
 * own database and its test-only replay hook (TSUNAGARI_TEST_HOOKS=1, refused without DEMO=1):
 * a transfer while she is connected starts a key epoch the first counselor never holds; a
 * replayed message is not shown twice and is noticed; a dropped one is noticed. One server for
 * the file, its tests one after another (they share the two counselors).
 */

let server: RunningServer;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = await startServer({ TSUNAGARI_TEST_HOOKS: '1' });
});
test.afterAll(async () => server?.stop());

const NOTICE = {
  missing: {
    ja: '相談員からのメッセージが、ひとつ届いていないかもしれません。',
    'ja-easy': 'そうだんいんからの メッセージが、ひとつ とどいて いないかも しれません。',
    en: 'A message from your counselor may not have arrived.',
  },
  repeated: { ja: '同じメッセージが 2 回届いたので、1 回だけ表示しています。', 'ja-easy': 'おなじ メッセージが 2かい とどきました。', en: 'The same message arrived twice' },
} as const;
const CONSOLE_NOTICE = {
  missing: '相談者からのメッセージが、一部届いていない可能性があります。',
  repeated: '同じメッセージが 2 回届いたため、1 回だけ表示しています。',
};

const clientLog = (client: Page) => client.getByRole('log', { name: '会話' });
const consoleLog = (staff: Page) => staff.getByRole('list', { name: 'メッセージ' });

/** She starts from the QR page; `staff` takes her from the queue; both see the chat open. */
async function connect(client: Page, staff: Page): Promise<string> {
  await startFromLanding(client, `${server.url}/c/flyer`);
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();
  await takeHer(staff, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await expect(staff.getByRole('textbox', { name: 'メッセージ' })).toBeEnabled();
  return newestConsultation(server.banner);
}

/** The relay sends the latest stored message of `senderRole` to the room again, under a new id (the test hook). */
async function replay(page: Page, consultationId: string, senderRole: 'client' | 'counselor'): Promise<void> {
  const res = await page.request.post(`${server.url}/api/test-hooks/replay`, { data: { consultationId, senderRole } });
  expect(res.status()).toBe(200);
}

/** Her widget's language, from the switcher in its panel (labelled in the language shown). */
async function setLanguage(client: Page, lang: 'ja' | 'ja-easy' | 'en'): Promise<void> {
  await client.getByRole('combobox', { name: /^(言語|ことば|Language)$/ }).selectOption(lang);
}

test('a transfer while she is connected: a new key epoch the first counselor never holds; the second reads everything', async ({ browser }, info) => {
  const [sato, tanaka, client] = [await desktopPage(browser), await desktopPage(browser), await phonePage(browser)];
  await signIn(sato, 'sato', server);
  await signIn(tanaka, 'tanaka', server);
  const id = await connect(client, sato);

  await say(client, 'はじめまして。夫のことで相談したいです。');
  await expect(consoleLog(sato).getByText('夫のことで相談したいです。')).toBeVisible();
  await say(sato, '佐藤です。ゆっくり聞かせてください。');
  await expect(clientLog(client).getByText('佐藤です。')).toBeVisible();

  // Sato hands her on to Tanaka (every key she holds sealed to Tanaka's verified statement).
  await sato.getByRole('button', { name: '引き継ぐ', exact: true }).click();
  const form = sato.getByRole('form', { name: '相談を引き継ぐ' });
  await form.getByRole('combobox').selectOption({ label: '田中（対応中 0 / 3）' });
  await form.getByRole('button', { name: '引き継ぐ', exact: true }).click();
  await expect(chatItems(sato)).toHaveCount(0);

  // Her widget is connected: it checks Tanaka's statement, starts epoch 1 and seals it to her alone.
  await expect(client.getByText('相談員が交代しました。続けてお話しください。')).toBeVisible();
  await expect.poll(() => keysAndMessages(server.banner, id).grants).toEqual([
    { username: 'sato', keyEpoch: 0 },
    { username: 'tanaka', keyEpoch: 0 },
    { username: 'tanaka', keyEpoch: 1 },
  ]);
  await say(client, 'ここからは田中さんにお話しします。');
  await chatList(tanaka).getByRole('button').first().click();
  const tanakaLog = consoleLog(tanaka);
  // Tanaka reads everything: what was said to Sato (epoch 0) and what follows (epoch 1).
  await expect(tanakaLog.getByText('夫のことで相談したいです。')).toBeVisible();
  await expect(tanakaLog.getByText('佐藤です。ゆっくり聞かせてください。')).toBeVisible();
  await expect(tanakaLog.getByText('ここからは田中さんにお話しします。')).toBeVisible();
  await say(tanaka, '田中です。引き継ぎました。');
  await expect(clientLog(client).getByText('田中です。引き継ぎました。')).toBeVisible();

  // What follows the transfer is sealed with epoch 1, whose key was sealed to Tanaka only: the
  // relay holds no epoch-1 key for Sato, and her console holds the chat no more.
  const after = keysAndMessages(server.banner, id);
  // Her seq 1 of epoch 0 is the intake every start sends (empty: she skipped the questions).
  expect(after.messages).toEqual([
    { senderRole: 'client', keyEpoch: 0, seq: 1 },
    { senderRole: 'client', keyEpoch: 0, seq: 2 },
    { senderRole: 'counselor', keyEpoch: 0, seq: 1 },
    { senderRole: 'client', keyEpoch: 1, seq: 1 },
    { senderRole: 'counselor', keyEpoch: 1, seq: 1 },
  ]);
  expect(after.grants.filter((g) => g.username === 'sato')).toEqual([{ username: 'sato', keyEpoch: 0 }]);
  await expect(chatItems(sato)).toHaveCount(0);
  await expect(consoleLog(sato)).toHaveCount(0);
  await snap(client, info, 'widget-after-transfer-360');
  await snap(tanaka, info, 'console-tanaka-after-transfer');
  await endChat(client);
});

test('a replayed message is shown once, and each side is told calmly that it came twice', async ({ browser }, info) => {
  const [sato, client] = [await desktopPage(browser), await phonePage(browser)];
  await signIn(sato, 'sato', server);
  const id = await connect(client, sato);
  await say(client, '眠れない日が続いています。');
  await expect(consoleLog(sato).getByText('眠れない日が続いています。')).toBeVisible();
  await say(sato, 'それはおつらいですね。');
  await expect(clientLog(client).getByText('それはおつらいですね。')).toBeVisible();

  // The relay sends the counselor's message to the room again, under another id.
  await replay(client, id, 'counselor');
  await expect(client.getByText(NOTICE.repeated.ja)).toBeVisible();
  await expect(clientLog(client).getByText('それはおつらいですね。')).toHaveCount(1);
  await expectNoAxeViolations(client, 'widget: a message came twice');
  await snap(client, info, 'widget-repeated-ja-360');
  for (const lang of ['ja-easy', 'en'] as const) {
    await setLanguage(client, lang);
    await expect(client.getByText(NOTICE.repeated[lang])).toBeVisible();
    await expectNoAxeViolations(client, `widget: a message came twice (${lang})`);
    await snap(client, info, `widget-repeated-${lang}-360`);
  }
  await setLanguage(client, 'ja');

  // And hers, to the counselor's console.
  await replay(client, id, 'client');
  await expect(sato.getByText(CONSOLE_NOTICE.repeated)).toBeVisible();
  await expect(consoleLog(sato).getByText('眠れない日が続いています。')).toHaveCount(1);
  await expectNoAxeViolations(sato, 'console: a message came twice');
  await snap(sato, info, 'console-repeated');

  // The next message takes the notice down on both sides.
  await say(sato, '少しずつで大丈夫ですよ。');
  await expect(clientLog(client).getByText('少しずつで大丈夫ですよ。')).toBeVisible();
  await expect(client.getByText(NOTICE.repeated.ja)).toHaveCount(0);
  await say(client, 'ありがとうございます。');
  await expect(consoleLog(sato).getByText('ありがとうございます。')).toBeVisible();
  await expect(sato.getByText(CONSOLE_NOTICE.repeated)).toHaveCount(0);
  await endChat(client);
});

test('a message the relay dropped is noticed: in her widget, and in the counselor’s console', async ({ browser }, info) => {
  const [sato, client] = [await desktopPage(browser), await phonePage(browser)];
  await signIn(sato, 'sato', server);
  const id = await connect(client, sato);
  for (const text of ['一つ目です。', '二つ目です。', '三つ目です。']) {
    await say(sato, text);
    await expect(clientLog(client).getByText(text)).toBeVisible();
  }
  for (const text of ['はい。', 'わかりました。', 'お願いします。']) {
    await say(client, text);
    await expect(consoleLog(sato).getByText(text)).toBeVisible();
  }
  await expect(client.getByText(NOTICE.missing.ja)).toHaveCount(0);

  // The relay forgets the counselor's second message; she reloads the tab and gets the history without it.
  dropMessage(server.banner, id, 'counselor', 2);
  await client.reload();
  // After a reload she is asked first (issue 15); going on shows the chat again.
  await client.getByRole('button', { name: '続ける', exact: true }).click();
  await expect(clientLog(client).getByText('三つ目です。')).toBeVisible();
  await expect(clientLog(client).getByText('二つ目です。')).toHaveCount(0);
  await expect(client.getByText(NOTICE.missing.ja)).toBeVisible();
  await expectNoAxeViolations(client, 'widget: a message may be missing');
  await snap(client, info, 'widget-missing-ja-360');
  for (const lang of ['ja-easy', 'en'] as const) {
    await setLanguage(client, lang);
    await expect(client.getByText(NOTICE.missing[lang])).toBeVisible();
    await expectNoAxeViolations(client, `widget: a message may be missing (${lang})`);
    await snap(client, info, `widget-missing-${lang}-360`);
  }

  // And her second one; the counselor signs in again (her keys live in memory only) and reads the history.
  dropMessage(server.banner, id, 'client', 2);
  await signIn(sato, 'sato', server);
  // Chats of the earlier tests come back to her list as ended (not recorded): pick the open one.
  await chatList(sato).getByRole('button').filter({ hasNotText: '終了' }).click();
  await expect(consoleLog(sato).getByText('お願いします。')).toBeVisible();
  await expect(sato.getByText(CONSOLE_NOTICE.missing)).toBeVisible();
  await expectNoAxeViolations(sato, 'console: a message may be missing');
  await snap(sato, info, 'console-missing');
  await setLanguage(client, 'ja');
  await endChat(client);
});
