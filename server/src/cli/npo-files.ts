/**
 * (Library of publish.ts.) Writes the files an NPO hosts on its own origins, so the relay serves none of the code that
 * holds keys (run on the admin's machine or a build machine; no database, no secret):
 *   console-config --relay URL (--org-key-file FILE | --org-key KEY) [--dir console/dist]
 *                  [--lock-after 15] [--kdf-floor moderate] [--landing-url https://www.npo.example/c/{campaign}.html]
 *                  [--records-key-file FILE | --records-key KEY]   (the case-log notes' records key, issue 16)
 *       writes DIR/console-config.json and points DIR/index.html's CSP at the relay
 *   landing --campaign CODE --relay URL (--org-key-file FILE | --org-key KEY) [--out FILE]
 *           [--lang ja|ja-easy|en] [--exit-url URL] [--widget-dist widget/dist]
 *       the QR landing page as one static file (stdout without --out)
 * Reached through `npm run console-config -- …` and `npm run landing -- …`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { joinStringOptionValues } from './args.js';
import type { SodiumSumo } from '@tsunagari/shared/crypto';
import { REPO_ROOT } from '../config.js';
import { writeConsoleConfig } from './console-config.js';
import { writeLandingPage } from './landing.js';
import { orgPublicKeyOf } from './org-key.js';
import { recordsPublicKeyOf } from './records-key.js';

/** Where the commands write and what they tell the admin; tests pass their own. */
export interface NpoFilesIo {
  out(text: string): void;
  err(text: string): void;
  /** Relative paths on the command line are relative to this (npm's INIT_CWD: where she typed it). */
  cwd: string;
}

/**
 * The relay's origin from `--relay`: https (plain http only on this machine, for trying it out),
 * nothing after the host name. The pages and the console connect to exactly this origin.
 */
export function relayOrigin(text: string | undefined): string {
  if (!text) throw new Error('--relay URL is missing (the relay, e.g. https://relay.example.org)');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--relay ${text} is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error('--relay must be an https:// URL');
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`--relay must be the relay's origin only (like ${url.origin}), with no path`);
  }
  return url.origin;
}

/** The pinned organisation key from `--org-key-file` or `--org-key` (exactly one). */
export async function orgKeyArgument(sodium: SodiumSumo, values: { 'org-key'?: string; 'org-key-file'?: string }, cwd: string) {
  const file = values['org-key-file'];
  const key = values['org-key'];
  if ((file === undefined) === (key === undefined)) throw new Error('give the organisation public key once: --org-key-file FILE or --org-key KEY');
  if (file !== undefined) return orgPublicKeyOf(sodium, { fileText: await fs.readFile(path.resolve(cwd, file), 'utf8') });
  return orgPublicKeyOf(sodium, { key: key as string });
}

/** The pinned records key from `--records-key-file` or `--records-key` (at most one; none: no note field). */
async function recordsKeyArgument(sodium: SodiumSumo, values: { 'records-key'?: string; 'records-key-file'?: string }, cwd: string): Promise<string | undefined> {
  const file = values['records-key-file'];
  const key = values['records-key'];
  if (file !== undefined && key !== undefined) throw new Error('give the records public key once: --records-key-file FILE or --records-key KEY');
  if (file !== undefined) return recordsPublicKeyOf(sodium, { fileText: await fs.readFile(path.resolve(cwd, file), 'utf8') });
  return key === undefined ? undefined : recordsPublicKeyOf(sodium, { key });
}

const OPTIONS = {
  relay: { type: 'string' },
  'org-key': { type: 'string' },
  'org-key-file': { type: 'string' },
  dir: { type: 'string' },
  'lock-after': { type: 'string' },
  'kdf-floor': { type: 'string' },
  'landing-url': { type: 'string' },
  'records-key': { type: 'string' },
  'records-key-file': { type: 'string' },
  campaign: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  'exit-url': { type: 'string' },
  'widget-dist': { type: 'string' },
} as const;

/** Runs one command. Throws Error (usage, files) or CryptoError (a malformed key or key file). */
export async function runNpoFilesCommand(sodium: SodiumSumo, command: string | undefined, args: string[], io: NpoFilesIo): Promise<void> {
  const { values } = parseArgs({ args: joinStringOptionValues(args, OPTIONS), options: OPTIONS, strict: true });
  const relay = relayOrigin(values.relay);
  const org = await orgKeyArgument(sodium, values, io.cwd);
  if (command === 'console-config') {
    const dir = path.resolve(io.cwd, values.dir ?? path.join(REPO_ROOT, 'console', 'dist'));
    const recordsPublicKey = await recordsKeyArgument(sodium, values, io.cwd);
    await writeConsoleConfig({ dir, relay, orgPublicKey: org.publicKey, lockAfter: values['lock-after'], kdfFloor: values['kdf-floor'], landingUrl: values['landing-url'], recordsPublicKey }, io);
    if (recordsPublicKey) io.err(`records public key: ${recordsPublicKey}\nCompare it with what records:init printed.\n`);
  } else if (command === 'landing') {
    const widgetDist = path.resolve(io.cwd, values['widget-dist'] ?? path.join(REPO_ROOT, 'widget', 'dist'));
    const out = values.out === undefined ? null : path.resolve(io.cwd, values.out);
    await writeLandingPage({ relay, orgPublicKey: org.publicKey, campaign: values.campaign, lang: values.lang, exitUrl: values['exit-url'], widgetDist, out }, io);
  } else {
    throw new Error('usage: console-config … | landing … (see the top of server/src/cli/npo-files.ts)');
  }
  io.err(`organisation key fingerprint: ${org.fingerprint}\nCompare it with what org:init printed before you publish.\n`);
}
