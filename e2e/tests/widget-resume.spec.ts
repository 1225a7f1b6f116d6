import type { Browser, Page } from '@playwright/test';
import type { RunningServer } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, say, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

async function phone(browser: Browser, opts: { permissions?: string[] } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP', ...opts });
  return context.newPage();
}

/** Starts a consultation from the landing page (intake skipped) and has the counselor take it. */
async function startChat(server: RunningServer, client: Page, counselor: Page): Promise<void> {
  await startFromLanding(client, `${server.url}/c/resume-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();
  await takeHer(counselor, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
}

test('a reload of the same tab resumes the chat with its history', async ({ browser, server }) => {
  const counselor = await desktopPage(browser);
  await signIn(counselor, 'sato', server);
  const client = await phone(browser);
  await startChat(server, client, counselor);
  await say(client, 'リロード前のメッセージ');
  await expect(counselor.getByText('リロード前のメッセージ', { exact: true })).toBeVisible();

  await client.reload();
  // After a reload she is asked first (issue 15); going on shows the chat again.
  await client.getByRole('button', { name: '続ける', exact: true }).click();
  const log = client.getByRole('log', { name: '会話' });
  await expect(log.getByText('リロード前のメッセージ')).toBeVisible();
  await say(client, 'リロード後のメッセージ');
  await expect(counselor.getByText('リロード後のメッセージ', { exact: true })).toBeVisible();

  await client.getByRole('button', { name: '相談を終了する' }).click();
  await client.getByRole('button', { name: '終了する', exact: true }).click();
  await expect(client.getByRole('heading', { name: '相談を終了しました' })).toBeVisible();
  expect(await client.evaluate(() => sessionStorage.length)).toBe(0);
});

test('resume by code from a fresh browser context, with history', async ({ browser, server }, info) => {
  const counselor = await desktopPage(browser);
  await signIn(counselor, 'sato', server);
  const client = await phone(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await startChat(server, client, counselor);
  await say(client, '今日はここまでにします');
  await expect(counselor.getByText('今日はここまでにします', { exact: true })).toBeVisible();

  await client.getByRole('button', { name: '続きのためのコードを受け取る' }).click();
  const codeText = client.locator('tsunagari-chat').locator('.code');
  await expect(codeText).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}$/);
  const code = (await codeText.textContent()) ?? '';
  await client.getByRole('button', { name: 'コピーする' }).click();
  await expect(client.getByText('コピーしました。')).toBeVisible();
  await expectNoAxeViolations(client, 'resume code shown');
  await snap(client, info, 'resume-code-360-ja');
  await client.context().close();

  // Another device: nothing in common but the code.
  const other = await phone(browser);
  await other.goto(`${server.url}/c/resume-e2e`);
  await other.getByRole('button', { name: '続きから相談する' }).click();
  await expect(other.getByRole('heading', { name: '続きから相談する' })).toBeVisible();
  await other.getByRole('textbox', { name: '再開コード' }).fill('AAAA');
  await other.getByRole('button', { name: '続ける', exact: true }).click();
  await expect(other.getByRole('alert')).toContainText('コードの形が合わない');
  await expectNoAxeViolations(other, 'resume entry with an error');
  await other.getByRole('textbox', { name: '再開コード' }).fill(code.toLowerCase().replace(/-/g, ' '));
  await other.getByRole('button', { name: '続ける', exact: true }).click();
  const log = other.getByRole('log', { name: '会話' });
  await expect(log.getByText('今日はここまでにします')).toBeVisible();
  await counselor.getByRole('textbox', { name: 'メッセージ' }).fill('おかえりなさい。');
  await counselor.getByRole('button', { name: '送信', exact: true }).click();
  await expect(log.getByText('おかえりなさい。')).toBeVisible();
  await say(other, '続きです');
  await expect(counselor.getByText('続きです', { exact: true })).toBeVisible();
  await snap(other, info, 'resumed-chat-360-ja');
});

test('keyboard only: landing to queue and language switch, focus follows each screen', async ({ browser, server }, info) => {
  const client = await phone(browser);
  await client.goto(`${server.url}/c/kbd-e2e`);
  await expect(client.getByRole('heading', { name: 'はじめに、安全のために' })).toBeVisible();
  // Tab reaches the exit button first, then the language switcher.
  await client.keyboard.press('Tab');
  await expect(client.getByRole('button', { name: /すぐに閉じる/ })).toBeFocused();
  await client.keyboard.press('Tab');
  await expect(client.getByRole('combobox', { name: '言語' })).toBeFocused();
  await client.keyboard.press('Shift+Tab');
  await client.keyboard.press('Tab');
  // Tab to the start button.
  for (let i = 0; i < 12; i++) {
    if (await client.getByRole('button', { name: '相談をはじめる' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)) break;
    await client.keyboard.press('Tab');
  }
  await expect(client.getByRole('button', { name: '相談をはじめる' })).toBeFocused();
  await client.keyboard.press('Enter');
  await expect(client.getByRole('heading', { name: 'よければ、教えてください' })).toBeFocused();
  await client.keyboard.press('Tab');
  await client.keyboard.press('Space');
  await expect(client.getByRole('radio', { name: 'はい' })).toBeChecked();
  await expect(client.getByRole('alert')).toContainText('110');
  for (let i = 0; i < 40; i++) {
    if (await client.getByRole('button', { name: '答えずに進む' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)) break;
    await client.keyboard.press('Tab');
  }
  await client.keyboard.press('Enter');
  await expect(client.getByRole('heading', { name: '順番にご案内しています' })).toBeFocused();
  await snap(client, info, 'keyboard-waiting-360');
  // Leave by keyboard too.
  await client.keyboard.press('Shift');
  await client.keyboard.press('Shift');
  await client.keyboard.press('Shift');
  await client.waitForURL(`${server.url}/exit`);
});

for (const lang of ['ja', 'ja-easy', 'en'] as const) {
  test(`every first-side state in ${lang}: axe clean, phone and desktop screenshots`, async ({ browser, server }, info) => {
    for (const size of [{ width: 360, height: 640, name: '360' }, { width: 1280, height: 800, name: 'desktop' }]) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(`${server.url}/c/lang-e2e?lang=${lang}`);
      const html = page.locator('tsunagari-chat');
      await expect(html.locator('section.panel')).toHaveAttribute('lang', lang === 'en' ? 'en' : 'ja');
      const start = { ja: '相談をはじめる', 'ja-easy': 'そうだんを はじめる', en: 'Start a chat' }[lang];
      await expect(page.getByRole('button', { name: start })).toBeVisible();
      await expectNoAxeViolations(page, `first screen ${lang} ${size.name}`);
      await snap(page, info, `first-${size.name}-${lang}`);
      await page.getByRole('button', { name: start }).click();
      const skip = { ja: '答えずに進む', 'ja-easy': 'こたえないで すすむ', en: 'Continue without answering' }[lang];
      await expect(page.getByRole('button', { name: skip })).toBeVisible();
      await page.getByRole('radio').first().check();
      await expectNoAxeViolations(page, `intake ${lang} ${size.name}`);
      await snap(page, info, `intake-${size.name}-${lang}`);
      await page.getByRole('button', { name: { ja: '戻る', 'ja-easy': 'もどる', en: 'Back' }[lang] }).count();
      await context.close();
    }
    // The embedded widget on a host page: launcher, and the switcher changes the language in place.
    const host = await desktopPage(browser);
    await host.goto(`${server.url}/demo/`);
    const title = await host.title();
    await host.getByRole('button', { name: 'チャットで相談する' }).click();
    await host.getByRole('combobox', { name: '言語' }).selectOption(lang);
    const start = { ja: '相談をはじめる', 'ja-easy': 'そうだんを はじめる', en: 'Start a chat' }[lang];
    await expect(host.getByRole('button', { name: start })).toBeVisible();
    await expectNoAxeViolations(host, `embedded first screen ${lang}`);
    await snap(host, info, `embedded-desktop-${lang}`);
    expect(await host.title()).toBe(title);
  });
}
