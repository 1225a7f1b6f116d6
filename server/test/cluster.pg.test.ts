import { type ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../src/admin/demo-seed.js';
import { REPO_ROOT } from '../src/config.js';
import { loadSodium } from '../src/sodium.js';
import { call, clientSocket, connected, next, staffSocket, type ClientSocket } from './harness.js';
import { loginWithPassword } from './staff-helpers.js';

// Issue 17: `npm run cluster` (scripts/cluster.mjs) as a person runs it, on the built files:
// PostgreSQL, Redis, 3 relay nodes and nginx in front. It installs nginx, Redis and PostgreSQL
// when missing (as root) and otherwise stops with what to install: then this test fails with
// the script's words, it is never skipped.

let cluster: ChildProcessByStdio<null, Readable, Readable> | null = null;
const sockets: ClientSocket[] = [];
// A failed test still stops the cluster, and waits until it has stopped everything it started.
afterAll(async () => {
  for (const s of sockets) s.close();
  if (!cluster || cluster.exitCode !== null || cluster.signalCode !== null) return;
  const gone = new Promise((resolve) => cluster!.once('exit', resolve));
  cluster.kill('SIGTERM');
  await gone;
});

/** Starts the script and resolves with its banner once it says everything is up. */
async function startCluster(): Promise<{ banner: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'cluster.mjs'), '--no-build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', STAFF_KDF: 'min', LOG_LEVEL: 'warn', TSUNAGARI_POW_COUNTER: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cluster = child;
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => /Ctrl\+C stops every process/.test(out) && resolve());
    void exited.then((code) => reject(new Error(`npm run cluster exited (${code}) before its banner:\n${out}`)));
  });
  return { banner: out, exited };
}

/** Connections nginx holds open to each node's port now (ESTABLISHED in /proc/net/tcp, by remote port). */
function openTo(ports: number[]): number[] {
  const rows = fs.readFileSync('/proc/net/tcp', 'utf8').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
  return ports.map((p) => rows.filter((r) => r[3] === '01' && Number.parseInt(r[2]!.split(':')[1]!, 16) === p).length);
}

/** Waits until the nodes' open connections add up to `total` (an HTTP request's closes a moment after it). */
async function settled(ports: number[], total: number): Promise<number[]> {
  for (;;) {
    const counts = openTo(ports);
    if (counts.reduce((a, b) => a + b, 0) === total) return counts;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The process and every process under it (from /proc), so none may outlive the cluster unseen. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const d of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid);
  return found;
}

/**
 * Whether a process still runs. A zombie (state Z) has ended: PostgreSQL's server, started by
 * pg_ctl, belongs to PID 1, and a container's PID 1 may never collect its exit status.
 */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** A process as `ps` would name it: pid, state and command line. */
function described(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`;
  } catch {
    return `${pid} (gone)`;
  }
}

describe('npm run cluster', { timeout: 120_000 }, () => {
  it('serves the demo through nginx, carries an offer from one node to a counselor on another, and stops every process on SIGTERM', async () => {
    const { banner, exited } = await startCluster();
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    const nodePorts = [...banner.matchAll(/node \d: +http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    const pids = [...banner.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
    const tmp = /Temporary folder: +(\S+)/.exec(banner)![1]!;
    expect(nodePorts).toHaveLength(3);
    // The nodes, nginx, PostgreSQL and Redis.
    expect(pids).toHaveLength(6);
    expect(banner).toContain(`Staff console:               ${url}/console/`);
    // One folder of demo keys for every node, inside the run's folder (deleted with it).
    expect(banner).toContain(`Demo org key file:           ${path.join(tmp, 'demo-keys', 'demo-org.key')}`);

    for (const page of ['/demo/', '/console/']) expect((await fetch(url + page)).status, page).toBe(200);

    const sodium = await loadSodium();
    const viaNginx = { url, sodium };
    const sato = DEMO_STAFF.find((s) => s.username === 'sato')!;
    const counselor = staffSocket(viaNginx, await loginWithPassword(viaNginx, sato.username, sato.password));
    sockets.push(counselor);
    await connected(counselor);
    await call(counselor, 'staff:status', { status: 'available' });
    const counselorNode = (await settled(nodePorts, 1)).indexOf(1);

    const client = clientSocket(viaNginx);
    sockets.push(client);
    await connected(client);
    const counts = await settled(nodePorts, 2);
    const clientNode = counts.findIndex((c, i) => c === 1 && i !== counselorNode);
    // least_conn sent her to a node without the counselor's connection.
    expect(counts[counselorNode], `open connections per node: ${counts.join(', ')}`).toBe(1);
    expect(clientNode).toBeGreaterThanOrEqual(0);

    const offered = next(counselor, 'queue:offer');
    const position = next(client, 'queue:position');
    const { consultationId } = await call(client, 'consultation:start', {});
    expect((await offered).consultationId).toBe(consultationId);
    expect(await position).toMatchObject({ position: 1 });

    for (const s of sockets) s.close();
    const everyProcess = [...new Set([...descendants(cluster!.pid!), ...pids])];
    cluster!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(everyProcess.filter(alive).map(described), 'processes left after SIGTERM').toEqual([]);
    expect(fs.existsSync(tmp)).toBe(false);
  });
});
