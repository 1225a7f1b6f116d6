// `npm run cluster`: the demo on several relay nodes (issue 17). Builds as `npm start` does, then
// starts in one temporary folder PostgreSQL, Redis, three relay nodes sharing them (DEMO=1) and
// nginx in front, prints `npm start`'s banner with nginx's address, and on Ctrl+C or SIGTERM
// stops everything (each by its own process id) and deletes the folder.
// PORT: nginx's port (8080 by default; 0: a free one). `--no-build`: use the built files as they are.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { ROOT, buildWorkspace, ensurePnpm, installDependencies, step } from './bootstrap.mjs';
import { freePort, startNginx, startPostgres, startRedis, stopChild } from './cluster-services.mjs';
import { ensureNginx, ensurePostgres, ensureRedis } from './debian-services.mjs';

const NODES = 3;
const MAIN = path.join(ROOT, 'server', 'dist', 'main.js');

/** Writes a child's output line by line, each line marked with `tag`, once `live()` says so. */
function forward(from, tag, live) {
  let rest = '';
  from.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    if (live()) for (const line of lines) process.stdout.write(`[${tag}] ${line}\n`);
  });
}

/**
 * One relay node, as `npm start` runs it (its own PORT, DEMO=1, the shared PostgreSQL and Redis,
 * PUBLIC_URL = nginx's address so its links and staff origin are nginx's). Resolves with the node
 * and its banner once it listens; rejects with its output if it exits first. Its later output is
 * forwarded marked `[node N]`; the banner itself is printed once, by the caller.
 */
async function startNode(n, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
    cwd: path.join(ROOT, 'server'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEMO: '1', ...env, PORT: String(port) },
  });
  // Stopped with the others even if it, or a node beside it, fails to start.
  stops.push(() => stopChild(child));
  let out = '';
  let started = false;
  forward(child.stdout, `node ${n}`, () => started);
  forward(child.stderr, `node ${n}`, () => true);
  const banner = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d.toString();
      const found = /\nTsunagari chat listening on [\s\S]*?\n\n/.exec(out);
      if (found && !started) {
        started = true;
        resolve(found[0].trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`relay node ${n} exited (${code}) while starting:\n${out}`)));
  });
  return { n, port, child, banner };
}

const stops = [];
let stopping = false;
let tmp = '';

/** Stops what was started, last started first (nginx, the nodes, Redis, PostgreSQL), then deletes the folder. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      process.stderr.write(`while stopping: ${err.message}\n`);
      code = 1;
    }
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll(0));
// `npm run cluster` runs this through a shell that does not pass a SIGTERM on: npm exits and
// this script is left to init. A new parent means whoever started it is gone: stop, as on SIGTERM.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stopAll(0), 500).unref();

try {
  if (!process.argv.includes('--no-build')) {
    const pnpm = ensurePnpm();
    installDependencies(pnpm);
    buildWorkspace(pnpm);
  } else if (!fs.existsSync(MAIN)) {
    throw new Error(`--no-build, but ${MAIN} is missing: run pnpm run build (or npm run cluster without --no-build)`);
  }
  ensureNginx();
  ensureRedis();
  ensurePostgres();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cluster-'));
  // PostgreSQL runs as `postgres` when this runs as root: it must pass through the folder.
  fs.chmodSync(tmp, 0o711);
  const nginxPort = process.env.PORT === '0' ? await freePort() : Number(process.env.PORT ?? 8080);
  const publicUrl = `http://127.0.0.1:${nginxPort}`;

  step('Starting PostgreSQL and Redis in ' + tmp);
  const pg = await startPostgres(tmp);
  stops.push(pg.stop);
  const redis = await startRedis(tmp);
  stops.push(redis.stop);

  // The first node alone: it migrates and seeds the demo (organisation, key files, staff), which
  // two nodes doing at once could each start; the others then find it done.
  step(`Starting ${NODES} relay nodes`);
  // One folder for the demo's key files (organisation, records), the same for every node.
  const keys = path.join(tmp, 'demo-keys');
  const env = { TSUNAGARI_DB: pg.url, TSUNAGARI_REDIS_URL: redis.socket, TSUNAGARI_DEMO_KEYS_DIR: keys, PUBLIC_URL: publicUrl, TSUNAGARI_TRUST_PROXY: '1' };
  const nodes = [];
  const track = (node) => {
    nodes.push(node);
    node.child.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`relay node ${node.n} stopped (${code}): stopping the cluster\n`);
      void stopAll(1);
    });
  };
  track(await startNode(1, env));
  for (const node of await Promise.all(Array.from({ length: NODES - 1 }, (_, i) => startNode(i + 2, env)))) track(node);

  const nginx = await startNginx(tmp, nginxPort, nodes.map((n) => n.port));
  stops.push(nginx.stop);
  nginx.child.once('exit', (code) => !stopping && void stopAll(1));

  const lines = [
    '',
    // Each node names itself in its banner: listed below with the others, not as the whole cluster's.
    nodes[0].banner.replace(/^ {2}This node: .*\n/m, ''),
    `  Nodes:                       ${NODES} relay nodes behind nginx (least connections, WebSocket only, no sticky sessions)`,
    ...nodes.map((n) => `    node ${n.n}:                    http://127.0.0.1:${n.port} (pid ${n.child.pid}), node id ${/This node: +(\S+)/.exec(n.banner)?.[1] ?? '?'}`),
    `    nginx:                     ${publicUrl} (pid ${nginx.child.pid})`,
    `    PostgreSQL:                127.0.0.1:${pg.port}, database tsunagari (pid ${pg.pid})`,
    `    Redis:                     ${redis.socket} (pid ${redis.child.pid})`,
    `    Temporary folder:          ${tmp} (deleted on stop)`,
    '  Ctrl+C stops every process and deletes the temporary folder.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  await stopAll(err.exitCode ?? 1);
}
