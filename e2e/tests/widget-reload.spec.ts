import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import type { RunningServer } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, say, signIn, snap, takeHer, test } from './fixtures.js';

/**
 * Issue 15, her phone in his hands: a reload, not a restore. The tab is closed mid-chat and
 * reopened the way a browser's "reopen closed tab" / session restore does it (a new page in the
 * same context with the tab's sessionStorage copied over): after the reload window the widget is
 * clean; inside it she is asked 「続けますか？」 before anything shows; after quick exit nothing.
 * No plaintext in sessionStorage at any step of the journey.
 */

/** Every text she or the counselor wrote in the journeys below (none may reach sessionStorage). */
const SECRETS = ['送ったひみつの話', '相談員からのこたえ', '書きかけのひみつ'];
const CONTINUE = '続けますか？';

/** This tab's sessionStorage as the browser would copy it into a restored tab. */
const tabStorage = (page: Page): Promise<Record<string, string>> => page.evaluate(() => ({ ...sessionStorage }));

/** Checks that no text of the journey is in the tab's sessionStorage now; returns what is there. */
async function noPlaintext(page: Page, step: string): Promise<Record<string, string>> {
  const stored = await tabStorage(page);
  const all = JSON.stringify(stored);
  for (const s of SECRETS) expect(all, `sessionStorage after ${step}`).not.toContain(s);
  return stored;
}

/** A new tab in the same context, its sessionStorage filled as a browser's restore does, at the widget's page. */
async function reopen(context: BrowserContext, url: string, stored: Record<string, string>, later?: Date): Promise<Page> {
  const page = await context.newPage();
  if (later) await page.clock.setFixedTime(later);
  // Only into the restored page itself, not into the page quick exit goes to later in this tab.
  await page.addInitScript(
    ([s, at]) => {
      if (location.href === at && sessionStorage.length === 0) for (const [k, v] of Object.entries(s)) sessionStorage.setItem(k, v);
    },
    [stored, url] as const,
  );
  await page.goto(url);
  return page;
}

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ja-JP' };

/**
 * A counselor signed in, and her tab (in `contextOptions`) from the landing page to a chat with a
 * message each way and a draft left in her text field, checking storage after every step.
 */
