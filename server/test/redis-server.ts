import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** Debian's redis-server (`npm test` installs it when missing, as it does Chromium). */
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** A real Redis for one test file, on a Unix socket in its own temporary folder; nothing kept on disk. */
export interface TestRedis {
  /** What ioredis takes to connect (the socket's path). */
  readonly path: string;
  /** A new connection (its connection errors kept quiet); closed by {@link stop}. */
  connect(): Redis;
  /**
   * Kills redis-server (SIGKILL, as a crash or an OOM kill would) and starts it again on the same
   * socket, `downMs` later: empty, as a Redis that saves nothing comes back (one started with an
   * append-only file comes back with it). Connections reconnect by themselves.
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server in `dir` on `socket`; resolves once it accepts connections. */
async function spawnRedis(dir: string, socket: string, args: readonly string[]): Promise<ChildProcess> {
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`));
    child.once('exit', onExit);
    const check = setInterval(() => {
      if (/ready to accept connections/i.test(log)) {
        clearInterval(check);
        child.off('exit', onExit);
        resolve();
      }
    }, 20);
  });
  return child;
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

/**
 * Starts redis-server as the current user: no persistence, loopback only (no TCP port at all: a
 * Unix socket), so parallel test files never meet on a port and nothing outlives the test.
 */
export async function startRedis(options: { /** More redis-server arguments (e.g. `--cluster-enabled yes`). */ args?: readonly string[] } = {}): Promise<TestRedis> {
  if (!fs.existsSync(REDIS_SERVER)) {
    throw new Error(`redis-server not found at ${REDIS_SERVER}: npm test installs it (Debian: apt-get install -y redis-server), or set REDIS_SERVER_PATH`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-redis-'));
  const socket = path.join(dir, 'redis.sock');
  const args = options.args ?? [];
  let child = await spawnRedis(dir, socket, args);
  const clients: Redis[] = [];
  return {
    path: socket,
    connect() {
      const client = new Redis({ path: socket, lazyConnect: false, maxRetriesPerRequest: 1 });
      // While a test restarts Redis, each refused reconnection is an 'error' event, which ioredis
      // prints raw when nobody listens; commands still fail their own promises. A test that wants
      // the connection's story wraps it in reportConnection (nodes-on-redis.ts).
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    async restart(downMs = 0) {
      await ended(child, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      fs.rmSync(socket, { force: true });
      child = await spawnRedis(dir, socket, args);
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await ended(child, 'SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
