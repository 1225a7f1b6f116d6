import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { SEEDED_CLOCKS } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * Counts the page's asks for notification permission: a browser's answer alone cannot tell "never
 * asked" from "asked and refused" where its first answer is already "denied" (Chromium's headless
 * shell), so each ask is counted as it is made.
 */
const COUNT_NOTIFICATION_ASKS = `(() => {
  window.__notificationAsks = 0;
  if (typeof Notification === 'undefined') return;
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (...args) => { window.__notificationAsks += 1; return ask(...args); };
})();`;

/** A fresh phone-sized context, as from a QR code. */
async function phone(browser: Browser, lang = 'ja'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: lang === 'en' ? 'en-GB' : 'ja-JP' });
  await context.addInitScript(COUNT_NOTIFICATION_ASKS);
  return context.newPage();
}

/** What the browser keeps for this origin: must be nothing. */
async function traces(page: Page) {
  return {
    cookies: (await page.context().cookies()).length,
    ...(await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      sw: (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
      caches: (await caches.keys()).length,
      notification: typeof Notification === 'undefined' ? 'none' : Notification.permission,
      notificationAsks: (window as unknown as { __notificationAsks: number }).__notificationAsks,
    }))),
  };
}

/**
 * Nothing kept, nothing asked; the notification permission as this browser gives a page of the
 * same origin that never asked (per origin: a blank page is no secure context).
 */
async function noTraces(page: Page) {
  const context = await (page.context().browser() as Browser).newContext();
  try {
    const untouched = await context.newPage();
    await untouched.goto(`${new URL(page.url()).origin}/never-asks`);
    const notification = await untouched.evaluate(() => (typeof Notification === 'undefined' ? 'none' : Notification.permission));
    return { cookies: 0, local: 0, session: 0, idb: 0, sw: 0, caches: 0, notification, notificationAsks: 0 };
  } finally {
    await context.close();
  }
}

