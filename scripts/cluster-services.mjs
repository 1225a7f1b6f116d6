// The services `npm run cluster` starts in its temporary folder: PostgreSQL, Redis and nginx, each
// as the current user (PostgreSQL as `postgres` when run as root: it refuses root), each with its
// data, socket, pid and log files in that folder only, and each stopped by its own process id.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NGINX, PG_BIN, REDIS, pgTool } from './debian-services.mjs';

const asRoot = process.getuid?.() === 0;

/** A loopback port nobody listens on now, as the OS hands one out. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb (trust on loopback, superuser `tsunagari`) and pg_ctl in `dir/pg`, its Unix socket there
 * too, listening on 127.0.0.1:port only; then the `tsunagari` database. fsync off: a demo.
 * `settings`: more `name=value` server settings (the bench's statement counts load pg_stat_statements).
 */
export async function startPostgres(dir, { settings = [] } = {}) {
  const home = path.join(dir, 'pg');
  fs.mkdirSync(home);
  if (asRoot) {
    const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(home, id('-u'), id('-g'));
  }
  const data = path.join(home, 'data');
  pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'tsunagari', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  pgTool('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=off${settings.map((x) => ` -c ${x}`).join('')}`, '-l', path.join(home, 'log'), '-w', 'start']);
  pgTool('createdb', ['-h', home, '-p', String(port), '-U', 'tsunagari', 'tsunagari']);
  const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://tsunagari@127.0.0.1:${port}/tsunagari`,
    // The same server through its Unix socket in `home` (no TCP loopback: for clients on this machine).
    socketUrl: `postgres://tsunagari@localhost/tsunagari?host=${encodeURIComponent(home)}&port=${port}`,
    port,
    pid,
    // Gone already (a Ctrl+C reaches its process group too): nothing to stop.
    stop: () => fs.existsSync(path.join(data, 'postmaster.pid')) && pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
  };
}

/** Waits for `ready` in a child's output; rejects with that output if it exits first. */
function readyWhen(child, ready, name) {
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      out += d.toString();
      if (ready.test(out)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${out}`)));
  });
}

/** A child that has exited, or exits now on SIGTERM: resolves once it is gone. */
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return gone;
}

/** redis-server on a Unix socket in `dir` (no TCP port), nothing saved to disk. */
export async function startRedis(dir) {
  const socket = path.join(dir, 'redis.sock');
  const child = spawn(REDIS, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await readyWhen(child, /ready to accept connections/i, 'redis-server');
  return { socket, child, stop: () => stopChild(child) };
}

/** Whether something accepts a connection on 127.0.0.1:`port` now. */
function answers(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s.destroy() || true)).once('error', () => resolve(false));
  });
}

/**
 * Runs nginx as the current user out of the folder `home` (made if missing): the preamble that
 * lets it run unprivileged there (`user` when run as root, so its workers are not `nobody` unable
 * to read our files; pid file, error log and every temp path in `home`, no access log), then
 * `http`, the directives of the `http` block (servers, upstreams, maps), and `head`, lines before
 * `events` (e.g. a comment saying who wrote the file). Checks the configuration first (`nginx -t`:
 * its complaint is the error), starts nginx in the foreground and resolves once `port` accepts a
 * connection (within 10 s). `npm run cluster`, the bench and e2e's production layout use it.
 */
export async function runNginx(home, port, http, { head = '', workerConnections = 1024 } = {}) {
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(home, 'tmp', t), { recursive: true });
  const conf = `${head}${asRoot ? `user ${os.userInfo().username};\n` : ''}worker_processes 1;
pid ${home}/nginx.pid;
error_log ${home}/error.log warn;
events { worker_connections ${workerConnections}; }
http {
    access_log off;
    client_body_temp_path ${home}/tmp/body;
    proxy_temp_path ${home}/tmp/proxy;
    fastcgi_temp_path ${home}/tmp/fastcgi;
    uwsgi_temp_path ${home}/tmp/uwsgi;
    scgi_temp_path ${home}/tmp/scgi;
${http.trimEnd()}
}
`;
  const file = path.join(home, 'nginx.conf');
  fs.writeFileSync(file, conf);
  const args = ['-p', home, '-c', file, '-e', path.join(home, 'error.log')];
  const checked = spawnSync(NGINX, [...args, '-t', '-q'], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx -t refused ${file} (${checked.status}): ${checked.stderr}`);
  // Taken already (an `npm start` left running): nginx could not bind, yet the check below would
  // find the other process listening and take nginx for up.
  const taken = await answers(port);
  if (taken) throw new Error(`port ${port} on 127.0.0.1 is already in use (an \`npm start\` or another cluster still running?): stop it, or choose another port with PORT=…`);
  const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let failed = '';
  child.stderr.on('data', (d) => void (failed += d.toString()));
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${failed}`);
    const up = await answers(port);
    if (up) break;
    if (Date.now() > until) {
      await stopChild(child);
      throw new Error(`nginx did not listen on ${port} within 10 s: ${failed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { child, config: conf, stop: () => stopChild(child) };
}

/**
 * nginx in front of the nodes: one listen port on 127.0.0.1, least connections, the WebSocket
 * upgrade passed on, the Host header kept (the relay checks staff origins against it) and no
 * access log (the relay keeps no addresses; neither does its demo proxy). No sticky sessions:
 * the widget and the console open Socket.IO with `transports: ['websocket']` only.
 * `upstreamHeader` (the browser test only, never `npm run cluster`): every response, the
 * WebSocket upgrade's included, names the node that answered in `X-Tsunagari-Upstream` (nginx's
 * `$upstream_addr`: `127.0.0.1:PORT`, or the nodes tried in turn, comma-separated, the last one
 * answering), so the test can tell which node a socket landed on.
 */
export function startNginx(dir, port, nodePorts, { upstreamHeader = false } = {}) {
  return runNginx(
    path.join(dir, 'nginx'),
    port,
    `    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
    upstream tsunagari {
        least_conn;
${nodePorts.map((p) => `        server 127.0.0.1:${p};`).join('\n')}
    }
    server {
        listen 127.0.0.1:${port};
        location / {
            proxy_pass http://tsunagari;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;${upstreamHeader ? '\n            add_header X-Tsunagari-Upstream $upstream_addr always;' : ''}
        }
    }
`,
  );
}

export { stopChild };
