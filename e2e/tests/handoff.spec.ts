import { chatItems, desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * Hand-off (ほかの相談方法へつなぐ): the counselor books a phone consultation from the chat, she gets
 * the reservation code in an ordinary chat message, and the phone desk finds it by that code in
 * 予約 and marks it done. Its own server, so the appointments list holds this booking only.
 */

const DAY = 86_400_000;
/** Tomorrow's date in Tokyo (the server's and the program's zone), whatever this machine's zone. */
function tokyoTomorrow(): { value: string; label: string } {
  const value = new Date(Date.now() + 9 * 3_600_000 + DAY).toISOString().slice(0, 10);
  const d = new Date(`${value}T00:00:00Z`);
  const weekday = '日月火水木金土'[d.getUTCDay()];
  return { value, label: `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${weekday}）14:00` };
}

test('a counselor books a phone consultation; she sees the code; the phone desk finds it and marks it done', async ({ browser, ownServer: server }, info) => {
  const tomorrow = tokyoTomorrow();
  const client = await phonePage(browser);
  await startFromLanding(client, `${server.url}/c/handoff-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();

  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await takeHer(sato, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await expect(chatItems(sato)).toHaveCount(1);
  await expect(sato.getByText(/メッセージを送れます|まだメッセージはありません/).first()).toBeVisible();

  // The booking form, opened from the chat: 電話相談 tomorrow at 14:00, Tokyo time.
  const open = sato.getByRole('button', { name: 'ほかの相談方法へつなぐ' });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const form = sato.getByRole('form', { name: 'ほかの相談方法へつなぐ' });
  await expect(form.getByRole('radio', { name: '電話相談' })).toBeFocused();
  await expect(form.getByRole('radio', { name: '電話相談' })).toBeChecked();
  await form.getByRole('radio', { name: '面接相談' }).check();
  await form.getByRole('radio', { name: '電話相談' }).check();
  await expect(form.getByLabel('日付（日本時間）')).toHaveValue(tomorrow.value);
  // Without a time the form says what is missing, and books nothing.
  await form.getByRole('button', { name: '予約する' }).click();
  await expect(form.getByRole('alert')).toHaveText('日付と時刻を入力してください。');
  await form.getByLabel('時刻（日本時間）').fill('14:00');
  await expectNoAxeViolations(sato, 'hand-off booking form');
  await snap(sato, info, 'console-handoff-form');

  await form.getByRole('button', { name: '予約する' }).click();
  const result = form.getByRole('status');
  await expect(result).toContainText('予約しました。相談者に予約番号をメッセージで送りました。');
  await expect(result).toContainText(`電話相談：${tomorrow.label}`);
  const code = (await result.locator('.code').textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  // The counselor sees the same message in her log as she does.
  await expect(sato.getByText(`予約番号：${code}`)).toBeVisible();
  // Booked, the inputs fold away so the chat log has its room again.
  await expect(form.getByRole('button', { name: '予約する', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(sato, 'hand-off booked');
  await snap(sato, info, 'console-handoff-booked');

  // She sees an ordinary counselor message: the kind, the time in Tokyo, the code, the line and the caution.
  const message = client.getByText(`予約番号：${code}`);
  await expect(message).toBeVisible();
  await expect(message).toContainText(`電話相談：${tomorrow.label}`);
  await expect(message).toContainText('この番号を紙などに書きとめてください。この画面には残りません。');
  await expect(message).toContainText('つながりサポートの電話（0836-37-5611）');
  await expect(message).toContainText('通話の履歴や請求書に番号が残ることがあります');
  const seen = /予約番号：([2-9A-HJKMNP-Z]{6})/.exec((await message.textContent()) ?? '')?.[1];
  expect(seen).toBe(code);
  // Nothing about the booking is kept on her device.
  const stored = await client.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(code);
  // The top of the message (kind, time, code) is what she must see first.
  await message.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expectNoAxeViolations(client, 'her widget with the booking message');
  await snap(client, info, 'widget-handoff-message-360');

  // The phone desk: she calls and quotes her code; the supervisor finds it in 予約.
  const supervisor = await desktopPage(browser);
  await signIn(supervisor, 'supervisor', server);
  const toAppointments = supervisor.getByRole('button', { name: '予約', exact: true });
  await toAppointments.click();
  await expect(toAppointments).toHaveAttribute('aria-pressed', 'true');
  const view = supervisor.getByRole('region', { name: '予約', exact: true });
  const table = view.getByRole('table', { name: /予約の一覧/ });
  const row = table.getByRole('row').filter({ hasText: code.slice(0, 3) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(tomorrow.label);
  await expect(row).toContainText('電話相談');
  await expect(row).toContainText('予約中');

  await view.getByRole('textbox', { name: '予約番号で探す' }).fill(code.toLowerCase());
  await view.getByRole('button', { name: '探す' }).click();
  const found = view.getByRole('group', { name: '見つかった予約' });
  await expect(found).toContainText(tomorrow.label);
  await expect(found).toContainText('佐藤');
  await expectNoAxeViolations(supervisor, 'appointments view with a found appointment');
  await snap(supervisor, info, 'console-appointments-found');
  await found.getByRole('button', { name: '済み', exact: true }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('済み');
  await expect(found).toContainText('済み');
  await expect(found.getByRole('button', { name: '予約中に戻す' })).toBeVisible();

  // An unknown code says so plainly.
  await view.getByRole('textbox', { name: '予約番号で探す' }).fill('ZZZZZZ');
  await view.getByRole('button', { name: '探す' }).click();
  await expect(view.getByText('この番号の予約は見つかりませんでした。番号をもう一度お確かめください。')).toBeVisible();

  // Sato's 予約 view followed live (appointment:changed).
  await sato.getByRole('button', { name: '予約', exact: true }).click();
  const satoRow = sato.getByRole('table', { name: /予約の一覧/ }).getByRole('row').filter({ hasText: code.slice(0, 3) });
  await expect(satoRow.getByRole('cell').nth(3)).toHaveText('済み');
  await expectNoAxeViolations(sato, 'appointments view (counselor)');
  await snap(sato, info, 'console-appointments-counselor');
  // Back to her chats: the chat is where she left it.
  await sato.getByRole('button', { name: '相談', exact: true }).click();
  await expect(sato.getByText(`予約番号：${code}`)).toBeVisible();
});
