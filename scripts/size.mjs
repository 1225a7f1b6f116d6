#!/usr/bin/env node
/**
 * `npm run size`: what Chromium actually fetches for the widget, measured in Debian's Chromium
 * against the built server's demo page (the NPO's page with the widget embedded):
 *  - before she touches it (the host page has loaded; the launcher shows);
 *  - a whole session: she opens it, starts, waits, a counselor takes her, they exchange a message —
 *    in each language as the NPO's page sets it (`lang`; the worst counts), and, for reference,
 *    after switching language in the panel (which also fetches the Japanese text she first saw);
 *  - the QR landing page's first screen (the widget open at once; no budget, for reference).
 * Every response from the relay is counted except the host page itself (the NPO's own page) and
 * WebSocket frames. Per file: raw (decoded) bytes, bytes sent (the body as it travelled, with the
 * encoding the server chose) and gzip -9 of the file, the budgets' measure.
 * Budgets: before she opens it ≤ 20 KB gzip, a whole session ≤ 190 KB gzip (KB = 1024 bytes).
 * Exits 1 when over. Build first (`pnpm run build`). `--json` prints one JSON object instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { parseDemoLogins, startServer } from './demo-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUDGET = { initial: 20 * 1024, session: 190 * 1024 };
const CHROMIUM = chromiumPath();
const json = process.argv.includes('--json');
/** The widget's words she clicks, in each language. */
const TEXT = {
  start: { ja: '相談をはじめる', 'ja-easy': 'そうだんを はじめる', en: 'Start a chat' },
  skip: { ja: '答えずに進む', 'ja-easy': 'こたえないで すすむ', en: 'Continue without answering' },
  message: { ja: 'メッセージ', 'ja-easy': 'メッセージ', en: 'Message' },
};

for (const built of ['server/dist/main.js', 'widget/dist/tsunagari-chat.js', 'console/dist/index.html']) {
  if (!fs.existsSync(path.join(ROOT, built))) {
    console.error(`${built} is missing: run \`pnpm run build\` first`);
    process.exit(2);
  }
}

