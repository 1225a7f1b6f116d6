import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..', 'server');

export interface RunningServer {
  /** Where people reach it: PUBLIC_URL when given, else its own address. */
  url: string;
  /** Where it listens itself (what a proxy in front of it forwards to). */
  listening: string;
  /** The process id (the test stops it by this). */
  pid: number;
  /** The banner the server printed (URLs and demo logins). */
  banner: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`node dist/main.js`, built as `npm start` builds it) on port 0 with a temporary
 * database, demo mode on unless `env` says `DEMO: '0'`, and the given extra environment; resolves
 * once its banner is printed. `dbDir`: the database's folder (made and removed here when absent).
 */
export async function startServer(env: Record<string, string> = {}, dbDir?: string): Promise<RunningServer> {
  const dir = dbDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/main.js'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DEMO: '1', TSUNAGARI_DB: path.join(dir, 'e2e.db'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (https?:\/\/\S+)/.exec(out);
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
    listening: /Relay address \(for the proxy\): (http:\/\/\S+)/.exec(out)?.[1] ?? url,
    pid: child.pid ?? 0,
    banner: out,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid ?? 0, 'SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      if (!dbDir) fs.rmSync(dir, { recursive: true, force: true });
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
