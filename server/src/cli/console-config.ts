import fs from 'node:fs/promises';
import path from 'node:path';
import { landingUrlSchema } from '@tsunagari/shared';
import { CSP_META_PATTERN, consoleCsp, consoleCspMeta } from '../../../console/csp.mjs';
import type { NpoFilesIo } from './npo-files.js';

/**
 * `console-config.json`, served beside the console's files on the NPO's console origin: the only
 * place the console takes the relay's address and the organisation key from (never from a relay
 * answer). `kdfFloor` is `moderate` in production; `min` exists only for test servers.
 */
export interface ConsoleConfigFile {
  relayUrl: string;
  orgPublicKey: string;
  lockAfterMinutes: number;
  kdfFloor: 'moderate' | 'min';
  /** Where a flyer's QR code leads: the landing pages on the NPO's site, `{campaign}` in the path. */
  landingUrl?: string;
  /** The records key's public half (issue 16): case-log notes are sealed to it; absent, no note field. */
  recordsPublicKey?: string;
}

/** Minutes without input before the console locks itself (keys wiped, password asked again). */
export const DEFAULT_LOCK_AFTER_MINUTES = 15;

function lockAfterMinutes(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LOCK_AFTER_MINUTES;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 240) throw new Error('--lock-after must be whole minutes from 1 to 240');
  return n;
}

/** `--landing-url`: an https address on the NPO's site with `{campaign}` once in its path. */
function landingUrl(text: string | undefined): { landingUrl?: string } {
  if (text === undefined) return {};
  if (!text.startsWith('https://') || !landingUrlSchema.safeParse(text).success) {
    throw new Error('--landing-url must be an https:// address with {campaign} once in its path, e.g. https://www.npo.example/c/{campaign}.html');
  }
  return { landingUrl: text };
}

function kdfFloor(text: string | undefined): ConsoleConfigFile['kdfFloor'] {
  if (text === undefined || text === 'moderate') return 'moderate';
  if (text === 'min') return 'min';
  throw new Error('--kdf-floor must be moderate (production) or min (test servers only)');
}

/**
 * Configures a built console bundle in `dir` for one relay: writes `console-config.json` and puts
 * the relay into `index.html`'s Content-Security-Policy meta tag, then prints the same policy as a
 * header for the web server (where `frame-ancestors` also works). Needs no secret.
 */
export async function writeConsoleConfig(
  o: { dir: string; relay: string; orgPublicKey: string; lockAfter: string | undefined; kdfFloor: string | undefined; landingUrl?: string | undefined; recordsPublicKey?: string | undefined },
  io: NpoFilesIo,
): Promise<ConsoleConfigFile> {
  const config: ConsoleConfigFile = { relayUrl: o.relay, orgPublicKey: o.orgPublicKey, lockAfterMinutes: lockAfterMinutes(o.lockAfter), kdfFloor: kdfFloor(o.kdfFloor), ...landingUrl(o.landingUrl) };
  if (o.recordsPublicKey !== undefined) config.recordsPublicKey = o.recordsPublicKey;
  const indexFile = path.join(o.dir, 'index.html');
  const html = await fs.readFile(indexFile, 'utf8').catch(() => {
    throw new Error(`${indexFile} is missing: build the console first (npm run build), or give --dir the bundle's folder`);
  });
  if (!CSP_META_PATTERN.test(html)) throw new Error(`${indexFile} has no Content-Security-Policy meta tag: is it the console's build?`);
  await fs.writeFile(indexFile, html.replace(CSP_META_PATTERN, consoleCspMeta(o.relay)));
  await fs.writeFile(path.join(o.dir, 'console-config.json'), `${JSON.stringify(config, null, 2)}\n`);
  if (config.kdfFloor === 'min') io.err('kdfFloor "min" accepts test-strength password hashing: never use it for real staff.\n');
  io.out(
    `wrote ${path.join(o.dir, 'console-config.json')} and the policy in ${indexFile}\n` +
      `Serve ${o.dir} on the console's own host name with this header (deploy/nginx/tsunagari.conf):\n` +
      `Content-Security-Policy: ${consoleCsp({ relayOrigin: o.relay })}\n`,
  );
  return config;
}
