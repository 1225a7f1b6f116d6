import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../src/config.js';

// Issue 17: `npm run bench -- --nodes 3` at a tiny load (6 clients, 2 counselors, 50 messages a
// side): every message delivered and stored on the cluster too, the JSON keeps the single-node
// fields and adds `nodes` and `cluster`, and nothing the run started outlives it (PostgreSQL,
// Redis, the nodes, the load generators, the folder). Timings are the bench's to print, not ours
// to assert. It runs the server/dist the suite built (`--no-build`), with the idle CPU windows
// shortened: their figures are not read here.

/**
 * Live processes (zombies aside) that belong to one bench run: those whose environment carries
 * `tag` (the bench, its nodes, load generators and Redis inherit it) or whose command line names
 * `root`, the temporary folder the run was given (PostgreSQL, which pg_ctl starts in a session of
 * its own, is found by its data folder there). Read after the run, not sampled during it: a
 * sampler every 100 ms missed processes living for seconds when the full suite held the machine
 * at load 10 (twice in fresh clones' runs: no Redis seen, then no node).
 */
function processesOf(tag: string, root: string): string[] {
  const found: string[] = [];
  for (const d of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const cmdline = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const environ = fs.readFileSync(`/proc/${d}/environ`, 'utf8').split('\0');
      if (cmdline.includes(root) || environ.includes(tag)) found.push(`${d} ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('npm run bench -- --nodes 3', { timeout: 180_000 }, () => {
  it('delivers and stores every message on 3 nodes and on the bare ones, reports both beside the single node, and leaves nothing running', async () => {
    // The run's own temporary folder (the bench makes its folder under TMPDIR) and a tag in its
    // environment: what is left after it is found by these, whatever else runs on the machine.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nodes-test-'));
    fs.chmodSync(root, 0o755); // PostgreSQL's own user works in a folder inside it
    onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
    const tag = `TSUNAGARI_BENCH_TEST_TAG=${path.basename(root)}`;
    // The finder finds what it should: a tagged process of our own, then nothing once it is gone.
    const probe = spawn('sleep', ['60'], { env: { ...process.env, TSUNAGARI_BENCH_TEST_TAG: path.basename(root) } });
    await expect.poll(() => processesOf(tag, root).length).toBe(1);
    probe.kill();
    await expect.poll(() => processesOf(tag, root)).toEqual([]);

    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', '--no-build', '--json', '--nodes', '3', '--clients', '6', '--counselors', '2', '--rate', '50', '--seconds', '1'], {
      cwd: path.join(REPO_ROOT, 'server'),
      env: { ...process.env, BENCH_IDLE_MS: '200', BENCH_SETTLE_MS: '0', TMPDIR: root, TSUNAGARI_BENCH_TEST_TAG: path.basename(root) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
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

    // That PostgreSQL, Redis and 3 nodes of each kind ran is the JSON's (the CPU figures above);
    // none of them, nor the load generators, is left, and the bench's folder is gone.
    expect(processesOf(tag, root)).toEqual([]);
    // (tsx keeps its compile cache in the same TMPDIR: that one is tsx's, not the bench's.)
    expect(fs.readdirSync(root).filter((name) => name.startsWith('tsunagari-bench-'))).toEqual([]);
  });
});