/** Records every finished response of `page` from `origin`, but the page's own document. */
function recorder(page, origin) {
  const files = [];
  const pending = new Set();
  let last = Date.now();
  page.on('requestfinished', (request) => {
    if (!request.url().startsWith(origin) || request.resourceType() === 'document') return;
    last = Date.now();
    const done = (async () => {
      const response = await request.response();
      if (!response) return;
      const [body, sizes, headers] = await Promise.all([response.body(), request.sizes(), response.allHeaders()]);
      files.push({
        file: request.url().slice(origin.length).replace(/^\/widget\//, ''),
        raw: body.length,
        sent: sizes.responseBodySize,
        encoding: headers['content-encoding'] ?? 'none',
        gzip: zlib.gzipSync(body, { level: 9 }).length,
      });
    })();
    pending.add(done);
    void done.finally(() => pending.delete(done));
  });
  return {
    /** What was fetched so far, once the network has been quiet for half a second. */
    async settle() {
      while (Date.now() - last < 500 || pending.size > 0) {
        await Promise.all(pending);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return files.slice();
    },
  };
}

const total = (files, key) => files.reduce((a, f) => a + f[key], 0);
const summary = (files) => ({ files, raw: total(files, 'raw'), sent: total(files, 'sent'), gzip: total(files, 'gzip') });

const server = await startServer({ TSUNAGARI_HOURS: 'always', STAFF_KDF: 'min' });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS],
});
try {
  const sato = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  const login = parseDemoLogins(server.banner).find((l) => l.username === 'sato');
  await sato.goto(`${server.url}/console/`);
  await sato.getByRole('textbox', { name: 'ユーザー名' }).fill('sato');
  await sato.getByRole('textbox', { name: 'パスワード' }).fill(login.password);
  await sato.getByRole('button', { name: 'ログイン' }).click();
  await sato.getByRole('button', { name: 'ログアウト' }).waitFor();

  /**
   * The demo page in a fresh context: what loads before she touches it, then a whole session in
   * `lang`, set on the element as the NPO's page would (`switched`: chosen in the panel instead).
   */
  async function session(lang, switched = false) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'ja-JP' });
    const page = await context.newPage();
    const fetched = recorder(page, server.url);
    await page.goto(`${server.url}/demo/`, { waitUntil: 'load' });
    await page.locator('tsunagari-chat [part="launcher"]').waitFor();
    const initial = await fetched.settle();
    if (!switched) await page.locator('tsunagari-chat').evaluate((el, l) => el.setAttribute('lang', l), lang);
    await page.locator('tsunagari-chat [part="launcher"]').click();
    if (switched) await page.locator('tsunagari-chat select').selectOption(lang);
    await page.getByRole('button', { name: TEXT.start[lang] }).click();
    await page.getByRole('button', { name: TEXT.skip[lang] }).click();
    await page.locator('tsunagari-chat tsunagari-waiting .queue').waitFor();
    await sato.getByRole('region', { name: /待機中の相談/ }).getByRole('button', { name: '対応する' }).first().click();
    const box = page.getByRole('textbox', { name: TEXT.message[lang] });
    await box.fill('size');
    await box.press('Control+Enter');
    await sato.getByText('size', { exact: true }).last().waitFor();
    const all = await fetched.settle();
    // Quick exit ends the consultation (the counselor is told), so the next session starts afresh.
    await page.locator('tsunagari-chat [part="exit"]').click();
    await sato.getByText('相談者が緊急退出しました', { exact: true }).last().waitFor();
    await context.close();
    return { initial: summary(initial), session: summary(all) };
  }

  const ja = await session('ja');
  const sessions = { ja: ja.session, 'ja-easy': (await session('ja-easy')).session, en: (await session('en')).session };
  const switchedSessions = { 'ja-easy': (await session('ja-easy', true)).session, en: (await session('en', true)).session };
  const landingContext = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: 'ja-JP' });
  const landingPage = await landingContext.newPage();
  const landingFetched = recorder(landingPage, server.url);
  await landingPage.goto(`${server.url}/c/size`, { waitUntil: 'load' });
  await landingPage.getByRole('button', { name: TEXT.start.ja }).waitFor();
  const landing = summary(await landingFetched.settle());
  await landingContext.close();

  const worst = Object.entries(sessions).reduce((a, b) => (b[1].gzip > a[1].gzip ? b : a));
  const over = [];
  if (ja.initial.gzip > BUDGET.initial) over.push('before she opens it');
  if (worst[1].gzip > BUDGET.session) over.push(`a whole session (${worst[0]})`);

  if (json) {
    console.log(JSON.stringify({ budget: BUDGET, initial: ja.initial, sessions, worstSession: worst[0], switchedSessions, landing, over }, null, 1));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
    const row = (name, s, encoding = '') =>
      console.log(`${name.padEnd(52)} ${kb(s.raw)} raw ${kb(s.sent)} sent${encoding ? ` (${encoding})`.padEnd(8) : '        '} ${kb(s.gzip)} gzip`);
    const list = (title, s) => {
      console.log(title);
      for (const f of s.files) row(`  ${f.file}`, f, f.encoding);
      row('  = all', s);
    };
    console.log('What Chromium fetches from the relay (raw: decoded; sent: the body as it travelled; gzip: gzip -9, the budgets\' measure)\n');
    list('Embedded widget, before she opens it:', ja.initial);
    console.log('');
    list('A whole session (embedded, Japanese): open, start, wait, a counselor takes her, a message:', ja.session);
    console.log('');
    for (const [lang, s] of Object.entries(sessions)) row(`Whole session, lang="${lang}"`, s);
    for (const [lang, s] of Object.entries(switchedSessions)) row(`Whole session, switched to ${lang} in the panel`, s);
    console.log('');
    list('QR landing page, first screen (opens at once; loads the session code while she reads):', landing);
    console.log('');
    row('Before she opens it (budget 20 KB gzip)', ja.initial);
    row(`A whole session, worst: ${worst[0]} (budget 190 KB gzip)`, worst[1]);
    console.log(over.length ? `OVER BUDGET: ${over.join('; ')}` : 'Within budget: before she opens it ≤ 20 KB gzip, a whole session ≤ 190 KB gzip.');
  }
  process.exitCode = over.length ? 1 : 0;
} finally {
  await browser.close();
  await server.stop();
}
