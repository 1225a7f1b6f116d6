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
 * environment; resolves once its banner (URLs and demo logins) is printed.
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ url: string, banner: string, stop(): Promise<void> }>}
 */
export async function startServer(env = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
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
        const m = /listening on (http:\/\/\S+)/.exec(out);
        // Wait for the whole banner: the demo logins follow the URL.
        if (m?.[1] && /\n\n$/.test(out)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
    return { url, banner: out, stop: () => stop(child, dir) };
  } catch (err) {
    await stop(child, dir);
    throw err;
  }
}

async function stop(child, dir) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
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
