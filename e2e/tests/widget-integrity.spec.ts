import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { startServer } from '../server.js';
import { expect, phonePage, snap, startFromLanding, test } from './fixtures.js';

/**
 * Code delivery: the pages pin the widget's entry to the build (SRI), and the entry knows the
 * SHA-384 of every chunk it may load and checks the bytes before running them (issue 15: fetch →
 * digest → import() of a blob: URL, in every browser, not only those that read an import map's
 * "integrity" table). A relay that serves other code is refused and her messages are never handled
 * by code that was not built from this repository.
 */
const builtWidget = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'widget', 'dist');

/**
 * A copy of the built widget with `marker` set by the first line of one script (the build's
 * integrity.json kept), compressed again as the build would: what she receives is the changed code.
 */
function tamperedCopy(pick: (file: string) => boolean): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-widget-'));
  fs.cpSync(builtWidget, dir, { recursive: true });
  const integrity = JSON.parse(fs.readFileSync(path.join(dir, 'integrity.json'), 'utf8')) as Record<string, string>;
  const file = Object.keys(integrity).find(pick);
  if (!file) throw new Error('no such script in the build');
  const target = path.join(dir, file);
  const changed = `globalThis.__tampered = true;\n${fs.readFileSync(target, 'utf8')}`;
  fs.writeFileSync(target, changed);
  fs.writeFileSync(`${target}.br`, zlib.brotliCompressSync(changed));
  fs.writeFileSync(`${target}.gz`, zlib.gzipSync(changed));
  return { dir, file };
}

function integrityErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/integrity/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('the pages pin every widget script to the build', async ({ page, server }) => {
  const integrity = JSON.parse(fs.readFileSync(path.join(builtWidget, 'integrity.json'), 'utf8')) as Record<string, string>;
  const html = await (await page.request.get(`${server.url}/c/flyer-e2e`)).text();
  expect(html).toContain(`integrity="${integrity['tsunagari-chat.js']}"`);
  const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { integrity?: Record<string, string> };
  const chunks = Object.keys(integrity).filter((f) => f !== 'tsunagari-chat.js');
  expect(chunks.length).toBeGreaterThan(5);
  for (const f of chunks) expect(map.integrity?.[`${server.url}/widget/${f}`], f).toBe(integrity[f]);
  // The entry itself carries each chunk's SHA-384, of the bytes the relay serves.
  const entry = await (await page.request.get(`${server.url}/widget/tsunagari-chat.js`)).text();
  for (const f of chunks) {
    const served = await (await page.request.get(`${server.url}/widget/${f}`)).body();
    expect(entry, f).toContain(`"${f}":["sha384-${crypto.createHash('sha384').update(served).digest('base64')}"`);
  }
});

