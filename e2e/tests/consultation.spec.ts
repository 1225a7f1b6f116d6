import { desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, test } from './fixtures.js';

// The one test whose staff passwords are derived at full strength (Argon2id, libsodium's
// moderate limits, the floor the relay and the console hold to), as `npm start` makes them: every
// other e2e server uses the minimum, so this is where a sign-in at the real cost is kept working.
test.use({ serverEnv: { STAFF_KDF: 'moderate' } });

test('she and a counselor talk, end to end encrypted, both ways', async ({ browser, ownServer: server }, info) => {
  const counselor = await desktopPage(browser);
  const client = await phonePage(browser);

  await counselor.goto(`${server.url}/console/`);
  await expectNoAxeViolations(counselor, 'console login');
  await snap(counselor, info, 'console-login');
  // The console is handed sato's full-strength parameters, and derives her keys with them.
  const params = await (await counselor.request.post(`${server.url}/api/auth/params`, { data: { username: 'sato' } })).json();
  expect(params.data).toMatchObject({ opslimit: 3, memlimit: 256 * 1024 * 1024 });
  await signIn(counselor, 'sato', server);

  // She opens the NPO's page, then the chat, and joins the queue.
  await client.goto(`${server.url}/demo/`);
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
  // Her chat opens with the focus on its heading; the queue, whose entry (and button) went, leaves it there.
  await expect(counselor.locator('tsg-chat-panel').getByRole('heading', { level: 2 })).toBeFocused();

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
