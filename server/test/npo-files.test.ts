import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CryptoError, createOrgKeyFile, createRecordsKeyFile, type SodiumSumo, serialiseOrgKeyFile, serialiseRecordsKeyFile } from '@tsunagari/shared/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCsp } from '../../console/csp.mjs';
import { runNpoFilesCommand } from '../src/cli/npo-files.js';
import { loadSodium } from '../src/sodium.js';

let sodium: SodiumSumo;
let dir: string;
let publicKey: string;
const BUILT_INDEX = `<!doctype html>
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${consoleCsp({ meta: true })}">
    <script type="module" crossorigin src="./assets/index-x.js" integrity="sha512-AAAA"></script>
  </head>
</html>`;
const WIDGET_INTEGRITY = { 'tsunagari-chat.js': 'sha512-ZW50cnk=', 'chunks/transport-1.js': 'sha512-dHJhbnNwb3J0' };

async function run(command: string, args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  await runNpoFilesCommand(sodium, command, args, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { out, err };
}

async function failure(command: string, args: string[]): Promise<string> {
  try {
    await run(command, args);
  } catch (caught) {
    return caught instanceof CryptoError ? caught.id : (caught as Error).message;
  }
  return 'no failure';
}

const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
const decode = (attr: string) => attr.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

beforeAll(async () => {
  sodium = await loadSodium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-npo-files-'));
  // The key file as org:init writes it; only its public half is read (no passphrase asked).
  const file = createOrgKeyFile(sodium, 'a passphrase for this test only');
  publicKey = file.publicKey;
  fs.writeFileSync(path.join(dir, 'org.key'), serialiseOrgKeyFile(file));
  fs.mkdirSync(path.join(dir, 'console'));
  fs.mkdirSync(path.join(dir, 'widget'));
  fs.writeFileSync(path.join(dir, 'widget', 'integrity.json'), JSON.stringify(WIDGET_INTEGRITY));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run console-config', () => {
  it('writes console-config.json from the key file and points the bundle’s policy at the relay', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    const { out, err } = await run('console-config', ['--relay', 'https://relay.example.org', '--org-key-file', 'org.key', '--dir', 'console']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'console', 'console-config.json'), 'utf8'))).toEqual({
      relayUrl: 'https://relay.example.org',
      orgPublicKey: publicKey,
      lockAfterMinutes: 15,
      kdfFloor: 'moderate',
    });
    const html = fs.readFileSync(path.join(dir, 'console', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(decode(meta)).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://relay.example.org wss://relay.example.org; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(html).toContain('integrity="sha512-AAAA"');
    // The header for the web server, with the one directive a meta tag cannot carry.
    expect(out).toContain(`Content-Security-Policy: ${decode(meta)}; frame-ancestors 'none'\n`);
    expect(err).toMatch(/fingerprint: (\d{5} ){4}\d{5}\n/);
  });

  it('takes the key itself, the lock time and the test-only KDF floor (with a warning)', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    const { err } = await run('console-config', ['--relay', 'https://relay.example.org', '--org-key', publicKey, '--dir', 'console', '--lock-after', '5', '--kdf-floor', 'min']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'console', 'console-config.json'), 'utf8'))).toMatchObject({ lockAfterMinutes: 5, kdfFloor: 'min' });
    expect(err).toContain('never use it for real staff');
  });

  it('takes a key that begins with "-" (one key in 64 does) as the value it follows', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    let dashKey = '';
    while (!dashKey.startsWith('-')) dashKey = sodium.to_base64(sodium.crypto_sign_keypair().publicKey, sodium.base64_variants.URLSAFE_NO_PADDING);
    await run('console-config', ['--relay', 'https://relay.example.org', '--org-key', dashKey, '--dir', 'console']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'console', 'console-config.json'), 'utf8'))).toMatchObject({ orgPublicKey: dashKey });
  });

  it('pins the flyers\' landing URL when given, and refuses one without https or {campaign}', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    const key = ['--relay', 'https://relay.example.org', '--org-key', publicKey, '--dir', 'console'];
    await run('console-config', [...key, '--landing-url', 'https://www.npo.example/c/{campaign}.html']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'console', 'console-config.json'), 'utf8'))).toMatchObject({ landingUrl: 'https://www.npo.example/c/{campaign}.html' });
    expect(await failure('console-config', [...key, '--landing-url', 'http://www.npo.example/c/{campaign}'])).toMatch(/--landing-url/);
    expect(await failure('console-config', [...key, '--landing-url', 'https://www.npo.example/c/flyer.html'])).toMatch(/--landing-url/);
  });

  it('pins the records key from its file or as given; refuses an org key file, a bad key, or both at once', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    const records = createRecordsKeyFile(sodium, 'a records passphrase for this test');
    fs.writeFileSync(path.join(dir, 'records.key'), serialiseRecordsKeyFile(records));
    const key = ['--relay', 'https://relay.example.org', '--org-key', publicKey, '--dir', 'console'];
    const written = () => JSON.parse(fs.readFileSync(path.join(dir, 'console', 'console-config.json'), 'utf8')) as Record<string, unknown>;
    const { err } = await run('console-config', [...key, '--records-key-file', 'records.key']);
    expect(written().recordsPublicKey).toBe(records.publicKey);
    expect(err).toContain(records.publicKey);
    await run('console-config', key);
    expect(written()).not.toHaveProperty('recordsPublicKey');
    await run('console-config', [...key, '--records-key', records.publicKey]);
    expect(written().recordsPublicKey).toBe(records.publicKey);
    expect(await failure('console-config', [...key, '--records-key-file', 'org.key'])).toBe('KEY_FILE_MALFORMED');
    expect(await failure('console-config', [...key, '--records-key', 'not-a-key'])).toMatch(/--records-key/);
    expect(await failure('console-config', [...key, '--records-key', records.publicKey, '--records-key-file', 'records.key'])).toMatch(/once/);
    expect(written().recordsPublicKey).toBe(records.publicKey);
  });

  it('refuses what would make a console that talks to the wrong place or trusts the wrong key', async () => {
    fs.writeFileSync(path.join(dir, 'console', 'index.html'), BUILT_INDEX);
    const key = ['--org-key', publicKey, '--dir', 'console'];
    expect(await failure('console-config', ['--relay', 'http://relay.example.org', ...key])).toBe('--relay must be an https:// URL');
    expect(await failure('console-config', ['--relay', 'https://relay.example.org/api', ...key])).toMatch(/origin only/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org?x=1', ...key])).toMatch(/origin only/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', '--org-key', 'not-a-key', '--dir', 'console'])).toBe('BAD_ORG_KEY');
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', '--dir', 'console'])).toMatch(/--org-key-file FILE or --org-key KEY/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', '--org-key-file', 'org.key', ...key])).toMatch(/once/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', ...key, '--lock-after', '0'])).toMatch(/--lock-after/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', ...key, '--kdf-floor', 'interactive'])).toMatch(/--kdf-floor/);
    expect(await failure('console-config', ['--relay', 'https://relay.example.org', '--org-key', publicKey, '--dir', 'widget'])).toMatch(/build the console first/);
    expect(fs.readFileSync(path.join(dir, 'console', 'index.html'), 'utf8')).toBe(BUILT_INDEX);
  });
});

