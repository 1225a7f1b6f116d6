// The built server (`node dist/main.js`, as `npm start` runs it) in a process of its own, on port 0
// with a throw-away database and the demo organisation: what the browser tests and `npm run size`
// run against. Typed for TypeScript by demo-server.d.mts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server');

/**
 * Starts the server with a temporary database, demo mode on, and `env` over this process's
 * environment (`DEMO: '0'` and an https `PUBLIC_URL` for a production relay); resolves once its
 * banner (URLs and demo logins) is printed. `dbDir`: a folder of the caller's for the database,
 * kept at the end (a temporary one is made and removed otherwise).
 * @param {Record<string, string>} [env]
 * @param {string} [dbDir]
 * @returns {Promise<{ url: string, listening: string, pid: number, banner: string, stop(): Promise<void> }>}
 */
export async function startServer(env = {}, dbDir = undefined) {
  const dir = dbDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  const cleanup = dbDir === undefined;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/main.js'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DEMO: '1', TSUNAGARI_DB: path.join(dir, 'e2e.db'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
      child.stdout.on('data', (chunk) => {
        out += chunk.toString();
        const m = /listening on (https?:\/\/\S+)/.exec(out);
        // Wait for the whole banner (it ends with a blank line): the demo logins follow the URL.
        // A log line may follow the banner in the same chunk, so the blank line need not be last.
        if (m?.[1] && /listening on [\s\S]*\n\n/.test(out)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
    // A relay behind a proxy prints where it listens itself (its URL is the proxy's).
    const listening = /Relay address \(for the proxy\): (http:\/\/\S+)/.exec(out)?.[1] ?? url;
    return { url, listening, pid: child.pid ?? 0, banner: out, stop: () => stop(child, cleanup ? dir : null) };
  } catch (err) {
    await stop(child, cleanup ? dir : null);
    throw err;
  }
}

/** Stops the server by its pid (SIGTERM: it commits and closes) and removes a temporary folder. */
async function stop(child, dir) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The demo logins exactly as the banner prints them for people.
 * @param {string} banner
 * @returns {{ role: string, username: string, password: string }[]}
 */
export function parseDemoLogins(banner) {
  return [...banner.matchAll(/^\s+(admin|supervisor|counselor)\s+(\S+)\s+\/ (\S+)$/gm)].map((m) => ({
    role: m[1] ?? '',
    username: m[2] ?? '',
    password: m[3] ?? '',
  }));
}
