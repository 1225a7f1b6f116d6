import type { Page } from '@playwright/test';
import type { RunningServer } from '../server.js';
import { chatItems, chatList, desktopPage, endChat as end, expect, expectNoAxeViolations, phonePage, say, signIn, snap, startFromLanding, test } from './fixtures.js';

/**
 * The widget's side of the queue work: typing shown both ways, and a counselor handing her back
 * to the queue (she waits again with a kind line, then the next counselor picks up the same
 * conversation). Counselors take clients by hand from the queue; each test has a server of its own.
 */

/** She opens the QR landing page, skips the intake, and waits. */
async function join(client: Page, server: RunningServer): Promise<void> {
  await startFromLanding(client, `${server.url}/c/queue-widget-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();
}

async function take(counselor: Page): Promise<void> {
  await counselor.getByRole('region', { name: /待機中の相談/ }).getByRole('button', { name: '対応する' }).first().click();
}

test('typing shows both ways: hers in the console, the counselor’s as a quiet line in her widget', async ({ browser, ownServer: server }, info) => {
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  const client = await phonePage(browser);
  await join(client, server);
  await take(sato);
  await expect(client.getByText('相談員につながりました')).toBeVisible();

  // She starts writing: the console says so in the chat panel and in the chat list.
  await client.getByRole('textbox', { name: 'メッセージ' }).pressSequentially('あの、', { delay: 50 });
  await expect(sato.getByText('相談者が入力しています…')).toBeVisible();
  await expect(chatList(sato).getByText('入力中…')).toBeVisible();
  await snap(sato, info, 'console-client-typing');
  // She pauses: after about 3 s the line goes away by itself.
  await expect(sato.getByText('相談者が入力しています…')).toBeHidden({ timeout: 8_000 });
  await client.getByRole('textbox', { name: 'メッセージ' }).pressSequentially('聞いてもらえますか', { delay: 30 });
  await expect(sato.getByText('相談者が入力しています…')).toBeVisible();
  await client.getByRole('button', { name: '送信', exact: true }).click();
  await expect(sato.getByRole('list', { name: 'メッセージ' }).getByText('あの、聞いてもらえますか')).toBeVisible();
  await expect(sato.getByText('相談者が入力しています…')).toBeHidden();

  // The counselor writes: her widget shows a quiet line, in a polite live region.
  await sato.getByRole('textbox', { name: 'メッセージ' }).pressSequentially('はい、もちろんです', { delay: 30 });
  const typingLine = client.getByRole('status').filter({ hasText: '相談員が入力しています…' });
  await expect(typingLine).toBeVisible();
  await expectNoAxeViolations(client, 'widget chat with the counselor typing');
  await snap(client, info, 'widget-counselor-typing-360');
  await sato.getByRole('button', { name: '送信', exact: true }).click();
  await expect(client.getByRole('log', { name: '会話' }).getByText('はい、もちろんです')).toBeVisible();
  await expect(client.getByText('相談員が入力しています…')).toBeHidden();

  await end(client);
  for (const p of [client, sato]) await p.context().close();
});

test('handed back to the queue: she waits again with a kind line, then a second counselor picks up the same conversation', async ({ browser, ownServer: server }, info) => {
  const sato = await desktopPage(browser);
  const tanaka = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await signIn(tanaka, 'tanaka', server);
  const client = await phonePage(browser);
  await join(client, server);
  await take(sato);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await say(client, '仕事のことで悩んでいます');
  const satoLog = sato.getByRole('list', { name: 'メッセージ' });
  await expect(satoLog.getByText('仕事のことで悩んでいます')).toBeVisible();
  await say(sato, '教えてくださってありがとうございます');
  const clientLog = client.getByRole('log', { name: '会話' });
  await expect(clientLog.getByText('教えてくださってありがとうございます')).toBeVisible();

  // Sato hands her back to the front of the queue.
  await sato.getByRole('button', { name: '引き継ぐ' }).click();
  await sato.getByRole('combobox', { name: '引き継ぎ先' }).selectOption({ label: '待機列の先頭に戻す' });
  await sato.getByRole('form', { name: '相談を引き継ぐ' }).getByRole('button', { name: '引き継ぐ' }).click();
  await expect(chatItems(sato)).toHaveCount(0);

  // Her widget: the waiting screen again, the kind line, her place in line; focus on the heading.
  const heading = client.getByRole('heading', { name: '順番にご案内しています' });
  await expect(heading).toBeVisible();
  await expect(client.getByText('担当の相談員が交代します。このまま少しお待ちください。', { exact: false })).toBeVisible();
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAccessibleDescription(/担当の相談員が交代します/);
  await expectNoAxeViolations(client, 'widget waiting again after a requeue');
  await snap(client, info, 'widget-requeued-360');

  // Tanaka takes her from the queue; her widget checks Tanaka's signature and seals the key to her.
  await take(tanaka);
  await expect(client.getByText('相談員が交代しました。続けてお話しください。')).toBeVisible();
  await expect(clientLog.getByText('仕事のことで悩んでいます')).toBeVisible();
  await expect(clientLog.getByText('教えてくださってありがとうございます')).toBeVisible();
  await expect(chatItems(tanaka)).toHaveCount(1);
  await chatItems(tanaka).first().click();
  const tanakaLog = tanaka.getByRole('list', { name: 'メッセージ' });
  await expect(tanakaLog.getByText('仕事のことで悩んでいます')).toBeVisible();
  await expect(tanakaLog.getByText('教えてくださってありがとうございます')).toBeVisible();
  await say(tanaka, '田中です。続けてお聞きしますね');
  await expect(clientLog.getByText('田中です。続けてお聞きしますね')).toBeVisible();
  await say(client, 'よろしくお願いします');
  await expect(tanakaLog.getByText('よろしくお願いします')).toBeVisible();
  await expectNoAxeViolations(client, 'widget chat after a requeue and a new counselor');
  await snap(client, info, 'widget-after-requeue-360');

  await end(client);
  for (const p of [client, sato, tanaka]) await p.context().close();
});
