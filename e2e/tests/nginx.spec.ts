import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Browser, type BrowserContext, type Page, expect, test } from '@playwright/test';
import { HOSTS } from '../nginx.js';
import { type Production, startProduction } from '../production.js';
import { say, snap, startFromLanding } from './fixtures.js';

/**
 * Production as the README sets it up (e2e/production.ts): the shipped nginx example in a real
 * nginx with TLS in front of a relay started without DEMO, the console bundle on its own host name
 * and the landing page on the NPO's. A counselor enrols and signs in on the console's origin, a
 * woman on the landing page talks with her, neither page breaks its Content-Security-Policy; then
 * what must be refused is.
 */
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'hagi-no-umi-kaze-2026';
let prod: Production;

/** A browser context that accepts the throwaway certificates; every violation and error is collected. */
async function watchedPage(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await prod.browser.newContext({ ...options, ignoreHTTPSErrors: true, locale: 'ja-JP' });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** The violations the page recorded itself (from before any of its scripts ran). */
const violationsIn = async (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);

/** The start, kept so that the end can stop it even when beforeAll timed out waiting for it. */
let starting: Promise<Production> | undefined;

test.beforeAll(async () => {
  // A relay from an empty database, the CLI's key and config steps, nginx: 29 s in one CI run.
  starting = startProduction();
  prod = await starting;
});

test.afterAll(async () => {
  // A beforeAll that timed out leaves `prod` unset while the start goes on (Playwright cannot
  // cancel it): wait for it here and stop what it started, or its relay and nginx outlive the run.
  const started = prod ?? (await starting?.catch(() => undefined));
  await started?.stop();
  console.log(`nginx e2e: ${started?.timings.join('; ')}`);
});

test('through nginx: she enrols and signs in on the console origin, a woman on the landing page talks with her, no policy broken', async ({}, info) => {
  const started = Date.now();
  const staff = await watchedPage({ viewport: { width: 1280, height: 800 } });
  const counselor = staff.page;
  const assetEncodings = new Set<string>();
  counselor.on('response', (r) => {
    if (r.url().startsWith(`${prod.origins.console}/assets/`)) assetEncodings.add(r.headers()['content-encoding'] ?? 'identity');
  });

  // The console's host sends the policy console-config printed for this relay, and the rest.
  const response = await counselor.goto(prod.inviteLink);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toBe(prod.printedHeader);
  expect(prod.printedHeader).toContain(`connect-src 'self' ${prod.origins.relay} wss://${HOSTS.relay}:${prod.nginx.port};`);
  expect(headers['strict-transport-security']).toBe('max-age=63072000');
  expect(headers['x-frame-options']).toBe('DENY');
  // The bundle's scripts come precompressed (gzip_static), and still match their integrity values.
  await expect(counselor.getByLabel('パスワード', { exact: true })).toBeVisible();
  expect([...assetEncodings]).toContain('gzip');

  // Enrolment: her keys are made in this browser; the relay gets public keys and a wrapped blob.
  await counselor.getByLabel('パスワード', { exact: true }).fill(PASSWORD);
  await counselor.getByLabel('パスワード（確認のためもう一度）').fill(PASSWORD);
  await counselor.getByRole('button', { name: '鍵を作って登録する' }).click();
  const digits = counselor.locator('tsg-fingerprint-digits p.digits');
  await expect(digits).toBeVisible({ timeout: 30_000 });
  const fingerprint = (await digits.innerText()).trim();
  expect(fingerprint).toMatch(/^(\d{5}\s+){4}\d{5}$/);
  await snap(counselor, info, 'nginx-console-enrolled');

  // The admin signs on her own machine after the digits match, and the relay activates her.
  fs.writeFileSync(path.join(prod.dir, 'pending.json'), prod.admin(['staff:pending', '--username', 'sato', '--json']));
  fs.writeFileSync(path.join(prod.dir, 'signed.json'), prod.admin(['statement:sign', '--key', path.join(prod.dir, 'org.key'), '--in', path.join(prod.dir, 'pending.json'), '--fingerprint', fingerprint]));
  prod.admin(['staff:activate', '--in', path.join(prod.dir, 'signed.json')]);

  // She signs in on the console's origin; the relay sets the session cookie for itself.
  await counselor.getByRole('button', { name: 'ログイン画面へ' }).click();
  await counselor.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
  await counselor.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
  await counselor.getByRole('button', { name: 'ログイン' }).click();
  await expect(counselor.getByRole('button', { name: 'ログアウト' })).toBeVisible({ timeout: 30_000 });
  const cookies = await staff.context.cookies(prod.origins.relay);
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie).toMatchObject({ domain: HOSTS.relay, secure: true, httpOnly: true });
  expect(await staff.context.cookies(prod.origins.console)).toEqual([]);
  const signedIn = Date.now();

  // A woman opens the landing page on the NPO's site: widget from the relay, pinned, through nginx.
  const woman = await watchedPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const client = woman.page;
  await startFromLanding(client, `${prod.origins.site}/flyer.html`);
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();

  // The counselor's socket (her cookie went with the WebSocket upgrade) shows her and takes her.
  const queue = counselor.getByRole('region', { name: /待機中の相談/ });
  await queue.getByRole('button', { name: '対応する' }).click();
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await expect(counselor.getByRole('textbox', { name: 'メッセージ' })).toBeEnabled();
  await say(counselor, 'こんにちは。相談員の佐藤です。');
  await expect(client.getByRole('log', { name: '会話' }).getByText('相談員の佐藤です')).toBeVisible();
  await say(client, '夜になると不安になります。');
  await expect(counselor.getByRole('list', { name: 'メッセージ' }).getByText('夜になると不安になります。')).toBeVisible();
  await snap(counselor, info, 'nginx-console-chat');
  await snap(client, info, 'nginx-landing-chat-360');
  prod.timings.push(`enrol and sign in ${signedIn - started} ms, chat ${Date.now() - signedIn} ms`);

  // Neither the console nor the landing page broke its policy, and the console logged no error.
  expect(await violationsIn(counselor)).toEqual([]);
  expect(await violationsIn(client)).toEqual([]);
  expect(staff.errors).toEqual([]);
  expect(woman.errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  await staff.context.close();
  await woman.context.close();
});

/** Opens a raw Socket.IO connection as staff from `page`'s origin; answers with what the relay said. */
function staffSocketFrom(page: Page): Promise<string> {
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onmessage = (e) => {
          const data = String(e.data);
          if (data.startsWith('0')) ws.send(`40${JSON.stringify({ role: 'staff' })}`);
          else if (data.startsWith('40')) resolve('connected');
          else if (data.startsWith('44')) resolve(`refused ${data.slice(2)}`);
        };
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    `wss://${HOSTS.relay}:${prod.nginx.port}/socket.io/?EIO=4&transport=websocket`,
  );
}

