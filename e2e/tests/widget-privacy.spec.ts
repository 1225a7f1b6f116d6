import type { CDPSession, Page } from '@playwright/test';
import { startServer } from '../server.js';
import { expect, expectNoAxeViolations, snap, test } from './fixtures.js';

/**
 * Issue 15, what she is told and what she sees first: the privacy page states the relay's
 * configured figures (not numbers written into the text), the first screen fits a 360×740 phone,
 * the exit button's name is read once, 「すぐに閉じる」 is not split; and a host page can ask for a
 * closed shadow root.
 */

const FIGURES = { TSUNAGARI_RETENTION_DAYS: '45', TSUNAGARI_RESUME_DAYS: '7' };
const widget = (page: Page) => page.locator('tsunagari-chat');

test('first screen on a 360×740 phone, then the privacy page with the configured figures in three languages', async ({ browser }, info) => {
  const server = await startServer(FIGURES);
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${server.url}/c/privacy-e2e`);
    // 相談をはじめる is on screen as the page opens, without scrolling.
    await expect(page.getByRole('button', { name: '相談をはじめる' })).toBeInViewport({ ratio: 1 });
    expect(await widget(page).locator('tsunagari-safety-notice .screen').evaluate((el) => el.scrollTop)).toBe(0);
    // The exit button's name is its label alone; the Shift hint is its description, read once.
    const exit = page.getByRole('button', { name: 'すぐに閉じる', exact: true });
    await expect(exit).toBeVisible();
    await expect(exit).toHaveAccessibleDescription('Shift キーを 3 回押しても閉じます');
    // The button's name inside the safety tip stays on one line.
    const name = widget(page).locator('tsunagari-safety-notice .nobr');
    await expect(name).toHaveText('すぐに閉じる');
    expect(await name.evaluate((el) => el.getClientRects().length)).toBe(1);
    await expectNoAxeViolations(page, 'first screen (360×740)');
    await snap(page, info, 'first-screen-360x740-ja');

    await page.getByRole('button', { name: 'このチャットについて（個人情報の取扱い）' }).click();
    await expect(page.getByRole('heading', { name: 'このチャットについて（個人情報の取扱い）' })).toBeVisible();
    await expect(page.getByText('相談が終わってから 45 日たつと消去し')).toBeVisible();
    await expect(page.getByText('7 日のあいだ、別の端末からでも')).toBeVisible();
    await expect(page.getByText('続きに必要な暗号の鍵などを 5 分のあいだ残します')).toBeVisible();
    await expectNoAxeViolations(page, 'privacy page (360, ja)');
    await snap(page, info, 'privacy-360-ja');
    for (const [lang, texts] of [
      ['ja-easy', ['45 にち たつと', '7 にちの あいだ', '5 ふんの あいだ']],
      ['en', ['45 days after the chat ends', 'for 7 days', 'for 5 minutes']],
    ] as const) {
      await widget(page).locator('select').selectOption(lang);
      for (const text of texts) await expect(page.getByText(text)).toBeVisible();
      await expectNoAxeViolations(page, `privacy page (360, ${lang})`);
      await snap(page, info, `privacy-360-${lang}`);
    }
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Start a chat' })).toBeVisible();
    await context.close();

    // On a desktop, from the panel's menu.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const deskPage = await desk.newPage();
    await deskPage.goto(`${server.url}/c/privacy-e2e`);
    await deskPage.getByRole('button', { name: 'このチャットについて', exact: true }).click();
    await expect(deskPage.getByText('相談が終わってから 45 日たつと消去し')).toBeVisible();
    await expectNoAxeViolations(deskPage, 'privacy page (desktop)');
    await snap(deskPage, info, 'privacy-desktop-ja');
    await deskPage.getByRole('button', { name: '戻る', exact: true }).click();
    await expect(deskPage.getByRole('button', { name: '相談をはじめる' })).toBeVisible();
    await desk.close();
  } finally {
    await server.stop();
  }
});

/** The accessibility tree as Chromium builds it, which does include closed shadow roots. */
async function axButton(cdp: CDPSession, name: string): Promise<number | null> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }[] };
  return nodes.find((n) => n.role?.value === 'button' && n.name?.value === name)?.backendDOMNodeId ?? null;
}

/** Clicks what the accessibility tree calls button `name` (Playwright's locators do not enter closed shadow roots). */
async function clickAx(page: Page, cdp: CDPSession, name: string): Promise<void> {
  let id: number | null = null;
  await expect.poll(async () => (id = await axButton(cdp, name))).not.toBeNull();
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: id! });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: id! })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

test('shadow="closed": the host page gets no shadowRoot, and the widget works through it', async ({ browser, server }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' })).newPage();
  // The demo NPO page, as a host that asks for a closed root: the attributes are set as the
  // element is parsed, before the widget's script (a module, so deferred) defines it.
  await page.addInitScript((exitUrl) => {
    const observer = new MutationObserver(() => {
      const el = document.querySelector('tsunagari-chat');
      if (!el) return;
      el.setAttribute('shadow', 'closed');
      el.setAttribute('exit-url', exitUrl);
      el.setAttribute('open', '');
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, `${server.url}/exit`);
  await page.goto(`${server.url}/demo/`);
  await page.waitForFunction(() => customElements.get('tsunagari-chat') !== undefined);
  expect(await page.evaluate(() => document.querySelector('tsunagari-chat')?.getAttribute('shadow'))).toBe('closed');
  expect(await page.evaluate(() => document.querySelector('tsunagari-chat')?.shadowRoot ?? null)).toBeNull();
  // Playwright's own locators cannot see into it either: what a host script would see.
  await expect(page.getByRole('button', { name: '相談をはじめる' })).toHaveCount(0);
  const cdp = await page.context().newCDPSession(page);
  await clickAx(page, cdp, '相談をはじめる');
  await clickAx(page, cdp, '答えずに進む');
  await expect
    .poll(async () => {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { name?: { value?: string } }[] };
      return nodes.some((n) => /番目です/.test(n.name?.value ?? ''));
    })
    .toBe(true);
  await clickAx(page, cdp, 'すぐに閉じる');
  await page.waitForURL(`${server.url}/exit`);
});

test('the open shadow root stays the default', async ({ browser, server }) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' })).newPage();
  await page.goto(`${server.url}/demo/`);
  await page.waitForFunction(() => customElements.get('tsunagari-chat') !== undefined);
  expect(await page.evaluate(() => document.querySelector('tsunagari-chat')?.shadowRoot?.mode)).toBe('open');
});
