import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SERVER_ROOT } from '../src/config.js';

/** What `dist/` is built from: a newer file in any of these means the build is stale. */
const SOURCES = [path.join(SERVER_ROOT, 'src'), path.join(SERVER_ROOT, 'bench'), path.join(REPO_ROOT, 'shared', 'src'), path.join(SERVER_ROOT, 'build.mjs'), path.join(SERVER_ROOT, 'package.json')];
/** The relay as `npm start` runs it. */
export const BUILT_MAIN = path.join(SERVER_ROOT, 'dist', 'main.js');
/** `tsunagari-admin` as built (the operator's `npm run admin` runs the same code through tsx). */
export const BUILT_ADMIN = path.join(SERVER_ROOT, 'dist', 'admin.js');

function newestChange(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

/**
 * The relays and admin commands the integration tests start as processes (test/relay-process.ts,
 * the CLI tests) run the built server, as `npm start` and production do: through the TypeScript
 * loader each start cost 1–2 s more CPU, and a run starts dozens. `npm test` builds just before; a run of vitest alone after an
 * edit rebuilds here first (esbuild, a second or two), so no test runs yesterday's code.
 */
export default function setup(): void {
  const built = fs.statSync(BUILT_MAIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > Math.max(...SOURCES.map(newestChange))) return;
  const run = spawnSync(process.execPath, ['build.mjs'], { cwd: SERVER_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the server for the relay tests failed:\n${run.stdout}${run.stderr}`);
}
