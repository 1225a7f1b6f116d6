import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer as startDemoServer } from '../scripts/demo-server.mjs';
import { E2E_SERVER_ENV, templateFor } from '../scripts/e2e-templates.mjs';

export { parseDemoLogins, type RunningServer } from '../scripts/demo-server.mjs';
// What every e2e server starts with, and the clocks seeded ahead (scripts/e2e-templates.mjs).
export { E2E_SERVER_ENV, SEEDED_CLOCKS } from '../scripts/e2e-templates.mjs';

/**
 * Starts the real server (`node dist/main.js`, built as `npm start` builds it) on port 0 with a
 * temporary database, demo mode on, `E2E_SERVER_ENV` and the given extra environment. The
 * database is a copy of the freshly seeded template where there is one (`templateFor`, scripts/e2e-templates.mjs), so
 * the server finds its demo organisation and logins in place and seeds nothing.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const full = { ...E2E_SERVER_ENV, ...env };
  const template = templateFor(full);
  if (!template) return startDemoServer(full);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  try {
    fs.cpSync(template, dir, { recursive: true });
    const server = await startDemoServer(full, dir);
    return {
      ...server,
      stop: async () => {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