describe('npm run landing', () => {
  const args = ['--campaign', 'flyer-2026', '--relay', 'https://relay.example.org', '--widget-dist', 'widget'];

  it('writes the QR landing page with the pinned snippet and a policy that allows only its own parts', async () => {
    await run('landing', [...args, '--org-key-file', 'org.key', '--lang', 'ja-easy', '--exit-url', 'https://www.example.jp/recipes', '--out', 'flyer.html']);
    const html = fs.readFileSync(path.join(dir, 'flyer.html'), 'utf8');
    expect(html).toContain(
      `<tsunagari-chat server="https://relay.example.org" org-key="${publicKey}" campaign="flyer-2026" lang="ja-easy" mode="fullscreen" open exit-url="https://www.example.jp/recipes"></tsunagari-chat>`,
    );
    expect(html).toContain('<script type="module" src="https://relay.example.org/widget/tsunagari-chat.js" integrity="sha512-ZW50cnk=" crossorigin="anonymous"></script>');
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(importMap)).toEqual({ integrity: { 'https://relay.example.org/widget/chunks/transport-1.js': 'sha512-dHJhbnNwb3J0' } });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const policy = decode(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '');
    expect(policy).toBe(
      `default-src 'none'; script-src https://relay.example.org/widget/ blob: 'wasm-unsafe-eval' ${sha256(importMap)}; style-src ${sha256(style)}; ` +
        "img-src data:; connect-src https://relay.example.org wss://relay.example.org; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<title>お知らせ</title>');
  });

  it('prints the page without --out; without --exit-url the widget’s own neutral page is used', async () => {
    const { out } = await run('landing', [...args, '--org-key', publicKey]);
    expect(out).toMatch(/^<!doctype html>/);
    expect(out).toContain('lang="ja" mode="fullscreen" open></tsunagari-chat>');
  });

  it('refuses a bad campaign, language or exit address, and an unbuilt widget', async () => {
    const key = ['--org-key', publicKey];
    expect(await failure('landing', ['--campaign', 'Flyer 2026', '--relay', 'https://relay.example.org', '--widget-dist', 'widget', ...key])).toMatch(/--campaign/);
    expect(await failure('landing', [...args, ...key, '--lang', 'fr'])).toMatch(/--lang/);
    expect(await failure('landing', [...args, ...key, '--exit-url', 'javascript:alert(1)'])).toMatch(/--exit-url/);
    expect(await failure('landing', [...args, ...key, '--exit-url', '//elsewhere.example'])).toMatch(/--exit-url/);
    expect(await failure('landing', ['--campaign', 'flyer', '--relay', 'https://relay.example.org', '--widget-dist', 'console', ...key])).toMatch(/build the widget first/);
  });
});
