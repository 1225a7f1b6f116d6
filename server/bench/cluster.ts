// Over 300 lines on purpose: `--nodes` is one measurement read top to bottom — start PostgreSQL and
// Redis, run our nodes and the bare nodes, count each process's CPU, print the figures side by side —
// and its parts share the kit and the services they started; the load generator is load.ts.
/**
 * `npm run bench -- --nodes N` (issue 17): after the single-node rounds (our relay on SQLite and
 * the bare relay), the same load against N of our relay nodes sharing one PostgreSQL and one
 * Redis, then against N bare Socket.IO relays sharing the same Redis through the same Redis
 * Streams adapter, clients and counselors spread over the nodes round-robin (no proxy between).
 * `--hold X --nodes N`: X waiting clients spread over N nodes, one load generator per node (each
 * process stays under the machine's 20,000 open files). PostgreSQL and Redis are started as
 * `npm run cluster` starts them (scripts/cluster-services.mjs), in the bench's temporary folder;
 * run.ts stops them, by their own process ids, on exit, on an error and on Ctrl+C.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { startPostgres, startRedis } from '../../scripts/cluster-services.mjs';
import { REDIS, ensurePostgres, ensureRedis } from '../../scripts/debian-services.mjs';
import { migratePg } from '../src/repositories/pg/migrations.js';
import { createPgRepositories } from '../src/repositories/pg/index.js';
import { createPgPool } from '../src/repositories/pg/pool.js';
import type { Repositories } from '../src/repositories/types.js';
import { diagnoseSettings, type Statement, startCounting, statementsSince, streamTally, writeDiagnosis } from './cluster-diagnose.js';
import type { Measured, MeasureExtra } from './run.js';
import { type HoldReport, type IpcReply, type LoadConfig, round, summarize } from './stats.js';

/** What run.ts lends the cluster run (its process plumbing), so both measure the same way. */
export interface ClusterKit {
  dir: string;
  nodes: number;
  say(line: string): void;
  child(name: string, env: Record<string, string>): ChildProcess;
  nextMessage<T extends { type: string }>(p: ChildProcess, type: string, timeoutMs?: number): Promise<T>;
  memory(p: ChildProcess): Promise<{ rss: number; heapUsed: number }>;
  stop(p: ChildProcess): Promise<void>;
  /** Stopped with everything else when the bench ends, however it ends (last registered, first run). */
  atExit(stop: () => unknown): void;
  /** The organisation and counselors of the run, enrolled in `repos`. */
  seed(repos: Repositories): Promise<LoadConfig['logins']>;
  measure(target: LoadConfig['target'], servers: ChildProcess[], logins: LoadConfig['logins'], extra?: MeasureExtra): Promise<Measured>;
}

interface Services {
  /** `url`: what the nodes and the bench's pool connect to (see `pgUrl`). */
  pg: { url: string; pid: number };
  redis: { socket: string; pid: number };
}

/** PostgreSQL and Redis in the bench's folder, installed first if missing (as `npm run cluster` does). */
async function startServices(kit: ClusterKit): Promise<Services> {
  ensureRedis();
  ensurePostgres();
  // PostgreSQL runs as `postgres` when the bench runs as root: it must pass through the folder
  // and the bench's folder above it (both made private by mkdtemp/mkdir's defaults otherwise).
  for (const d of [path.dirname(kit.dir), kit.dir]) fs.chmodSync(d, 0o711);
  const pgServer = await startPostgres(kit.dir, { settings: diagnoseSettings() });
  kit.atExit(pgServer.stop);
  const redis = await startRedis(kit.dir);
  kit.atExit(redis.stop);
  return { pg: { url: pgUrl(pgServer), pid: pgServer.pid }, redis: { socket: redis.socket, pid: redis.child.pid ?? 0 } };
}