// A server of its own: she must be first in an empty queue.
test('QR landing at 360×640: safety notice, intake, queue, chat, end — and nothing left behind', async ({ browser, ownServer: server }, info) => {
  const counselor = await desktopPage(browser);
  await signIn(counselor, 'sato', server);
  const client = await phone(browser);
  await client.goto(`${server.url}/c/flyer-e2e`);
  const title = await client.title();

  // First screen: the safety notice and the exit button, with nothing loaded from the socket yet.
  await expect(client.getByRole('heading', { name: 'はじめに、安全のために' })).toBeVisible();
  await expect(client.getByRole('button', { name: /すぐに閉じる/ })).toBeVisible();
  await expect(client.getByRole('link', { name: '110（警察）' })).toBeVisible();
  await expect(client.getByText(/#8008/)).toBeVisible();
  await expectNoAxeViolations(client, 'landing first screen (ja)');
  await snap(client, info, 'landing-first-360-ja');

  await client.getByRole('button', { name: '相談をはじめる' }).click();
  await expect(client.getByRole('heading', { name: 'よければ、教えてください' })).toBeVisible();
  // Both ways on are equally prominent.
  await expect(client.getByRole('button', { name: '答えて進む' })).toBeVisible();
  await expect(client.getByRole('button', { name: '答えずに進む' })).toBeVisible();
  await client.getByRole('group', { name: '今、危険な状態ですか？' }).getByText('はい').click();
  await expect(client.getByRole('alert')).toContainText('110');
  await client.getByText('ひとりでつらい').click();
  await client.getByText('30代').click();
  await expectNoAxeViolations(client, 'intake with danger guidance');
  await snap(client, info, 'landing-intake-360-ja');
  await client.getByRole('button', { name: '答えて進む' }).click();
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();
  await expectNoAxeViolations(client, 'waiting');
  await snap(client, info, 'landing-waiting-360-ja');

  // The counselor takes her; the intake went encrypted as the first message.
  await takeHer(counselor, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await client.getByRole('textbox', { name: 'メッセージ' }).fill('こんにちは。');
  await client.getByRole('button', { name: '送信', exact: true }).click();
  await expect(counselor.getByText('こんにちは。', { exact: true })).toBeVisible();
  await expectNoAxeViolations(client, 'chat');
  await snap(client, info, 'landing-chat-360-ja');

  await client.getByRole('button', { name: '相談を終了する' }).click();
  await client.getByRole('button', { name: '終了する', exact: true }).click();
  await expect(client.getByRole('heading', { name: '相談を終了しました' })).toBeVisible();
  await expectNoAxeViolations(client, 'ended');

  expect(await client.title()).toBe(title);
  expect(await traces(client)).toEqual(await noTraces(client));
});

test('quick exit: Shift × 3 leaves at once, the counselor is told, Back shows an empty widget', async ({ browser, server }, info) => {
  const counselor = await desktopPage(browser);
  await signIn(counselor, 'sato', server);
  const client = await phone(browser);
  // An earlier visit to the landing page (another URL: the same one would replace the entry), then the one where she chats.
  await client.goto(`${server.url}/c/flyer-e2e?lang=ja`);
  await expect(client.getByRole('heading', { name: 'はじめに、安全のために' })).toBeVisible();
  await client.goto(`${server.url}/c/flyer-e2e`);
  const title = await client.title();
  await client.getByRole('button', { name: '相談をはじめる' }).click();
  await client.getByRole('button', { name: '答えずに進む' }).click();
  await expect(client.getByText(/番目です/)).toBeVisible();
  await takeHer(counselor, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await client.getByRole('textbox', { name: 'メッセージ' }).fill('見られそうです');
  await client.getByRole('button', { name: '送信', exact: true }).click();
  await expect(counselor.getByText('見られそうです', { exact: true })).toBeVisible();
  expect(await client.evaluate(() => sessionStorage.length)).toBe(1);

  // Two presses are announced; Shift used with another key does not count.
  await client.locator('body').click({ position: { x: 5, y: 300 } }).catch(() => undefined);
  await client.keyboard.press('Shift');
  await expect(client.getByRole('status').filter({ hasText: 'Shift キー 1 回目' })).toBeAttached();
  await client.keyboard.press('Shift+A');
  await client.keyboard.press('Shift');
  await expect(client.getByRole('status').filter({ hasText: 'Shift キー 1 回目' })).toBeAttached();
  await client.keyboard.press('Shift');
  await expect(client.getByRole('status').filter({ hasText: 'Shift キー 2 回目' })).toBeAttached();
  const t0 = Date.now();
  await client.keyboard.press('Shift');
  await client.waitForURL(`${server.url}/exit`);
  // How long leaving took is reported, not asserted: a fresh clone's loaded run took 1,082 ms once
  // where this said < 1,000. That leaving never waits on the relay past its short cap is
  // widget/src/consultation/controller-safety.test.ts's (an ack that never comes).
  info.annotations.push({ type: 'quick exit, Shift to the neutral page (ms)', description: String(Date.now() - t0) });
  await snap(client, info, 'after-quick-exit-360');

  await expect(counselor.getByText('相談者が緊急退出しました', { exact: true })).toBeVisible();
  expect(await traces(client)).toEqual(await noTraces(client));

  // Back: the earlier landing page, with an empty widget (no chat, nothing resumed).
  await client.goBack();
  await expect(client.getByRole('heading', { name: 'はじめに、安全のために' })).toBeVisible();
  await expect(client.getByText('見られそうです')).toHaveCount(0);
  expect(await client.title()).toBe(title);
  expect(await traces(client)).toEqual(await noTraces(client));
});

test('the exit button leaves from the first screen too, with location.replace', async ({ browser, server }) => {
  const client = await phone(browser);
  await client.goto(`${server.url}/c/flyer-e2e`);
  const before = await client.evaluate(() => history.length);
  await client.getByRole('button', { name: /すぐに閉じる/ }).click();
  await client.waitForURL(`${server.url}/exit`);
  expect(await client.evaluate(() => history.length)).toBe(before);
});

test.describe('outside hours (Saturday)', () => {
  test.use({ serverEnv: { TSUNAGARI_HOURS: 'program', TSUNAGARI_TEST_NOW: SEEDED_CLOCKS.saturdayNoon } });
  for (const lang of ['ja', 'ja-easy', 'en'] as const) {
    test(`next opening and the alternatives, no queue (${lang})`, async ({ browser, ownServer: server }, info) => {
      const client = await phone(browser, lang);
      await client.goto(`${server.url}/c/flyer-e2e?lang=${lang}`);
      const heading = { ja: 'いまは受付時間外です', 'ja-easy': 'いまは チャットが お休み です', en: 'The chat is closed right now' }[lang];
      await expect(client.getByRole('heading', { name: heading })).toBeVisible();
      const next = { ja: '次は 11月30日（月）10:00 から', 'ja-easy': 'つぎは 11がつ30にち', en: 'Next open: Monday 30 November, from 10:00' }[lang];
      await expect(client.getByText(next)).toBeVisible();
      await expect(client.getByRole('link', { name: /0836-37-5611/ })).toBeVisible();
      await expect(client.getByRole('button', { name: /相談をはじめる|そうだんを はじめる|Start a chat/ })).toHaveCount(0);
      await expectNoAxeViolations(client, `closed view (${lang})`);
      await snap(client, info, `closed-360-${lang}`);
      await client.context().close();
    });
  }
});

test.describe('past the start limit', () => {
  // One start an hour per caller; every page here comes from 127.0.0.1, so the second woman is over it.
  test.use({ serverEnv: { TSUNAGARI_START_LIMIT: '1' } });
  test('told kindly to try a little later, with the phone and mail; she is not queued', async ({ browser, ownServer: server }, info) => {
    const join = (page: Page) => startFromLanding(page, `${server.url}/c/flyer-e2e`);
    const first = await phone(browser);
    await join(first);
    await expect(first.getByText('いま 1 番目です。')).toBeVisible();

    const second = await phone(browser);
    await join(second);
    await expect(second.getByRole('alert')).toHaveText('いま混み合っています。少し時間をおいて、もう一度お試しください。');
    // On a phone the form is taller than the screen: what went wrong is scrolled into view.
    await expect(second.getByRole('alert')).toBeInViewport();
    await expect(second.getByRole('link', { name: /0836-37-5611/ })).toBeVisible();
    await expect(second.getByRole('button', { name: '答えずに進む' })).toBeVisible(); // she can try again from here
    await expect(second.getByText(/番目です/)).toHaveCount(0);
    await expect(second.getByRole('button', { name: /すぐに閉じる/ })).toBeVisible();
    await expectNoAxeViolations(second, 'start refused by the start limit');
    await snap(second, info, 'start-limited-360-ja');
    expect(await traces(second)).toEqual(await noTraces(second));
    // The first woman is still first: the refused start queued nobody in front of or behind her.
    await expect(first.getByText('いま 1 番目です。')).toBeVisible();
  });
});

test('quick exit from the NPO’s own page tells the neutral page nothing of where she was', async ({ browser, server }) => {
  // The NPO's page on an origin of its own, with the browser's default referrer policy (not ours
  // to set). A real local server: a browser lets no page from outside this machine load from it.
  const demo = await (await fetch(`${server.url}/demo/`)).text();
  const orgKey = /org-key="([^"]+)"/.exec(demo)?.[1] ?? '';
  const npo = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>NPO</title></head><body>
<p>相談窓口のご案内</p>
<script type="module" src="${server.url}/widget/tsunagari-chat.js"></script>
<tsunagari-chat server="${server.url}" org-key="${orgKey}" exit-url="${server.url}/exit"></tsunagari-chat></body></html>`);
  });
  await new Promise<void>((resolve) => npo.listen(0, '127.0.0.1', resolve));
  const npoUrl = `http://127.0.0.1:${(npo.address() as AddressInfo).port}/support`;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    let referer: string | undefined | null = null;
    page.on('request', (r) => {
      if (r.url() === `${server.url}/exit`) void r.allHeaders().then((h) => (referer = h.referer));
    });
    await page.goto(npoUrl);
    await page.getByRole('button', { name: 'チャットで相談する' }).click();
    await page.getByRole('button', { name: /すぐに閉じる/ }).click();
    await page.waitForURL(`${server.url}/exit`);
    await expect.poll(() => referer).toBeUndefined();
    expect(await page.evaluate(() => document.referrer)).toBe('');
  } finally {
    await context.close();
    npo.close();
  }
});
