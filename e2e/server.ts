import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..', 'server');

export interface RunningServer {
  url: string;
  /** The banner the server printed (URLs and demo logins). */
  banner: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`node dist/main.js`, built as `npm start` builds it) on port 0 with a temporary
 * database, demo mode on, the test KDF floor, and the given extra environment; resolves once its
 * banner is printed.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/main.js'], {
    cwd: serverDir,
    // STAFF_KDF=min: the demo logins and the server's floor use libsodium's MIN Argon2id, so each
    // console login takes milliseconds, not seconds (test servers only; the banner says so).
    env: { ...process.env, PORT: '0', DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: path.join(dir, 'e2e.db'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
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
  return {
    url,
    banner: out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo logins exactly as the banner prints them for people. */
export function parseDemoLogins(banner: string): { role: string; username: string; password: string }[] {
  return [...banner.matchAll(/^\s+(admin|supervisor|counselor)\s+(\S+)\s+\/ (\S+)$/gm)].map((m) => ({
    role: m[1] ?? '',
    username: m[2] ?? '',
    password: m[3] ?? '',
  }));
}
