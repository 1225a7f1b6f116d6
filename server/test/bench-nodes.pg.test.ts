import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';

// Issue 17: `npm run bench -- --nodes 3` at a tiny load (6 clients, 2 counselors, 50 messages a
// side): every message delivered and stored on the cluster too, the JSON keeps the single-node
// fields and adds `nodes` and `cluster`, and nothing the run started outlives it (PostgreSQL,
// Redis, the nodes, the load generators, the folder). Timings are the bench's to print, not ours
// to assert. It runs the server/dist the suite built (`--no-build`), with the idle CPU windows
// shortened: their figures are not read here.

interface Proc {
  ppid: number;
  state: string;
  /** Clock ticks after boot when it started (stat's 22nd field): with the pid, names one process even after its pid is reused. */
  start: string;
  cmdline: string;
}

/** Processes now: pid → parent, state and command line (from /proc). */
function processes(): Map<number, Proc> {
  const found = new Map<number, Proc>();
  for (const d of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const [state, ppid] = fields;
      found.set(Number(d), { ppid: Number(ppid), state: state ?? '?', start: fields[19] ?? '', cmdline: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The bench's own folder, as its Redis names it (`unixsocket:/tmp/tsunagari-bench-XXXX/cluster/redis.sock`). */
const benchDirIn = (cmdline: string) => /(\S*tsunagari-bench-[^/\s]+)\/cluster\//.exec(cmdline)?.[1];

describe('npm run bench -- --nodes 3', { timeout: 90_000 }, () => {
  it('delivers and stores every message on 3 nodes and on the bare ones, reports both beside the single node, and leaves nothing running', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', '--no-build', '--json', '--nodes', '3', '--clients', '6', '--counselors', '2', '--rate', '50', '--seconds', '1'], {
      cwd: path.join(REPO_ROOT, 'server'),
      env: { ...process.env, BENCH_IDLE_MS: '200', BENCH_SETTLE_MS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    // Every process seen under the bench while it runs, by its command line: its descendants, and
    // what names its folder (PostgreSQL leaves the bench's process tree: pg_ctl starts it in a
    // session of its own, so it is found by its data folder).
    let dir: string | undefined;
    // Keyed by pid and start time: this machine's pids wrap at 32,768, so under the full suite a pid
    // can pass to a later process whose command line would replace the first one's here. (The one
    // failure of this test, in a fresh clone's full run, found no Redis among the names; alone it
    // passes. Pid reuse is the cause this rules out, not one that was seen.)
    const seen = new Map<string, { pid: number; start: string; cmdline: string }>();
    const watch = setInterval(() => {
      const now = processes();
      const tree = new Set([child.pid!]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [pid, p] of now) if (!tree.has(pid) && tree.has(p.ppid)) grew = tree.add(pid) !== null;
      }
      // From this bench's own tree (its Redis is a descendant): another bench running beside it has a folder too.
      dir ??= [...tree].map((pid) => benchDirIn(now.get(pid)?.cmdline ?? '')).find(Boolean);
      for (const [pid, p] of now) {
        if (pid !== child.pid && (tree.has(pid) || (dir && p.cmdline.includes(dir)))) seen.set(`${pid}:${p.start}`, { pid, start: p.start, cmdline: p.cmdline });
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(watch);
    expect(code, err).toBe(0);

    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    // Today's single-node fields, then what --nodes adds.
    for (const key of ['sent', 'received', 'lost', 'stored', 'p50_ms', 'p99_ms', 'baseline_p99_ms', 'baseline_lost', 'p99_ratio', 'server_cpu_ms', 'baseline_server_cpu_ms', 'offer_p99_ms', 'rss_per_client_kb']) {
      expect(result, key).toHaveProperty(key);
    }
    expect(result).toMatchObject({ nodes: 3, unpaired: 0, sent: 50, received: 50, lost: 0, stored: 50, baseline_lost: 0 });
    expect(result.cluster).toMatchObject({ nodes: 3, storage: 'postgresql', adapter: 'redis-streams', unpaired: 0, sent: 50, received: 50, lost: 0, stored: 50, baseline_sent: 50, baseline_lost: 0 });
    expect(result.cluster.node_cpu_ms).toHaveLength(3);
    expect(result.cluster.baseline_node_cpu_ms).toHaveLength(3);
    for (const key of ['p99_ms', 'baseline_p99_ms', 'p99_ratio', 'cpu_us_per_message', 'baseline_cpu_us_per_message', 'postgres_cpu_ms', 'redis_cpu_ms']) {
      expect(typeof result.cluster[key], key).toBe('number');
    }

    // PostgreSQL, Redis, the nodes (ours and bare) and the load generators were seen, and none is left.
    expect(dir).toBeDefined();
    const names = [...seen.values()].map((s) => s.cmdline);
    expect(names.some((c) => c.includes('postgres -D') && c.includes(dir!))).toBe(true);
    expect(names.some((c) => c.includes('redis-server'))).toBe(true);
    // That 3 of each ran is the JSON's (a CPU figure per node above); the watcher, sampling every
    // 100 ms, must have seen them (it missed a bare node living ~1 s in 2 of 3 runs under load).
    expect(names.filter((c) => c.includes('bench-server.js')).length).toBeGreaterThanOrEqual(1);
    expect(names.filter((c) => c.includes('bench-baseline.js')).length).toBeGreaterThanOrEqual(1);
    const now = processes();
    const left = [...seen.values()].filter(({ pid, start }) => now.get(pid)?.start === start && now.get(pid)?.state !== 'Z');
    expect(left).toEqual([]);
    expect([...processes().values()].filter((p) => p.state !== 'Z' && p.cmdline.includes(dir!))).toEqual([]);
    expect(fs.existsSync(dir!)).toBe(false);
  });
});
