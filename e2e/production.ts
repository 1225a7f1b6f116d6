import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { HOSTS, REPO_ROOT, type RunningNginx, freePort, startNginx } from './nginx.js';
// The relay at production strength: not the e2e servers' test settings (STAFF_KDF=min).
import { type RunningServer, startServer } from '../scripts/demo-server.mjs';

/**
 * Production as the README sets it up, on one machine: the admin's org key file (`org:init`),
 * the relay without DEMO (its org public key registered, one invitation), the console bundle
 * configured by `npm run console-config`, the landing page from `npm run landing` on the NPO's
 * site, the shipped nginx example in front of all three, and a Chromium that resolves the three
 * host names to 127.0.0.1 (no /etc/hosts edit).
 */
export interface Production {
  dir: string;
  origins: RunningNginx['origins'];
  relay: RunningServer;
  nginx: RunningNginx;
  browser: Browser;
  /** The invitation link `staff:invite` printed for the counselor `sato`. */
  inviteLink: string;
  /** The header policy `npm run console-config` printed for this relay. */
  printedHeader: string;
  /** The admin tool (`server/dist/admin.js`) on the relay's database and the org key file. */
  admin(args: string[]): string;
  /** How long each part of the set-up took. */
  timings: string[];
  /** Stops the browser, nginx and the relay (by pid) and removes the folder. */
  stop(): Promise<void>;
}

/** `npm run <script> -- …` from the repository, as the README has the admin run it. */
function npmRun(script: string, args: string[]): string {
  return execFileSync('npm', ['run', '-s', script, '--', ...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startProduction(): Promise<Production> {
  const started = Date.now();
  const timings: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-nginx-'));
  for (const sub of ['relay', 'site']) fs.mkdirSync(path.join(dir, sub));
  const relayDb = path.join(dir, 'relay', 'tsunagari.db');
  const orgKey = path.join(dir, 'org.key');
  const port = await freePort();
  const origins = { console: `https://${HOSTS.console}:${port}`, relay: `https://${HOSTS.relay}:${port}`, site: `https://${HOSTS.site}:${port}` };
  const admin = (args: string[]): string =>
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'server', 'dist', 'admin.js'), ...args], {
      cwd: path.join(REPO_ROOT, 'server'),
      env: { ...process.env, TSUNAGARI_DB: relayDb, TSUNAGARI_ORG_PASSPHRASE: 'an organisation passphrase for this test', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  // The admin's own machine: the organisation key, in its passphrase-encrypted file.
  admin(['org:init', '--out', orgKey]);
  // The relay host: the organisation's public key only, and an invitation for her.
  admin(['org:register', '--name', 'テストNPO', '--key-file', orgKey]);
  const invited = admin(['staff:invite', '--username', 'sato', '--name', '佐藤', '--role', 'counselor', '--console-url', `${origins.console}/`]);
  const inviteLink = /link \(pass it on privately, it works once\): (\S+)/.exec(invited)?.[1] ?? '';
  if (!inviteLink.startsWith(`${origins.console}/#invite=`)) throw new Error(`staff:invite printed no link:\n${invited}`);
  let relay: RunningServer | undefined;
  let nginx: RunningNginx | undefined;
  let browser: Browser | undefined;
  let printedHeader = '';
  /** What has started so far, stopped in reverse (a step that fails must not leave a relay or nginx running). */
  const stopStarted = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    // By pid: nginx (fast shutdown), then the relay (SIGTERM: it commits and closes).
    await nginx?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    relay = await startServer(
      { DEMO: '0', TSUNAGARI_DB: relayDb, PUBLIC_URL: origins.relay, TSUNAGARI_CONSOLE_ORIGIN: origins.console, TSUNAGARI_TRUST_PROXY: '1', TSUNAGARI_HOURS: 'always' },
      path.join(dir, 'relay'),
    );
    timings.push(`relay up ${Date.now() - started} ms`);

    // The console's static host: the built bundle, configured for this relay and key.
    fs.cpSync(path.join(REPO_ROOT, 'console', 'dist'), path.join(dir, 'console'), { recursive: true });
    const configured = npmRun('console-config', ['--relay', origins.relay, '--org-key-file', orgKey, '--dir', path.join(dir, 'console')]);
    printedHeader = /^Content-Security-Policy: (.*)$/m.exec(configured)?.[1] ?? '';
    // The NPO's site: the QR landing page.
    npmRun('landing', ['--campaign', 'flyer-nginx', '--relay', origins.relay, '--org-key-file', orgKey, '--out', path.join(dir, 'site', 'flyer.html')]);
    timings.push(`console-config and landing by ${Date.now() - started} ms`);

    const nginxStarted = Date.now();
    nginx = await startNginx({ dir, consoleDir: path.join(dir, 'console'), siteDir: path.join(dir, 'site'), relayAddress: relay.listening, port });
    timings.push(`nginx up in ${Date.now() - nginxStarted} ms`);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${Object.values(HOSTS).map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`],
    });
  } catch (err) {
    await stopStarted();
    throw err;
  }
  timings.push(`set-up ${Date.now() - started} ms`);
  return {
    dir,
    origins,
    relay,
    nginx,
    browser,
    inviteLink,
    printedHeader,
    admin,
    timings,
    stop: stopStarted,
  };
}