async function chatJourney(browser: Browser, server: RunningServer, contextOptions: BrowserContextOptions = PHONE) {
  const counselor = await desktopPage(browser);
  await signIn(counselor, 'sato', server);
  const context = await browser.newContext(contextOptions);
  const client = await context.newPage();
  const url = `${server.url}/c/reload-e2e`;
  await client.goto(url);
  await noPlaintext(client, 'the first screen');
  await client.getByRole('button', { name: '相談をはじめる' }).click();
  await client.getByRole('button', { name: '答えずに進む' }).click();
  await expect(client.getByText(/番目です/)).toBeVisible();
  await noPlaintext(client, 'queueing');
  await takeHer(counselor, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await noPlaintext(client, 'the counselor taking her');
  await say(client, SECRETS[0]!);
  await expect(counselor.getByText(SECRETS[0]!, { exact: true })).toBeVisible();
  await noPlaintext(client, 'her message');
  await say(counselor, SECRETS[1]!);
  await expect(client.getByRole('log', { name: '会話' }).getByText(SECRETS[1]!)).toBeVisible();
  await noPlaintext(client, "the counselor's answer");
  await client.getByRole('textbox', { name: 'メッセージ' }).fill(SECRETS[2]!);
  await client.getByRole('textbox', { name: 'メッセージ' }).blur();
  const stored = await noPlaintext(client, 'a draft');
  expect(Object.keys(stored)).toEqual(['tsunagari-chat']);
  return { counselor, context, client, url, stored };
}

test('reopened inside the window: 「続けますか？」 first, then the chat; quick exit, reopened again: nothing', async ({ browser, server }, info) => {
  const { counselor, context, client, url, stored } = await chatJourney(browser, server);
  await client.close({ runBeforeUnload: true });

  const again = await reopen(context, url, stored);
  await expect(again.getByRole('heading', { name: CONTINUE })).toBeVisible();
  // Nothing of the chat is on the screen before she answers; the quick exit is there beside it.
  for (const s of SECRETS) await expect(again.getByText(s)).toHaveCount(0);
  await expect(again.getByRole('button', { name: 'すぐに閉じる', exact: true })).toBeVisible();
  await noPlaintext(again, 'the question after reopening');
  await expectNoAxeViolations(again, 'continue? (360)');
  await snap(again, info, 'continue-360-ja');
  await again.getByRole('button', { name: '続ける', exact: true }).click();
  const log = again.getByRole('log', { name: '会話' });
  await expect(log.getByText(SECRETS[0]!)).toBeVisible();
  await expect(log.getByText(SECRETS[1]!)).toBeVisible();
  await noPlaintext(again, 'going on');
  await say(again, '続けられました');
  await expect(counselor.getByText('続けられました', { exact: true })).toBeVisible();
  await noPlaintext(again, 'a message after going on');

  await again.getByRole('button', { name: 'すぐに閉じる', exact: true }).click();
  await again.waitForURL(`${server.url}/exit`);
  const afterExit = await tabStorage(again);
  expect(afterExit).toEqual({});
  await again.close();
  const third = await reopen(context, url, afterExit);
  await expect(third.getByRole('button', { name: '相談をはじめる' })).toBeVisible();
  await expect(third.getByRole('heading', { name: CONTINUE })).toHaveCount(0);
  for (const s of SECRETS) await expect(third.getByText(s)).toHaveCount(0);
  await context.close();
});

test('reopened after the window: a clean widget, and the record is gone', async ({ browser, server }) => {
  const { context, client, url, stored } = await chatJourney(browser, server);
  const until = (JSON.parse(stored['tsunagari-chat'] ?? '{}') as { until?: number }).until ?? 0;
  // The default window: five minutes from the last time the tab had it.
  expect(until - Date.now()).toBeGreaterThan(4 * 60_000);
  expect(until - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  await client.close({ runBeforeUnload: true });

  const later = await reopen(context, url, stored, new Date(until + 1000));
  await expect(later.getByRole('button', { name: '相談をはじめる' })).toBeVisible();
  await expect(later.getByRole('heading', { name: CONTINUE })).toHaveCount(0);
  for (const s of SECRETS) await expect(later.getByText(s)).toHaveCount(0);
  expect(await tabStorage(later)).toEqual({});
  await context.close();
});

test('the 「続けますか？」 screen in every language and on a desktop: axe clean; 終わりにする ends it cleanly', async ({ browser, server }, info) => {
  const { counselor, context, client } = await chatJourney(browser, server, { viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  await client.reload();
  await expect(client.getByRole('heading', { name: CONTINUE })).toBeVisible();
  await expectNoAxeViolations(client, 'continue? (desktop)');
  await snap(client, info, 'continue-desktop-ja');
  for (const [lang, heading] of [
    ['ja-easy', 'つづけますか？'],
    ['en', 'Do you want to go on?'],
  ] as const) {
    await client.locator('tsunagari-chat select').selectOption(lang);
    await expect(client.getByRole('heading', { name: heading })).toBeVisible();
    await expectNoAxeViolations(client, `continue? (${lang})`);
    await snap(client, info, `continue-desktop-${lang}`);
  }
  await client.locator('tsunagari-chat select').selectOption('ja');
  await client.getByRole('button', { name: '終わりにする' }).click();
  await expect(client.getByRole('heading', { name: '相談を終了しました' })).toBeVisible();
  for (const s of SECRETS) await expect(client.getByText(s)).toHaveCount(0);
  expect(await tabStorage(client)).toEqual({});
  await expect(counselor.getByText('相談者が退出しました', { exact: true }).last()).toBeVisible();
  await context.close();
});
