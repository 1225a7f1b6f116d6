import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type Frame, type Page, type TestInfo, test as base, expect } from '@playwright/test';
import { parseDemoLogins, type RunningServer, startServer } from '../server.js';

export { expect } from '@playwright/test';

interface ServerFixtures {
  /**
   * A server for this test alone, from an empty database: for tests that count what is waiting,
   * open or done, or need settings of their own ({@link ServerFixtures.serverEnv}).
   */
  ownServer: RunningServer;
  /** Extra environment for `ownServer` (`test.use({ serverEnv: … })`). */
  serverEnv: Record<string, string>;
  /**
   * Closes every browser context the test opened ({@link phonePage}, {@link desktopPage}) when it
   * ends (automatic). Playwright closes only the contexts of its own `page`/`context` fixtures:
   * contexts made from the worker's `browser` stayed open for the worker's life, each page still
   * connected (or reconnecting to a stopped server): a counselor an earlier test signed in stayed
   * on the worker's shared server, where routing could offer her a later test's chat.
   */
  contextsClosed: void;
}

interface WorkerFixtures {
  /**
   * The server this worker's tests share (each worker has its own, so tests running side by
   * side never meet in one queue). Tests on it leave nobody waiting; a failed test's worker is
   * replaced, server and all.
   */
  server: RunningServer;
}

/** Playwright's `test` with the servers above. */
export const test = base.extend<ServerFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  serverEnv: [{}, { option: true }],
  ownServer: async ({ serverEnv }, use) => {
    const server = await startServer(serverEnv);
    await use(server);
    await server.stop();
  },
  contextsClosed: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
    },
    { auto: true },
  ],
});

/** A phone-sized page for her, as from a QR code. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
  return context.newPage();
}

export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  return context.newPage();
}

/**
 * Waits for the page's animations of what axe reads (opacity, colours, position; shadow roots
 * included) to end: the widget's panel fades in (160 ms, longer on a busy machine), and axe
 * measuring its colours half-way through reports contrast the reader never sees once it has
 * settled. A pulsing outline (the console's offer card) is not waited for.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const read = /^(opacity|color|background|backgroundColor|visibility|transform|filter)$/;
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    const running = roots
      .flatMap((r) => r.getAnimations())
      .filter((a) => a.effect instanceof KeyframeEffect && a.effect.getComputedTiming().endTime !== Infinity)
      .filter((a) => (a.effect as KeyframeEffect).getKeyframes().some((k) => Object.keys(k).some((p) => read.test(p))));
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/** axe-core's minified build (654 KB; the package's `source` is its 1.5 MB unminified one). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The same, guarded, for AxeBuilder's own injection (a page with a cross-origin frame). */
const AXE_ONCE = `if (typeof window.axe === 'undefined') {\n${AXE_SOURCE}\n}`;

/** Puts axe-core into each frame that has none yet; a frame that has it is not sent the source again. */
async function injectAxe(frames: readonly Frame[]): Promise<void> {
  await Promise.all(
    frames.map(async (frame) => {
      if (!(await frame.evaluate('typeof window.axe !== "undefined"'))) await frame.evaluate(AXE_SOURCE);
    }),
  );
}

