import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..', 'server');

/**
 * Starts the real server (as `npm start` does, demo mode) on port 0 with a temporary database,
 * waits for its "listening" line, and hands the URL to the tests through BASE_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  const child: ChildProcess = spawn(path.join(serverDir, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DEMO: '1', TSUNAGARI_DB: path.join(dir, 'e2e.db'), LOG_LEVEL: 'warn', STAFF_KDF: 'interactive' },
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
  process.env.BASE_URL = url;
  // The tests log in with the demo accounts exactly as the banner prints them for people.
  const logins = [...out.matchAll(/^\s+(admin|supervisor|counselor)\s+(\S+)\s+\/ (\S+)$/gm)].map((m) => ({ role: m[1], username: m[2], password: m[3] }));
  process.env.DEMO_LOGINS = JSON.stringify(logins);
  process.env.E2E_DIR = dir;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
