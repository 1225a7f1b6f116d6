import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium, expect, test } from '@playwright/test';
import { HOSTS, REPO_ROOT, type RunningNginx, freePort, startNginx } from '../nginx.js';
import { type RunningServer, startServer } from '../server.js';
import { say, snap, startFromLanding } from './fixtures.js';

/**
 * Production as the README sets it up, in one machine: the shipped nginx example in a real nginx
 * with TLS in front of a relay started without DEMO; the console bundle on its own host name,
 * configured by `npm run console-config`; the landing page made by `npm run landing` on the NPO's
 * site (a third host name). All three resolve to 127.0.0.1 inside Chromium only. A counselor
 * enrols and signs in on the console's origin, a woman on the landing page talks with her, and
 * neither page breaks its Content-Security-Policy.
 */
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'hagi-no-umi-kaze-2026';
const ORG_PASSPHRASE = 'an organisation passphrase for this test';
let dir: string;
let relay: RunningServer;
let nginx: RunningNginx;
let browser: Browser;
let origins: RunningNginx['origins'];
let inviteLink: string;
let printedHeader: string;
const timings: string[] = [];

/** The relay's database: the admin tool's relay commands and the relay itself open this one. */
const relayDb = () => path.join(dir, 'relay', 'tsunagari.db');