/**
 * Runs axe (WCAG 2.x A/AA rules) on the page, shadow roots included, and expects no violations.
 *
 * In the page itself (axe.run: AxeBuilder's legacy mode), with axe-core put in once per document:
 * the default mode runs axe.runPartial, then opens a blank page beside it for axe.finishRun and
 * injects axe-core there and again here on every check — more than half of each check's time
 * (measured on the console: 2.1–2.9 s a check against 0.8–1.0 s), about a third of the browser
 * tests' time. AxeBuilder also sends the source it is given twice a check (once to the page, once
 * to each frame), and the browser parses it each time even where axe is already there; so the
 * source goes once, here, to the frames that lack it, and AxeBuilder is handed an empty one
 * (28 checks of three files, one worker: 27.8–28.6 s → 16.1–17.2 s). The same rules run
 * on the same document and frames; what legacy mode cannot reach is a cross-origin frame, and a
 * page with one (none of ours has) is checked the default way, AxeBuilder injecting as it does.
 * Only violations are asked for in full (resultTypes): they are all this checks.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  await animationsSettled(page);
  const origin = new URL(page.url()).origin;
  const frames = page.frames();
  const crossOriginFrame = frames.some((f) => f !== page.mainFrame() && new URL(f.url()).origin !== origin);
  if (!crossOriginFrame) await injectAxe(frames);
  const builder = new AxeBuilder({ page, axeSource: crossOriginFrame ? AXE_ONCE : ';' })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  const results = await builder.setLegacyMode(!crossOriginFrame).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

const TOKYO_OFFSET_MS = 9 * 3_600_000;
/** The Tokyo date (YYYY-MM-DD) of an instant: the day the server counts by (Japan keeps no summer time). */
export const tokyoDate = (ms: number): string => new Date(ms + TOKYO_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Returns once the next `spanMs` fall within one Tokyo day, waiting (at most `spanMs`, in a test's
 * last minutes before Tokyo midnight) for the next day to begin. For a test that checks what the
 * server counts by today's date — this month's row of the report, this fiscal year, a block "for
 * the rest of the day" — and would fail if midnight passed under it; such a test gives itself
 * `spanMs` more time. `now` is the runner's clock (a test of this helper gives its own).
 */
export async function sameTokyoDayFor(spanMs: number, now: () => number = Date.now): Promise<void> {
  await expect
    .poll(() => tokyoDate(now()) === tokyoDate(now() + spanMs), { message: `the next ${spanMs} ms fall within one Tokyo day`, timeout: spanMs + 20_000 })
    .toBe(true);
}

/** Saves a full-page screenshot as a test artifact (and attaches it to the report). */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * Signs a staff member in to `server`'s console with the demo login its banner printed; the
 * password unlocks her keys in the browser. (`server`: a test server, or a cluster node's banner
 * with nginx's address.)
 */
export async function signIn(page: Page, username: string, server: Pick<RunningServer, 'url' | 'banner'>): Promise<void> {
  const login = parseDemoLogins(server.banner).find((l) => l.username === username);
  if (!login) throw new Error(`demo login ${username} was not printed by the server`);
  const { password } = login;
  await page.goto(`${server.url}/console/`);
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
/** The chats in that list, one button each (on a test's own server, only what the test made). */
export const chatItems = (page: Page) => chatList(page).getByRole('button');

/**
 * Her consultation's id, read from the one sessionStorage entry her widget keeps for a reload of
 * the tab (written once she waits: tests check it holds no plaintext). Waits for it to appear.
 */
export async function consultationIdOf(client: Page): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      id = await client.evaluate(() => {
        const raw = sessionStorage.getItem('tsunagari-chat');
        return raw ? String((JSON.parse(raw) as { consultationId?: unknown }).consultationId ?? '') : '';
      });
      return id;
    }, { message: 'her widget keeps her consultation for a reload once she waits' })
    .not.toBe('');
  return id;
}

/**
 * The counselor presses 「対応する」 on *her* consultation (the queue's card names it
 * 「相談 #xxxxxx」, the id's first six characters), not on whoever else waits: a consultation an
 * earlier test left behind on a shared server (its woman's page closed within the grace period,
 * or requeued when its counselor's page closed) can still be in the queue, and the first button
 * would take that one.
 */
export async function takeHer(counselor: Page, client: Page): Promise<void> {
  const label = `相談 #${(await consultationIdOf(client)).slice(0, 6)}`;
  const queue = counselor.getByRole('region', { name: /待機中の相談/ });
  await queue.getByRole('listitem').filter({ hasText: label }).getByRole('button', { name: '対応する' }).click();
}

/** She opens a QR landing page, starts and skips the intake; what follows (queued, refused) is the caller's to check. */
export async function startFromLanding(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '相談をはじめる' }).click();
  await page.getByRole('button', { name: '答えずに進む' }).click();
}

/**
 * The admin puts campaigns on the list (職員 screen, きっかけの一覧), so starts through `/c/<name>`
 * count under their own names; a name not on the list is counted as 一覧にないきっかけ.
 */
export async function listCampaigns(browser: Browser, server: RunningServer, names: readonly string[]): Promise<Page> {
  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await admin.getByRole('button', { name: '職員', exact: true }).click();
  const list = admin.getByRole('region', { name: /きっかけ（QRコード・チラシ）の一覧/ });
  for (const name of names) {
    await list.getByRole('textbox', { name: 'ページの名前' }).fill(name);
    await list.getByRole('textbox', { name: '報告での表示名' }).fill(`${name} のチラシ`);
    await list.getByRole('button', { name: '追加する' }).click();
    await expect(list.getByRole('status')).toHaveText(`/c/${name} を保存しました。`);
  }
  return admin;
}

/** A counselor logs one phone call (topic 孤独) on 電話などの記録, with the form's defaults for the rest. */
export async function logLonelinessCall(page: Page): Promise<void> {
  await page.getByRole('button', { name: '電話などの記録' }).click();
  const form = page.getByRole('form', { name: '電話・メール・面接の記録' });
  await form.getByLabel('主訴', { exact: true }).selectOption('孤独');
  await form.getByRole('button', { name: '記録する' }).click();
  await expect(form.getByRole('status')).toHaveText(/^記録しました/);
}

/** An admin sets this fiscal year's targets, by the fields' labels. */
export async function setTargets(page: Page, values: Record<string, string>): Promise<void> {
  const targets = page.getByRole('form', { name: /の目標を設定する/ });
  for (const [label, value] of Object.entries(values)) await targets.getByLabel(label).fill(value);
  await targets.getByRole('button', { name: '目標を保存' }).click();
  await expect(targets.getByRole('status')).toHaveText('目標を保存しました。');
}