test('every widget script arrives brotli-compressed and its pin still holds: she starts and queues', async ({ browser, server }) => {
  const client = await phonePage(browser);
  const errors = integrityErrors(client);
  const scripts: { file: string; encoding: string | undefined; cacheControl: string | undefined; sent: number; decoded: number }[] = [];
  client.on('requestfinished', (request) => {
    if (!request.url().startsWith(`${server.url}/widget/`)) return;
    void (async () => {
      const response = await request.response();
      if (!response) return;
      const headers = await response.allHeaders();
      const sizes = await request.sizes();
      const body = await response.body();
      scripts.push({
        file: request.url().slice(`${server.url}/widget/`.length),
        encoding: headers['content-encoding'],
        cacheControl: headers['cache-control'],
        sent: sizes.responseBodySize,
        decoded: body.length,
      });
    })();
  });
  // The landing page loads the entry, then the socket and crypto chunks while she reads.
  await startFromLanding(client, `${server.url}/c/flyer-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();
  expect(errors).toEqual([]);
  expect(await client.evaluate(() => customElements.get('tsunagari-chat') !== undefined)).toBe(true);
  await expect.poll(() => scripts.some((s) => s.file.startsWith('chunks/libsodium-wrappers-'))).toBe(true);
  await expect.poll(() => scripts.some((s) => s.file.startsWith('chunks/transport-'))).toBe(true);
  const integrity = JSON.parse(fs.readFileSync(path.join(builtWidget, 'integrity.json'), 'utf8')) as Record<string, string>;
  for (const s of scripts) {
    expect(Object.keys(integrity), s.file).toContain(s.file);
    // The build writes no variant for a file compression would not shrink (a few dozen bytes).
    if (fs.existsSync(path.join(builtWidget, `${s.file}.br`))) {
      expect(s.encoding, s.file).toBe('br');
      expect(s.sent, s.file).toBeLessThan(s.decoded);
    } else {
      expect(s.encoding, s.file).toBeUndefined();
      expect(s.decoded, s.file).toBeLessThan(200);
    }
    expect(s.cacheControl, s.file).toBe(s.file.startsWith('chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
  }
  await client.getByRole('button', { name: /すぐに閉じる/ }).click();
  await client.waitForURL(`${server.url}/exit`);
});

test('a changed entry script is refused: the widget does not run at all', async ({ browser }) => {
  const { dir } = tamperedCopy((f) => f === 'tsunagari-chat.js');
  const server = await startServer({ TSUNAGARI_WIDGET_DIST: dir });
  try {
    const client = await phonePage(browser);
    const errors = integrityErrors(client);
    await client.goto(`${server.url}/c/flyer-e2e`);
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(await client.evaluate(() => ({ tampered: (globalThis as { __tampered?: boolean }).__tampered ?? false, defined: customElements.get('tsunagari-chat') !== undefined }))).toEqual({
      tampered: false,
      defined: false,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Every frame the page sends over its WebSockets to the relay, and how many it opened. */
function sentFrames(page: Page): { opened: number; frames: string[] } {
  const seen = { opened: 0, frames: [] as string[] };
  page.on('websocket', (ws) => {
    seen.opened++;
    ws.on('framesent', (f) => seen.frames.push(String(f.payload)));
  });
  return seen;
}

for (const chunk of ['transport', 'libsodium-wrappers', 'chat-elements']) {
  test(`a changed ${chunk} chunk is refused: the 'unsafe' screen, nothing of it runs, nothing is sent`, async ({ browser }, info) => {
    const { dir } = tamperedCopy((f) => f.startsWith(`chunks/${chunk}-`));
    const server = await startServer({ TSUNAGARI_WIDGET_DIST: dir });
    try {
      const client = await phonePage(browser);
      const sent = sentFrames(client);
      await client.goto(`${server.url}/c/flyer-e2e`);
      // The later screens' chunk loads as the page opens; the others when she starts.
      if (chunk !== 'chat-elements') {
        await client.getByRole('button', { name: '相談をはじめる' }).click();
        await client.getByRole('button', { name: '答えずに進む' }).click();
      }
      await expect(client.getByRole('heading', { name: '安全な接続を確認できませんでした' })).toBeVisible();
      await expect(client.getByText('このチャットのプログラムが、本来のものと違っていました。')).toBeVisible();
      expect(await client.evaluate(() => (globalThis as { __tampered?: boolean }).__tampered ?? false)).toBe(false);
      await expect(client.getByText(/番目です/)).toHaveCount(0);
      expect(sent.frames.filter((f) => /consultation:|message:|key:/.test(f))).toEqual([]);
      if (chunk === 'transport') expect(sent.opened).toBe(0);
      await snap(client, info, `tampered-${chunk}-360-ja`);
      // Closing it leaves her at an empty first screen; the quick exit still works.
      await client.getByRole('button', { name: '閉じる', exact: true }).click();
      await client.getByRole('button', { name: /すぐに閉じる/ }).click();
      await client.waitForURL(`${server.url}/exit`);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