/**
 * PostgreSQL as the nodes reach it: through its Unix socket (every process of the run is on this
 * machine, and Redis is reached through its socket too), or over TCP loopback with BENCH_PG_TCP=1.
 * Measured both ways (docs/performance.md, h-17p99): no difference a run could tell apart.
 */
function pgUrl(server: { url: string; socketUrl: string }): string {
  return process.env.BENCH_PG_TCP === '1' ? server.url : server.socketUrl;
}

/** A process's CPU so far in ms, from /proc (100 ticks a second); `withChildren` adds the children it has waited for. */
function procCpuMs(pid: number, withChildren: boolean): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name and state.
    const ticks = (f[11] ?? 0) + (f[12] ?? 0) + (withChildren ? (f[13] ?? 0) + (f[14] ?? 0) : 0);
    return ticks * 10;
  } catch {
    return 0; // gone meanwhile: a backend that ended is in its parent's children's time
  }
}

/** PostgreSQL's CPU so far: the postmaster with the backends it reaped, and every backend alive. */
function postgresCpuMs(postmaster: number): number {
  let total = procCpuMs(postmaster, true);
  for (const d of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) total += procCpuMs(Number(d), false);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

type ServiceFigures = { postgres: number; redis: number; streamEntries: number };

/**
 * Reads PostgreSQL's and Redis's CPU and the packets put on the adapter's stream across the
 * exchange (the hooks measure() calls around it); `around` runs beside them (the diagnosis).
 */
function serviceCpu(s: Services, stream: string, around?: MeasureExtra): { extra: MeasureExtra; result: () => ServiceFigures } {
  let pg0 = 0;
  let redis0 = 0;
  let stream0 = 0;
  let out = { postgres: 0, redis: 0, streamEntries: 0 };
  return {
    extra: {
      beforeGo: async (url) => {
        await around?.beforeGo?.(url);
        stream0 = streamEntries(s, stream);
        pg0 = postgresCpuMs(s.pg.pid);
        redis0 = procCpuMs(s.redis.pid, false);
      },
      afterResult: async () => {
        out = { postgres: postgresCpuMs(s.pg.pid) - pg0, redis: procCpuMs(s.redis.pid, false) - redis0, streamEntries: streamEntries(s, stream) - stream0 };
        await around?.afterResult?.();
      },
    },
    result: () => out,
  };
}

/**
 * How many packets a node has put on the adapter's Redis stream since Redis started (XINFO's
 * entries-added). The stream keeps about 10,000 (the adapter's maxLen): a node that falls
 * further behind than that in reading it misses what was trimmed.
 */
function streamEntries(s: Services, stream: string): number {
  const r = spawnSync(path.join(path.dirname(REDIS), 'redis-cli'), ['-s', s.redis.socket, 'XINFO', 'STREAM', stream], { encoding: 'utf8' });
  // No stream yet (the bare relay puts nothing on it before its first message): none added.
  if (/no such key/i.test(`${r.stdout}${r.stderr}`)) return 0;
  const lines = r.stdout.split('\n');
  const at = lines.indexOf('entries-added');
  return at < 0 ? Number.NaN : Number(lines[at + 1]);
}

/** A migrated database on the run's PostgreSQL, and a pool to it (ended by the caller). */
async function migratedPool(kit: ClusterKit, s: Services): Promise<pg.Pool> {
  const pool = createPgPool(s.pg.url, 2);
  kit.atExit(() => pool.end().catch(() => undefined));
  await migratePg(pool);
  return pool;
}

const nodesOf = (kit: ClusterKit, name: string, env: Record<string, string>) => Array.from({ length: kit.nodes }, () => kit.child(name, env));

/** The cluster's figures, as `cluster` in the JSON. */
export type ClusterFigures = ReturnType<typeof figures>;

function figures(kit: ClusterKit, a: Measured, b: Measured, stored: number, cpu: { a: ServiceFigures; b: ServiceFigures }, stream: { a: number; b: number }) {
  const la = summarize(a.result.latencies);
  const lb = summarize(b.result.latencies);
  const offers = summarize(a.result.offerLatencies);
  const perMessage = (ms: number, sent: number) => round((ms * 1000) / Math.max(1, sent), 0);
  return {
    nodes: kit.nodes,
    storage: 'postgresql',
    adapter: 'redis-streams',
    unpaired: a.result.unpaired,
    sent: a.result.sent,
    received: a.result.received,
    lost: a.result.lost,
    stored,
    p50_ms: round(la.p50),
    p90_ms: round(la.p90),
    p99_ms: round(la.p99),
    max_ms: round(la.max),
    baseline_sent: b.result.sent,
    baseline_lost: b.result.lost,
    baseline_p50_ms: round(lb.p50),
    baseline_p90_ms: round(lb.p90),
    baseline_p99_ms: round(lb.p99),
    baseline_max_ms: round(lb.max),
    p99_ratio: round(la.p99 / lb.p99),
    offer_p50_ms: round(offers.p50),
    offer_p99_ms: round(offers.p99),
    /** Every node's CPU during the exchange, summed (as the single-node `server_cpu_ms`), and per node. */
    server_cpu_ms: a.loop.cpuMs,
    node_cpu_ms: a.nodeCpuMs ?? [],
    cpu_us_per_message: perMessage(a.loop.cpuMs, a.result.sent),
    baseline_server_cpu_ms: b.loop.cpuMs,
    baseline_node_cpu_ms: b.nodeCpuMs ?? [],
    baseline_cpu_us_per_message: perMessage(b.loop.cpuMs, b.result.sent),
    /** The shared services during the same exchange: not in `server_cpu_ms`. */
    postgres_cpu_ms: cpu.a.postgres,
    redis_cpu_ms: cpu.a.redis,
    baseline_redis_cpu_ms: cpu.b.redis,
    /** Packets the nodes put on the adapter's Redis stream over the whole phase (connecting, pairing, exchange). */
    adapter_stream_entries: stream.a,
    baseline_adapter_stream_entries: stream.b,
    /** The same during the exchange only (the messages' own packets, and whatever else was pushed meanwhile). */
    adapter_stream_entries_exchange: cpu.a.streamEntries,
    baseline_adapter_stream_entries_exchange: cpu.b.streamEntries,
    loop_delay_p99_ms: a.loop.p99,
    loop_delay_max_ms: a.loop.max,
    baseline_loop_delay_p99_ms: b.loop.p99,
    stalls: a.loop.stalls,
    baseline_stalls: b.loop.stalls,
    idle_cpu_ms_per_s: round(a.idleCpuMsPerS, 1),
    baseline_idle_cpu_ms_per_s: round(b.idleCpuMsPerS, 1),
    load_cpu_ms: a.result.cpuMs,
    baseline_load_cpu_ms: b.result.cpuMs,
  };
}

/** Our N nodes on PostgreSQL and Redis, then N bare nodes on the same Redis, each on fresh processes. */
export async function clusterRound(kit: ClusterKit): Promise<ClusterFigures> {
  const services = await startServices(kit);
  const pool = await migratedPool(kit, services);
  const logins = await kit.seed(createPgRepositories(pool));
  kit.say(`· our relay, ${kit.nodes} nodes (PostgreSQL + Redis)…`);
  const ours = nodesOf(kit, 'bench-server', { TSUNAGARI_DB: services.pg.url, TSUNAGARI_REDIS_URL: services.redis.socket });
  let statements: Statement[] = [];
  const cpuA = serviceCpu(services, 'tsunagari:socket.io', {
    beforeGo: () => startCounting(pool),
    afterResult: async () => {
      statements = await statementsSince(pool);
    },
  });
  const a = await kit.measure('tsunagari', ours, logins, cpuA.extra);
  const streamA = streamEntries(services, 'tsunagari:socket.io');
  const tallyA = streamTally(services.redis.socket, 'tsunagari:socket.io');
  await Promise.all(ours.map(kit.stop));
  // Counted after the nodes stopped: each flushed its message batcher on the way out.
  const stored = Number((await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM message')).rows[0]?.n ?? 0);
  await pool.end();
  kit.say(`· baseline, ${kit.nodes} bare Socket.IO nodes (Redis Streams adapter)…`);
  const bare = nodesOf(kit, 'bench-baseline', { BENCH_REDIS: services.redis.socket });
  const cpuB = serviceCpu(services, 'bench-baseline:socket.io');
  const b = await kit.measure('baseline', bare, [], cpuB.extra);
  const streamB = streamEntries(services, 'bench-baseline:socket.io');
  // BENCH_DUMP=file: the cluster's latencies too (ours and the bare nodes', in arrival order), beside it.
  if (process.env.BENCH_DUMP) fs.writeFileSync(`${process.env.BENCH_DUMP}.cluster.json`, JSON.stringify({ ours: a.result.latencies, base: b.result.latencies, stalls: a.loop.stalls, baseline_stalls: b.loop.stalls }));
  writeDiagnosis({ sent: a.result.sent, statements: statements.map((st) => ({ per_message: round(st.calls / Math.max(1, a.result.sent), 3), ...st })), stream: tallyA, baseline_stream: streamTally(services.redis.socket, 'bench-baseline:socket.io') }, kit.say);
  await Promise.all(bare.map(kit.stop));
  return figures(kit, a, b, stored, { a: cpuA.result(), b: cpuB.result() }, { a: streamA, b: streamB });
}

/** Redis's resident memory in MB, from /proc. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return round(Number(m?.[1] ?? 0) / 1024, 1);
}

/** `--hold X --nodes N`: X waiting clients over N nodes; how many are actually held, and the memory it takes. */
export async function holdCluster(kit: ClusterKit, asked: number, opts: LoadConfig): Promise<Record<string, unknown>> {
  const services = await startServices(kit);
  await (await migratedPool(kit, services)).end();
  const nodes = nodesOf(kit, 'bench-server', { TSUNAGARI_DB: services.pg.url, TSUNAGARI_REDIS_URL: services.redis.socket });
  const urls = (await Promise.all(nodes.map((s) => kit.nextMessage<Extract<IpcReply, { type: 'ready' }>>(s, 'ready')))).map((r) => r.url);
  const idle = await Promise.all(nodes.map(kit.memory));
  const started = performance.now();
  const loads = urls.map((url, i) => {
    const share = Math.floor(asked / kit.nodes) + (i < asked % kit.nodes ? 1 : 0);
    return kit.child('bench-load', { BENCH_LOAD: JSON.stringify({ ...opts, target: 'tsunagari', url, logins: [], hold: true, clients: share } satisfies LoadConfig) });
  });
  const reports = await Promise.all(loads.map((l) => kit.nextMessage<HoldReport>(l, 'connected')));
  const seconds = (performance.now() - started) / 1000;
  const held = await Promise.all(nodes.map(kit.memory));
  const redisRss = rssMb(services.redis.pid);
  for (const l of loads) l.send({ type: 'done' });
  await Promise.all(loads.map(kit.stop));
  await Promise.all(nodes.map(kit.stop));
  const total = (key: 'held' | 'positioned' | 'failed' | 'untried') => reports.reduce((t, r) => t + r[key], 0);
  const heldCount = total('held');
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  const rss = held.reduce((t, m) => t + m.rss, 0);
  const heap = held.reduce((t, m) => t + m.heapUsed, 0);
  return {
    held: heldCount,
    seconds_to_settle: round(seconds, 1),
    rss_mb: mb(rss),
    heap_mb: mb(heap),
    rss_per_client_kb: round((rss - idle.reduce((t, m) => t + m.rss, 0)) / 1024 / Math.max(1, heldCount), 1),
    heap_per_client_kb: round((heap - idle.reduce((t, m) => t + m.heapUsed, 0)) / 1024 / Math.max(1, heldCount), 1),
    nodes: kit.nodes,
    asked,
    positioned: total('positioned'),
    failed: total('failed'),
    untried: total('untried'),
    ...(reports.find((r) => r.firstError) ? { first_error: reports.find((r) => r.firstError)?.firstError } : {}),
    per_node: reports.map((r, i) => ({ held: r.held, failed: r.failed, untried: r.untried, rss_mb: mb(held[i]?.rss ?? 0), heap_mb: mb(held[i]?.heapUsed ?? 0) })),
    redis_rss_mb: redisRss,
  };
}

/** The single-node figures printCluster sets beside the cluster's (run.ts's JSON fields of the same names). */
interface SingleNode {
  sent: number;
  rounds: number;
  unpaired: number;
  lost: number;
  baseline_lost: number;
  p50_ms: number;
  p99_ms: number;
  baseline_p50_ms: number;
  baseline_p99_ms: number;
  p99_ratio: number;
  server_cpu_ms: number;
  baseline_server_cpu_ms: number;
}

/** The four relays side by side: ours and the bare one, on one node and on N. */
export function printCluster(say: (line: string) => void, one: SingleNode, c: ClusterFigures): void {
  // The single-node CPU figures are per round; `sent` covers every round.
  const perMessage = (ms: number) => round((ms * 1000 * one.rounds) / Math.max(1, one.sent), 0);
  const rows: [string, string, string, string, string][] = [
    ['', 'ours, 1 node (SQLite)', 'bare, 1 node', `ours, ${c.nodes} nodes (PostgreSQL + Redis)`, `bare, ${c.nodes} nodes (Redis adapter)`],
    ['unpaired women', `${one.unpaired}`, '', `${c.unpaired}`, ''],
    ['lost', `${one.lost}`, `${one.baseline_lost}`, `${c.lost} (stored ${c.stored}/${c.sent})`, `${c.baseline_lost}`],
    ['p50', `${one.p50_ms} ms`, `${one.baseline_p50_ms} ms`, `${c.p50_ms} ms`, `${c.baseline_p50_ms} ms`],
    ['p99', `${one.p99_ms} ms`, `${one.baseline_p99_ms} ms`, `${c.p99_ms} ms`, `${c.baseline_p99_ms} ms`],
    ['p99 ratio to bare', `${one.p99_ratio}`, '', `${c.p99_ratio} (target ≤ 1.5)`, ''],
    ['relay CPU / message', `${perMessage(one.server_cpu_ms)} µs`, `${perMessage(one.baseline_server_cpu_ms)} µs`, `${c.cpu_us_per_message} µs`, `${c.baseline_cpu_us_per_message} µs`],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  say('');
  say(`${c.nodes} nodes, clients and counselors round-robin over them (CPU: all nodes' processes summed):`);
  for (const r of rows) say(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  say(`  ${c.nodes} nodes' CPU: ours ${c.node_cpu_ms.join(' + ')} = ${c.server_cpu_ms} ms, bare ${c.baseline_node_cpu_ms.join(' + ')} = ${c.baseline_server_cpu_ms} ms`);
  say(`  beside them: PostgreSQL ${c.postgres_cpu_ms} ms, Redis ${c.redis_cpu_ms} ms (with the bare nodes: Redis ${c.baseline_redis_cpu_ms} ms)`);
  say(`  packets on the adapter's Redis stream: ours ${c.adapter_stream_entries}, bare ${c.baseline_adapter_stream_entries} (it keeps ~10,000)`);
  say(`  offers p50 ${c.offer_p50_ms} ms, p99 ${c.offer_p99_ms} ms; worst node's event-loop delay p99 ${c.loop_delay_p99_ms} ms (bare ${c.baseline_loop_delay_p99_ms} ms)`);
}
