import { expect, test } from '@playwright/test';
import { BASE_URL, desktopPage, expectNoAxeViolations, phonePage, signIn, snap } from './fixtures.js';

test('she and a counselor talk, end to end encrypted, both ways', async ({ browser }, info) => {
  const counselor = await desktopPage(browser);
  const client = await phonePage(browser);

  await counselor.goto(`${BASE_URL}/console/`);
  await expectNoAxeViolations(counselor, 'console login');
  await snap(counselor, info, 'console-login');
  await signIn(counselor, 'sato');

  // She opens the NPO's page, then the chat, and joins the queue.
  await client.goto(`${BASE_URL}/demo/`);
  const titleBefore = await client.title();
  await expectNoAxeViolations(client, 'host page with the closed widget');
  await client.getByRole('button', { name: 'チャットで相談する' }).click();
  await expect(client.getByRole('button', { name: '相談をはじめる' })).toBeVisible();
  await expectNoAxeViolations(client, 'widget first screen');
  await snap(client, info, 'widget-first-screen-360');
  await client.getByRole('button', { name: '相談をはじめる' }).click();
  // The intake is optional: skipping it is as easy as answering.
  await client.getByRole('button', { name: '答えずに進む' }).click();
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();
  await expectNoAxeViolations(client, 'widget waiting');
  await snap(client, info, 'widget-waiting-360');

  // The counselor sees her in the queue and takes her.
  const queue = counselor.getByRole('region', { name: /待機中の相談/ });
  await expect(queue.getByRole('button', { name: '対応する' })).toHaveCount(1);
  await snap(counselor, info, 'console-queue');
  await queue.getByRole('button', { name: '対応する' }).click();

  // Her widget checks the organisation's signature and seals the key; both sides unlock.
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  const counselorBox = counselor.getByRole('textbox', { name: 'メッセージ' });
  await expect(counselorBox).toBeEnabled();

  await counselorBox.fill('こんにちは。相談員の佐藤です。ゆっくりで大丈夫ですよ。');
  await counselor.getByRole('button', { name: '送信', exact: true }).click();
  const clientLog = client.getByRole('log', { name: '会話' });
  await expect(clientLog.getByText('相談員の佐藤です')).toBeVisible();

  await client.getByRole('textbox', { name: 'メッセージ' }).fill('夫が怖くて、家に帰りたくありません。');
  await client.getByRole('button', { name: '送信', exact: true }).click();
  const counselorList = counselor.getByRole('list', { name: 'メッセージ' });
  await expect(counselorList.getByText('夫が怖くて、家に帰りたくありません。')).toBeVisible();

  await counselorBox.fill('話してくださってありがとうございます。いまは安全な場所にいますか？');
  await counselor.getByRole('button', { name: '送信', exact: true }).click();
  await expect(clientLog.getByText('いまは安全な場所にいますか？')).toBeVisible();

  await expectNoAxeViolations(client, 'widget chat');
  await expectNoAxeViolations(counselor, 'console chat');
  await snap(client, info, 'widget-chat-360');
  await snap(counselor, info, 'console-chat');

  // The same chat on a desktop-sized window.
  await client.setViewportSize({ width: 1280, height: 800 });
  await snap(client, info, 'widget-chat-desktop');

  // She ends it; the counselor is told.
  await client.getByRole('button', { name: '相談を終了する' }).click();
  await client.getByRole('button', { name: '終了する', exact: true }).click();
  await expect(client.getByRole('heading', { name: '相談を終了しました' })).toBeVisible();
  await expect(counselor.getByText('相談者が退出しました', { exact: true })).toBeVisible();
  await expectNoAxeViolations(client, 'widget ended');
  await snap(client, info, 'widget-ended-desktop');

  // Nothing persistent on her device, and the host page's title was never touched.
  expect(await client.title()).toBe(titleBefore);
  expect(await client.context().cookies()).toEqual([]);
  const storage = await client.evaluate(async () => ({
    local: localStorage.length,
    idb: (await indexedDB.databases()).length,
    sw: (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
  }));
  expect(storage).toEqual({ local: 0, idb: 0, sw: 0 });
});