/** The admin tool (`server/dist/admin.js`), on the relay's database or the org key file. */
function admin(args: string[]): string {
  return execFileSync(process.execPath, [path.join(REPO_ROOT, 'server', 'dist', 'admin.js'), ...args], {
    cwd: path.join(REPO_ROOT, 'server'),
    env: { ...process.env, TSUNAGARI_DB: relayDb(), TSUNAGARI_ORG_PASSPHRASE: ORG_PASSPHRASE, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `npm run <script> -- …` from the repository, as the README has the admin run it. */
function npmRun(script: string, args: string[]): string {
  return execFileSync('npm', ['run', '-s', script, '--', ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A browser context that accepts the throwaway certificates; every violation and error is collected. */
async function watchedPage(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...options, ignoreHTTPSErrors: true, locale: 'ja-JP' });
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

test.beforeAll(async () => {
  const started = Date.now();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-nginx-'));
  fs.mkdirSync(path.join(dir, 'relay'));
  fs.mkdirSync(path.join(dir, 'site'));
  const port = await freePort();
  origins = { console: `https://${HOSTS.console}:${port}`, relay: `https://${HOSTS.relay}:${port}`, site: `https://${HOSTS.site}:${port}` };

  // The admin's own machine: the organisation key, in its passphrase-encrypted file.
  admin(['org:init', '--out', path.join(dir, 'org.key')]);
  // The relay host: the organisation's public key only, and an invitation for her.
  admin(['org:register', '--name', 'テストNPO', '--key-file', path.join(dir, 'org.key')]);
  const invited = admin(['staff:invite', '--username', 'sato', '--name', '佐藤', '--role', 'counselor', '--console-url', `${origins.console}/`]);
  inviteLink = /link \(pass it on privately, it works once\): (\S+)/.exec(invited)?.[1] ?? '';
  expect(inviteLink).toMatch(new RegExp(`^${origins.console}/#invite=`));
  relay = await startServer(
    { DEMO: '0', TSUNAGARI_DB: relayDb(), PUBLIC_URL: origins.relay, TSUNAGARI_CONSOLE_ORIGIN: origins.console, TSUNAGARI_TRUST_PROXY: '1', TSUNAGARI_HOURS: 'always' },
    path.join(dir, 'relay'),
  );
  timings.push(`relay up ${Date.now() - started} ms`);

  // The console's static host: the built bundle, configured for this relay and key.
  fs.cpSync(path.join(REPO_ROOT, 'console', 'dist'), path.join(dir, 'console'), { recursive: true });
  const configured = npmRun('console-config', ['--relay', origins.relay, '--org-key-file', path.join(dir, 'org.key'), '--dir', path.join(dir, 'console')]);
  printedHeader = /^Content-Security-Policy: (.*)$/m.exec(configured)?.[1] ?? '';
  // The NPO's site: the QR landing page.
  npmRun('landing', ['--campaign', 'flyer-nginx', '--relay', origins.relay, '--org-key-file', path.join(dir, 'org.key'), '--out', path.join(dir, 'site', 'flyer.html')]);
  timings.push(`console-config and landing ${Date.now() - started} ms`);

  const nginxStarted = Date.now();
  nginx = await startNginx({ dir, consoleDir: path.join(dir, 'console'), siteDir: path.join(dir, 'site'), relayAddress: relay.listening, port });
  timings.push(`nginx up in ${Date.now() - nginxStarted} ms`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The three host names, for this browser only: no /etc/hosts edit.
      `--host-resolver-rules=${Object.values(HOSTS).map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    ],
  });
  timings.push(`set-up ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  await browser?.close();
  // By pid: nginx (fast shutdown), then the relay (SIGTERM, it commits and closes).
  await nginx?.stop();
  await relay?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  console.log(`nginx e2e: ${timings.join('; ')}`);
});

test('through nginx: she enrols and signs in on the console origin, a woman on the landing page talks with her, no policy broken', async ({}, info) => {
  const started = Date.now();
  const staff = await watchedPage({ viewport: { width: 1280, height: 800 } });
  const counselor = staff.page;

  // The console's host sends the policy console-config printed for this relay, and the rest.
  const response = await counselor.goto(inviteLink);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toBe(printedHeader);
  expect(printedHeader).toContain(`connect-src 'self' ${origins.relay} wss://${HOSTS.relay}:${nginx.port};`);
  expect(headers['strict-transport-security']).toBe('max-age=63072000');
  expect(headers['x-frame-options']).toBe('DENY');

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
  fs.writeFileSync(path.join(dir, 'pending.json'), admin(['staff:pending', '--username', 'sato', '--json']));
  fs.writeFileSync(path.join(dir, 'signed.json'), admin(['statement:sign', '--key', path.join(dir, 'org.key'), '--in', path.join(dir, 'pending.json'), '--fingerprint', fingerprint]));
  admin(['staff:activate', '--in', path.join(dir, 'signed.json')]);

  // She signs in on the console's origin; the relay sets the session cookie for itself.
  await counselor.getByRole('button', { name: 'ログイン画面へ' }).click();
  await counselor.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
  await counselor.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
  await counselor.getByRole('button', { name: 'ログイン' }).click();
  await expect(counselor.getByRole('button', { name: 'ログアウト' })).toBeVisible({ timeout: 30_000 });
  const cookies = await staff.context.cookies(origins.relay);
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie).toMatchObject({ domain: HOSTS.relay, secure: true, httpOnly: true });
  expect(await staff.context.cookies(origins.console)).toEqual([]);
  const signedIn = Date.now();

  // A woman opens the landing page on the NPO's site: widget from the relay, pinned, through nginx.
  const woman = await watchedPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const client = woman.page;
  await startFromLanding(client, `${origins.site}/flyer.html`);
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
  timings.push(`enrol and sign in ${signedIn - started} ms, chat ${Date.now() - signedIn} ms`);

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
    `wss://${HOSTS.relay}:${nginx.port}/socket.io/?EIO=4&transport=websocket`,
  );
}

test('a staff socket from another origin is refused, even with her session cookie', async () => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${origins.console}/`);
  // From the console's origin, without a session: refused; the cookie is what lets her in.
  expect(await staffSocketFrom(page)).toMatch(/^refused .*NOT_AUTHENTICATED/);
  await page.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
  await page.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible({ timeout: 30_000 });
  // Signed in: the relay's cookie goes with the WebSocket upgrade through nginx.
  expect(await staffSocketFrom(page)).toBe('connected');

  // Another page of the same site (the NPO's, say), her cookie in the browser: refused all the same.
  await page.goto(`${origins.site}/not-a-page`);
  expect((await context.cookies(origins.relay)).length).toBeGreaterThan(0);
  expect(await staffSocketFrom(page)).toMatch(/^refused .*NOT_AUTHENTICATED/);
  // And the relay serves no pages of its own outside the demo.
  for (const p of ['/c/flyer', '/demo/', '/console/', '/']) {
    expect((await page.goto(`${origins.relay}${p}`))?.status(), p).toBe(404);
  }
  await context.close();
});

test('a console file changed on its host is refused: libsodium, loaded at login, never runs', async () => {
  // Someone with the static host's files changes the chunk that handles her password and keys.
  const assets = path.join(dir, 'console', 'assets');
  const chunk = fs.readdirSync(assets).find((f) => f.startsWith('libsodium'));
  if (!chunk) throw new Error('no libsodium chunk in the console bundle');
  const original = fs.readFileSync(path.join(assets, chunk));
  fs.writeFileSync(path.join(assets, chunk), Buffer.concat([Buffer.from('globalThis.__tampered = true;\n'), original]));
  try {
    const { context, page, errors } = await watchedPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${origins.console}/`);
    await page.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
    await page.getByRole('textbox', { name: 'パスワード' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect(page.getByText('暗号の準備ができませんでした。ページを再読み込みしてお試しください。')).toBeVisible();
    expect(errors.join('\n')).toContain(`integrity' attribute for resource '${origins.console}/assets/${chunk}'`);
    expect(await page.evaluate(() => (globalThis as { __tampered?: boolean }).__tampered ?? false)).toBe(false);
    await expect(page.getByRole('button', { name: 'ログアウト' })).toHaveCount(0);
    await context.close();
  } finally {
    fs.writeFileSync(path.join(assets, chunk), original);
  }
});