test('a staff socket from another origin is refused, even with her session cookie', async () => {
  const context = await prod.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${prod.origins.console}/`);
  // From the console's origin, without a session: refused; the cookie is what lets her in.
  expect(await staffSocketFrom(page)).toMatch(/^refused .*NOT_AUTHENTICATED/);
  await page.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
  await page.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible({ timeout: 30_000 });
  // Signed in: the relay's cookie goes with the WebSocket upgrade through nginx.
  expect(await staffSocketFrom(page)).toBe('connected');

  // Another page of the same site (the NPO's, say), her cookie in the browser: refused all the same.
  await page.goto(`${prod.origins.site}/not-a-page`);
  expect((await context.cookies(prod.origins.relay)).length).toBeGreaterThan(0);
  expect(await staffSocketFrom(page)).toMatch(/^refused .*NOT_AUTHENTICATED/);
  // And the relay serves no pages of its own outside the demo.
  for (const p of ['/c/flyer', '/demo/', '/console/', '/']) {
    expect((await page.goto(`${prod.origins.relay}${p}`))?.status(), p).toBe(404);
  }
  await context.close();
});

test('a console file changed on its host is refused: libsodium, loaded at login, never runs', async () => {
  // Someone with the static host's files changes the chunk that handles her password and keys.
  const assets = path.join(prod.dir, 'console', 'assets');
  const chunk = fs.readdirSync(assets).find((f) => f.startsWith('libsodium'));
  if (!chunk) throw new Error('no libsodium chunk in the console bundle');
  const files = [chunk, `${chunk}.gz`, `${chunk}.br`].filter((f) => fs.existsSync(path.join(assets, f)));
  const originals = new Map(files.map((f) => [f, fs.readFileSync(path.join(assets, f))]));
  const tampered = Buffer.concat([Buffer.from('globalThis.__tampered = true;\n'), originals.get(chunk) ?? Buffer.alloc(0)]);
  // Changed as the host serves it: the file and its precompressed copies.
  fs.writeFileSync(path.join(assets, chunk), tampered);
  if (originals.has(`${chunk}.gz`)) fs.writeFileSync(path.join(assets, `${chunk}.gz`), zlib.gzipSync(tampered));
  if (originals.has(`${chunk}.br`)) fs.writeFileSync(path.join(assets, `${chunk}.br`), zlib.brotliCompressSync(tampered));
  try {
    const { context, page, errors } = await watchedPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${prod.origins.console}/`);
    await page.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
    await page.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect(page.getByText('暗号の準備ができませんでした。ページを再読み込みしてお試しください。')).toBeVisible();
    expect(errors.join('\n')).toContain(`integrity' attribute for resource '${prod.origins.console}/assets/${chunk}'`);
    expect(await page.evaluate(() => (globalThis as { __tampered?: boolean }).__tampered ?? false)).toBe(false);
    await expect(page.getByRole('button', { name: 'ログアウト' })).toHaveCount(0);
    await context.close();
  } finally {
    for (const [f, bytes] of originals) fs.writeFileSync(path.join(assets, f), bytes);
  }
});
