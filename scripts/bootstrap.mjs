// Shared set-up for `npm start` and `npm test`: on a machine with only Node 20 and npm, get the
// exact pnpm this workspace pins, install dependencies from the lockfile, and build.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];
const LOCAL_PNPM = path.join(ROOT, '.tools', 'node_modules', '.bin', 'pnpm');

/** Prints a step so a person watching knows what is happening and why it waits. */
export function step(text) {
  process.stdout.write(`\n▶ ${text}\n`);
}

function versionOf(cmd) {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The pnpm binary to use: a global one of the pinned version, or a project-local install of it. */
export function ensurePnpm() {
  if (versionOf('pnpm') === PNPM_VERSION) return 'pnpm';
  if (versionOf(LOCAL_PNPM) !== PNPM_VERSION) {
    step(`Installing pnpm ${PNPM_VERSION} into .tools/ (once)`);
    fs.mkdirSync(path.join(ROOT, '.tools'), { recursive: true });
    run('npm', ['install', '--no-save', '--no-package-lock', '--prefix', path.join(ROOT, '.tools'), `pnpm@${PNPM_VERSION}`]);
  }
  // Package scripts call `pnpm` by name: put the local one first on the PATH for every child.
  process.env.PATH = `${path.dirname(LOCAL_PNPM)}${path.delimiter}${process.env.PATH ?? ''}`;
  return LOCAL_PNPM;
}

/** Runs a command in the repository, streaming its output; throws when it fails. */
export function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  if (result.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    err.exitCode = result.status ?? 1;
    throw err;
  }
}

/** Environment for native builds: better-sqlite3 compiles against the installed Node headers. */
export function buildEnv() {
  const env = { CI: process.env.CI ?? 'true' };
  if (!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

/** Installs dependencies exactly as the lockfile says (fast when nothing changed). */
export function installDependencies(pnpm) {
  step('Installing dependencies (frozen lockfile)');
  run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], { env: buildEnv() });
}

/** Builds the server (plain JavaScript in server/dist) and the widget and console it serves. */
export function buildWorkspace(pnpm) {
  step('Building the server, the widget and the console');
  run(pnpm, ['run', 'build']);
}
