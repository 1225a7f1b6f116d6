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

/**
 * Debian's nginx-light, for the test that runs the shipped nginx example in front of the relay
 * (e2e/tests/nginx.spec.ts). Installed the same way as Chromium: only when missing and run as root.
 */
export function ensureNginx() {
  if (fs.existsSync(NGINX)) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`nginx not found at ${NGINX}. Install it (Debian: sudo apt-get install -y nginx-light) or set NGINX_PATH.`), { exitCode: 2 });
  }
  step('Installing Debian nginx-light, the reverse proxy (once, a few seconds)');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status !== 0) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'nginx-light'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

/**
 * Debian's redis-server, for the tests that run routing's queue in a real Redis (issue 17: the
 * queue store's contract and the `server-redis` vitest project). The tests start it themselves as
 * the current user on a Unix socket; installing it does not start it (no systemd here).
 */
export function ensureRedis() {
  if (fs.existsSync(REDIS)) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`redis-server not found at ${REDIS}. Install it (Debian: sudo apt-get install -y redis-server) or set REDIS_SERVER_PATH.`), { exitCode: 2 });
  }
  step('Installing Debian redis-server (once, a few seconds)');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status !== 0) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'redis-server'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

/**
 * Debian's PostgreSQL, for the `server-pg` vitest project (issue 17: the repository contract and
 * the schema twin on a real PostgreSQL). The tests run initdb and pg_ctl themselves in a temporary
 * folder (as the `postgres` user when run as root); installing the package starts no server here.
 * Debian's package for this release is 15, where PG_BIN_DIR points by default.
 */
export function ensurePostgres() {
  if (fs.existsSync(path.join(PG_BIN, 'initdb'))) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`PostgreSQL not found in ${PG_BIN}. Install it (Debian: sudo apt-get install -y postgresql) or set PG_BIN_DIR.`), { exitCode: 2 });
  }
  step('Installing Debian PostgreSQL (once, some seconds)');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (install().status !== 0) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw Object.assign(new Error(`PostgreSQL was installed but ${PG_BIN}/initdb is not there: set PG_BIN_DIR to its bin folder (/usr/lib/postgresql/<version>/bin).`), { exitCode: 2 });
  }
}
