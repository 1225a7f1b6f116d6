// The layout of `npm run cluster` as a module (issue 17): PostgreSQL, Redis, relay nodes sharing
// them (DEMO=1) and nginx in front, all in one temporary folder, started in that order and stopped
// in the reverse one. scripts/cluster.mjs runs it for a person (build, banner, Ctrl+C);
// e2e/tests/cluster.spec.ts runs it for the browser test of a woman and a counselor on two nodes.
// Typed for TypeScript by local-cluster.d.mts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { ROOT, step } from './bootstrap.mjs';
import { freePort, startNginx, startPostgres, startRedis, stopChild } from './cluster-services.mjs';
import { ensureNginx, ensurePostgres, ensureRedis } from './debian-services.mjs';

export const MAIN = path.join(ROOT, 'server', 'dist', 'main.js');

/** Passes a child's output on line by line to `write(line)`, once `live()` says so. */
function forward(from, write, live) {
  let rest = '';
  from.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    if (live()) for (const line of lines) write(line);
  });
}

/**
 * A cluster not started yet. `start` may be stopped half-way (Ctrl+C while PostgreSQL starts):
 * `stop` stops whatever is running by then, last started first, and deletes the folder.
 */
export function createCluster() {
  const stops = [];
  let tmp = '';
  let stopped = false;

  /**
   * One relay node, as `npm start` runs it (its own PORT, DEMO=1, the shared PostgreSQL and
   * Redis). Resolves with the node and its banner once it listens; rejects with its output if it
   * exits first. Its later stdout, and all its stderr, go to `output(n, line)`. `port`: the port it
   * had before (a node started again keeps its place behind nginx); a free one when absent.
   */
  async function startNode(n, env, output, port = undefined) {
    port ??= await freePort();
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
      cwd: path.join(ROOT, 'server'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEMO: '1', ...env, PORT: String(port) },
    });
    // Stopped with the others even if it, or a node beside it, fails to start.
    stops.push(() => stopChild(child));
    let out = '';
    let started = false;
    forward(child.stdout, (line) => output(n, line), () => started);
    forward(child.stderr, (line) => output(n, line), () => true);
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
    return { n, port, child, banner, env, output };
  }

  return {
    /**
     * Installs nginx, Redis and PostgreSQL when missing (as root; otherwise fails saying what to
     * install), then starts them and `nodes` relay nodes from the built server (`pnpm run build`
     * first). `port`: nginx's (0: a free one). `env`: the nodes' environment over this process's.
     * `upstreamHeader`: nginx names the node that answered in `X-Tsunagari-Upstream` (tests only).
     * `output(n, line)`: node n's lines after its banner. Resolves with everything's address and pid.
     */
    async start({ nodes: count = 3, port = 0, env = {}, upstreamHeader = false, output = () => {} } = {}) {
      if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run pnpm run build first`);
      ensureNginx();
      ensureRedis();
      ensurePostgres();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cluster-'));
      // PostgreSQL runs as `postgres` when this runs as root: it must pass through the folder.
      fs.chmodSync(tmp, 0o711);
      const nginxPort = port === 0 ? await freePort() : port;
      const publicUrl = `http://127.0.0.1:${nginxPort}`;

      step('Starting PostgreSQL and Redis in ' + tmp);
      const pg = await startPostgres(tmp);
      stops.push(pg.stop);
      const redis = await startRedis(tmp);
      stops.push(redis.stop);

      // The first node alone: it migrates and seeds the demo (organisation, key files, staff), which
      // two nodes doing at once could each start; the others then find it done.
      step(`Starting ${count} relay nodes`);
      // One folder for the demo's key files (organisation, records), the same for every node.
      // PUBLIC_URL is nginx's address, so the nodes' links and staff origin are nginx's.
      const keys = path.join(tmp, 'demo-keys');
      const nodeEnv = { TSUNAGARI_DB: pg.url, TSUNAGARI_REDIS_URL: redis.socket, TSUNAGARI_DEMO_KEYS_DIR: keys, PUBLIC_URL: publicUrl, TSUNAGARI_TRUST_PROXY: '1', ...env };
      const started = [await startNode(1, nodeEnv, output)];
      started.push(...(await Promise.all(Array.from({ length: count - 1 }, (_, i) => startNode(i + 2, nodeEnv, output)))));

      const nginx = await startNginx(tmp, nginxPort, started.map((n) => n.port), { upstreamHeader });
      stops.push(nginx.stop);
      return { publicUrl, dir: tmp, nodes: started, nginx, pg, redis };
    },

    /**
     * Starts node `node.n` again on its port, as systemd would after it exited (`Restart=on-failure`):
     * a relay whose Redis lost the shared queue exits 75 to be started again. Resolves with the new node.
     */
    restart(node) {
      if (stopped) return Promise.reject(new Error('the cluster is stopping'));
      return startNode(node.n, node.env, node.output, node.port);
    },

    /** Stops what was started, last started first (nginx, the nodes, Redis, PostgreSQL), then deletes the folder; once. */
    async stop() {
      if (stopped) return;
      stopped = true;
      const errors = [];
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (err) {
          errors.push(err.message);
        }
      }
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      if (errors.length) throw new Error(`while stopping: ${errors.join('; ')}`);
    },
  };
}
