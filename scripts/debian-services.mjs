// Debian's nginx-light, redis-server and PostgreSQL, installed when missing (as root only; no
// service is started by installing here: no systemd). Shared by `npm test` and `npm run cluster`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, step } from './bootstrap.mjs';

/** Where each program is looked for; the environment variable points elsewhere. */
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const REDIS = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
export const PG_BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
/** util-linux's runuser, by its path: /usr/sbin is not on every user's PATH (a root shell's PATH without it failed initdb). */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((f) => fs.existsSync(f)) ?? 'runuser';

/**
 * Runs PostgreSQL's `tool` (initdb, pg_ctl, createdb) from PG_BIN, as the `postgres` user when
 * run as root (PostgreSQL refuses root), otherwise as the current user; throws with its output.
 */
export function pgTool(tool, args) {
  const bin = path.join(PG_BIN, tool);
  const r = process.getuid?.() === 0 ? spawnSync(RUNUSER, ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal ?? r.error?.message}): ${r.stderr || r.stdout || ''}`);
}

/**
 * Installs Debian package `pkg` when `file` is missing, as root only (apt-get install, and once
 * more after apt-get update if the package lists were stale); otherwise, or if `file` is still
 * missing then, stops with what to do (exit code 2).
 */
function ensureDebianPackage(file, pkg, what, variable, label) {
  if (fs.existsSync(file)) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`${what} not found at ${file}. Install it (Debian: sudo apt-get install -y ${pkg}) or set ${variable}.`), { exitCode: 2 });
  }
  step(`Installing Debian ${label} (once, a few seconds)`);
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status !== 0) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', pkg], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!fs.existsSync(file)) {
    throw Object.assign(new Error(`${pkg} was installed but ${file} is not there: set ${variable} to where it is.`), { exitCode: 2 });
  }
}

/**
 * Debian's nginx-light: the test that runs the shipped nginx example in front of the relay
 * (e2e/tests/nginx.spec.ts) and `npm run cluster`'s proxy.
 */
export function ensureNginx() {
  ensureDebianPackage(NGINX, 'nginx-light', 'nginx', 'NGINX_PATH', 'nginx-light, the reverse proxy');
}

/**
 * Debian's redis-server, for the tests that run routing's queue in a real Redis (issue 17: the
 * queue store's contract and the `server-redis` vitest project) and `npm run cluster`. They start
 * it themselves as the current user on a Unix socket; installing it does not start it (no systemd here).
 */
export function ensureRedis() {
  ensureDebianPackage(REDIS, 'redis-server', 'redis-server', 'REDIS_SERVER_PATH', 'redis-server');
}

/**
 * Debian's PostgreSQL, for the `server-pg` vitest project (issue 17: the repository contract and
 * the schema twin on a real PostgreSQL) and `npm run cluster`. They run initdb and pg_ctl
 * themselves in a temporary folder (as the `postgres` user when run as root); installing the
 * package starts no server here. Debian's package for this release is 15, where PG_BIN_DIR points by default.
 */
export function ensurePostgres() {
  ensureDebianPackage(path.join(PG_BIN, 'initdb'), 'postgresql', 'PostgreSQL', 'PG_BIN_DIR (its bin folder, /usr/lib/postgresql/<version>/bin)', 'PostgreSQL');
}
