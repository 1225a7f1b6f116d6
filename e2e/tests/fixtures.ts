import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, type TestInfo, expect } from '@playwright/test';
import { parseDemoLogins } from '../server.js';

/** The server global-setup started, and the demo logins it printed. */
export const BASE_URL = process.env.BASE_URL ?? '';
export const demoLogins = (): { role: string; username: string; password: string }[] => JSON.parse(process.env.DEMO_LOGINS ?? '[]');

export function demoLogin(username: string): { username: string; password: string } {
  const found = demoLogins().find((l) => l.username === username);
  if (!found) throw new Error(`demo login ${username} was not printed by the server`);
  return found;
}

/** A phone-sized page for her, as from a QR code. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
  return context.newPage();
}

export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  return context.newPage();
}

/** Runs axe (WCAG 2.x A/AA rules) on the page, shadow roots included, and expects no violations. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** Saves a full-page screenshot as a test artifact (and attaches it to the report). */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * Signs a staff member in to the console (the shared server's, or `server`'s own with the demo
 * logins its banner printed); the password unlocks her keys in the browser.
 */
export async function signIn(page: Page, username: string, server?: { url: string; banner: string }): Promise<void> {
  const login = server ? parseDemoLogins(server.banner).find((l) => l.username === username) : demoLogin(username);
  if (!login) throw new Error(`demo login ${username} was not printed by the server`);
  const { password } = login;
  await page.goto(`${server?.url ?? BASE_URL}/console/`);
  await page.getByRole('textbox', { name: 'ユーザー名' }).fill(username);
  await page.getByRole('textbox', { name: 'パスワード' }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible();
}

/** Types a message and sends it (widget or console: both label them the same). */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'メッセージ' }).fill(text);
  await page.getByRole('button', { name: '送信', exact: true }).click();
}

/** She ends the consultation from her widget and sees that it ended. */
export async function endChat(client: Page): Promise<void> {
  await client.getByRole('button', { name: '相談を終了する' }).click();
  await client.getByRole('button', { name: '終了する', exact: true }).click();
  await expect(client.getByRole('heading', { name: '相談を終了しました' })).toBeVisible();
}

/** The console's list of the counselor's open chats. */
export const chatList = (page: Page) => page.getByRole('region', { name: '対応中の相談' });
/**
 * Her chats still going on. Chats that ended before she recorded them come back to her list for a
 * day (marked 終了), so on the shared e2e server a counselor's list also holds earlier tests' ends.
 */
export const openChats = (page: Page) => chatList(page).getByRole('button').filter({ hasNotText: '終了' });

/** She opens a QR landing page, starts and skips the intake; what follows (queued, refused) is the caller's to check. */
export async function startFromLanding(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '相談をはじめる' }).click();
  await page.getByRole('button', { name: '答えずに進む' }).click();
}
