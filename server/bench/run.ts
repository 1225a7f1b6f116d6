/**
 * `npm run bench`: our relay and a bare Socket.IO relay, side by side in one run, each as its own
 * process with a separate load-generator process, on 127.0.0.1 only.
 *   --clients N (1000) --counselors M (20) --rate R msgs/s (2000) --seconds T (20) --payload B (300)
 *   --arrivals A  clients joining the queue per second once all are connected (200)
 *   --rounds K    K rounds alternating ours and the baseline (1); latencies are pooled, and the
 *                 ratio of each round and their median are printed too
 *   --json        one JSON object instead of the human-readable figures
 *   --hold N      connect N idle waiting clients and report memory once positions are pushed
 *   --nodes N     (issue 17) after the single-node rounds, the same load against N of our nodes on
 *                 PostgreSQL + Redis and N bare relays on the same Redis Streams adapter (cluster.ts);
 *                 with --hold, the waiting clients spread over N nodes. Ctrl+C stops every process.
 *   --no-build    run server/dist as it is (otherwise rebuilt first)
 *   --attack      the normal load (default 300 women, 20 counselors) without and then with the
 *                 attacks of issue 14 beside it, and a queue probe under the urgent flood (attack.ts)
 * Environment (--attack: BENCH_ATTACKS=login,history,flood,urgent runs only those attacks, BENCH_ATTACKER_CPUS=1 pins the
 * attacker to those cores, BENCH_LOAD_SPLIT=0 keeps the women and counselors in one load process, BENCH_RELAY_LOOP_NICE=-5 raises
 * the relay's event-loop thread (diagnosis), BENCH_DUMP as below): BENCH_PROFILE=dir (CPU profiles of the servers), BENCH_SERVER_NODE_ARGS (extra Node
 * flags for both servers, e.g. --trace-gc), BENCH_OURS_NODE_ARGS (extra flags for our server only,
 * to try a production setting against the unchanged baseline), BENCH_STALL_MS (list event-loop stalls from this long,
 * default 40), BENCH_DUMP=file (every latency of both runs, in arrival order, as JSON; with --nodes the cluster's in file.cluster.json),
 * BENCH_PROMOTED=dir (a sampled heap profile per server of what outlived the young generation),
 * BENCH_WIRE=1 (frames and bytes per message each way on every socket, by kind: wire-count.ts),
 * BENCH_PG_STATEMENTS=file (with --nodes: PostgreSQL's statements during the exchange and the adapter's packets, cluster-diagnose.ts),
 * BENCH_PG_TCP=1 (with --nodes: the nodes reach PostgreSQL over TCP loopback instead of its Unix socket).
 *
 * Over 300 lines on purpose: it is the one command's orchestration (start the two servers and
 * the load generator in turn, collect, print); the load generator, the baseline relay and the
 * statistics are files of their own already.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toB64 } from '@tsunagari/shared/crypto';
import { enrolInProcess } from '../src/admin/enrol-in-process.js';
import { systemClock } from '../src/clock.js';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';
import { openDatabase } from '../src/db/database.js';
import { StaffLifecycle } from '../src/domain/staff/lifecycle.js';
import { LiveSessions } from '../src/domain/staff/live-sessions.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import type { Repositories } from '../src/repositories/types.js';
import { realScheduler } from '../src/scheduler.js';
import { loadSodium } from '../src/sodium.js';
import { attackRun } from './attack.js';
import { singleLoad, splitLoad } from './load-split.js';
import { type ClusterFigures, type ClusterKit, clusterRound, holdCluster, printCluster } from './cluster.js';
import { type HoldReport, type IpcReply, type LoadConfig, type LoadResult, round, STALL_MS, type Stall, summarize } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    counselors: { type: 'string', default: '20' },
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '20' },
    payload: { type: 'string', default: '300' },
    arrivals: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '1' },
    hold: { type: 'string' },
    nodes: { type: 'string', default: '1' },
    attack: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
/** An attack run's normal load is a prefecture's busy hour, not the throughput test's, unless the command line says. */
const given = (name: string) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const pick = (name: 'clients' | 'rate' | 'arrivals', attackDefault: string) => Number(values.attack && !given(name) ? attackDefault : values[name]);
const opts = {
  clients: pick('clients', '300'),
  counselors: Number(values.counselors),
  rate: pick('rate', '300'),
  seconds: Number(values.seconds),
  payloadBytes: Number(values.payload),
  arrivals: pick('arrivals', '100'),
  rounds: Math.max(1, Number(values.rounds)),
};
const nodes = Math.max(1, Number(values.nodes));
const say = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

// Both servers run as plain JavaScript from dist/, as `npm start` runs ours; build it fresh, unless
// `--no-build` (the smoke test: the suite built dist/ already, and other tests run from it meanwhile).
const built = (name: string) => path.join(here, '..', 'dist', `${name}.js`);
if (!values['no-build']) execFileSync(process.execPath, [path.join(here, '..', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
else if (!fs.existsSync(built('bench-server'))) throw new Error(`--no-build, but ${built('bench-server')} is missing: run pnpm run build`);

/**
 * A server or the load generator as a forked child, all three built to plain JavaScript: the load
 * generator shares the machine with the server it measures, so it should not spend cycles in a
 * loader's wrappers that the server then lacks.
 */
function child(name: string, env: Record<string, string>): ChildProcess {
  const isServer = !name.startsWith('bench-load');
  // BENCH_PROFILE=dir writes a CPU profile of each server process there (for finding hot spots).
  const flags = process.env.BENCH_PROFILE && isServer ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server processes (e.g. --trace-gc).
  if (isServer && process.env.BENCH_SERVER_NODE_ARGS) flags.push(...process.env.BENCH_SERVER_NODE_ARGS.split(' '));
  if (name === 'bench-server' && process.env.BENCH_OURS_NODE_ARGS) flags.push(...process.env.BENCH_OURS_NODE_ARGS.split(' '));
  // Our server runs with the flags every launch of it uses; the baseline and the load generator
  // with Node's defaults, as a bare Socket.IO relay would be run.
  const launch = name === 'bench-server' ? SERVER_NODE_FLAGS : ['--enable-source-maps'];
  const p = fork(built(name), [], { execArgv: [...launch, '--expose-gc', ...flags], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(p);
  p.once('exit', () => running.delete(p));
  // BENCH_RELAY_LOOP_NICE=-5 (diagnosis, root only): our relay's main thread — its event loop, the
  // thread whose id is the process id — at that Linux nice value, set as soon as it is forked, so
  // the threads it starts inherit it (the Argon2id threads still set their own 10): to see how much
  // of a figure is the relay waiting for a core on a machine it shares.
  if (name === 'bench-server' && process.env.BENCH_RELAY_LOOP_NICE && p.pid) os.setPriority(p.pid, Number(process.env.BENCH_RELAY_LOOP_NICE));
  return p;
}

/** Every child still running, and what else to stop when the bench ends (PostgreSQL, Redis, pools). */
const running = new Set<ChildProcess>();
const atExit: (() => unknown)[] = [];

/** Stops every child (killed: this is the end) and then the services, last started first. Runs once. */
let tornDown: Promise<void> | null = null;
function tearDown(): Promise<void> {
  tornDown ??= (async () => {
    for (const p of running) p.kill('SIGKILL');
    for (const stopIt of atExit.reverse()) {
      try {
        await stopIt();
      } catch (err) {
        process.stderr.write(`while stopping: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  })();
  return tornDown;
}
// Ctrl+C reaches the children too, but not PostgreSQL (pg_ctl puts it in a session of its own).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void tearDown().then(() => {
    fs.rmSync(benchDir, { recursive: true, force: true });
    process.exit(130);
  }));
}

function nextMessage<T extends { type: string }>(p: ChildProcess, type: string, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    const onMessage = (m: T) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      p.off('message', onMessage);
      resolve(m);
    };
    p.on('message', onMessage);
    // A child that exits before sending what is awaited fails the run, whatever its exit code.
    p.once('exit', (code, signal) => reject(new Error(`${type}: child exited (${code ?? signal}) before sending it`)));
  });
}

async function memory(p: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  const reply = nextMessage<Extract<IpcReply, { type: 'memory' }>>(p, 'memory');
  p.send({ type: 'memory' });
  return reply;
}

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return;
  const exited = new Promise((resolve) => p.once('exit', resolve));
  p.disconnect();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (p.exitCode === null) p.kill('SIGKILL');
}

/** A temporary database with an organisation and M counselors who can take everyone. */
async function prepareDatabase(dir: string): Promise<{ dbPath: string; logins: LoadConfig['logins'] }> {
  const dbPath = path.join(dir, 'bench.db');
  const db = openDatabase(dbPath);
  const logins = await seed(createSqliteRepositories(db));
  db.close();
  return { dbPath, logins };
}

/** An organisation and M counselors who can take everyone, in `repos` (SQLite or PostgreSQL). */
async function seed(repos: Repositories): Promise<LoadConfig['logins']> {
  const sodium = await loadSodium();
  // A throwaway organisation for the run: enrolled as browsers would, signed here with its key.
  const org = sodium.crypto_sign_keypair();
  await repos.organisation.create('bench', toB64(sodium, org.publicKey), new Date().toISOString());
  const live = new LiveSessions(realScheduler, systemClock);
  const lifecycle = new StaffLifecycle(repos, sodium, systemClock, live, 'min');
  const logins = Array.from({ length: opts.counselors }, (_, i) => ({ username: `bench${i}`, password: `bench-password-${i}` }));
  const capacity = Math.ceil(opts.clients / Math.max(1, opts.counselors)) + 10;
  for (const l of logins) {
    const { staffId } = await enrolInProcess(sodium, lifecycle, org.privateKey, { ...l, displayName: l.username, role: 'counselor' }, { kdf: 'min', now: Date.now() });
    await repos.counselors.setCapacity(staffId, capacity);
  }
  live.stop();
  return logins;
}

export interface Measured {
  result: LoadResult;
  idle: { rss: number; heapUsed: number };
  loaded: { rss: number; heapUsed: number };
  /** The server's event-loop delay during the exchange. */
  loop: { p50: number; p99: number; max: number; stalls: Stall[]; cpuMs: number };
  /** The server's CPU per second with everyone connected and paired but no message sent (IDLE_MS before the exchange). */
  idleCpuMsPerS: number;
  /** Several nodes: each node's CPU during the exchange (their sum is `loop.cpuMs`). */
  nodeCpuMs?: number[];
}

/**
 * How long the servers' CPU is read with everyone connected and nothing sent, before each exchange,
 * and how long before that it is left to settle: the memory reading just before forces a full
 * collection, whose sweeping on V8's threads would otherwise count as idle CPU.
 */
// BENCH_IDLE_MS / BENCH_SETTLE_MS shorten them for the smoke test only (bench-nodes.pg.test.ts): its figures are not read.
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 2000);
const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);

async function serverCpuMs(p: ChildProcess): Promise<number> {
  const reply = nextMessage<Extract<IpcReply, { type: 'cpu' }>>(p, 'cpu');
  p.send({ type: 'cpu' });
  return (await reply).cpuMs;
}

/** For the attack run: networks per woman, and what to do as the exchange starts and once it ends. */
export interface MeasureExtra {
  networks?: boolean;
  /** The women and the counselors in two load processes (load-side.ts), timed on the machine's clock. */
  split?: boolean;
  beforeGo?: (url: string) => Promise<void>;
  afterResult?: () => Promise<void>;
}

/** Every server's answer to the same question, in order. */
const fromAll = <T>(servers: ChildProcess[], ask: (p: ChildProcess) => Promise<T>): Promise<T[]> => Promise.all(servers.map(ask));
const addMemory = (ms: { rss: number; heapUsed: number }[]) => ({ rss: sum(ms.map((m) => m.rss)), heapUsed: sum(ms.map((m) => m.heapUsed)) });

/**
 * One exchange against one server, or against several nodes (`--nodes`: the load generator spreads
 * its clients and counselors over them round-robin). With several, memory and CPU are the nodes'
 * sums, event-loop delays the worst node's, stalls every node's.
 */
export async function measure(target: LoadConfig['target'], serverOrNodes: ChildProcess | ChildProcess[], logins: LoadConfig['logins'], extra: MeasureExtra = {}): Promise<Measured> {
  const servers = Array.isArray(serverOrNodes) ? serverOrNodes : [serverOrNodes];
  const urls = (await fromAll(servers, (s) => nextMessage<Extract<IpcReply, { type: 'ready' }>>(s, 'ready'))).map((r) => r.url);
  const url = urls[0] as string;
  const idle = addMemory(await fromAll(servers, memory));
  const config = { target, url, ...(urls.length > 1 ? { urls } : {}), logins, ...opts, ...(extra.networks ? { networks: true } : {}) } satisfies LoadConfig;
  const load = await (extra.split ? splitLoad : singleLoad)({ child, nextMessage, stop }, config);
  const loaded = addMemory(await fromAll(servers, memory));
  // What the server spends with nobody writing (heartbeats, timers, its own housekeeping): part of
  // the exchange's CPU too, but not a cost of any message.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const idleFrom = sum(await fromAll(servers, serverCpuMs));
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleCpuMsPerS = (sum(await fromAll(servers, serverCpuMs)) - idleFrom) / (IDLE_MS / 1000);
  for (const s of servers) s.send({ type: 'loop-reset' });
  await extra.beforeGo?.(url);
  const result = await load.run((opts.seconds + 90) * 1000);
  await extra.afterResult?.();
  const loops = await fromAll(servers, (s) => {
    const loop = nextMessage<Extract<IpcReply, { type: 'loop' }>>(s, 'loop');
    s.send({ type: 'loop' });
    return loop;
  });
  await load.stop();
  const worst = (key: 'p50' | 'p99' | 'max') => Math.max(...loops.map((l) => l[key]));
  return {
    result,
    idle,
    loaded,
    loop: { p50: worst('p50'), p99: worst('p99'), max: worst('max'), stalls: loops.flatMap((l) => l.stalls), cpuMs: sum(loops.map((l) => l.cpuMs)) },
    idleCpuMsPerS,
    ...(servers.length > 1 ? { nodeCpuMs: loops.map((l) => l.cpuMs) } : {}),
  };
}

async function holdRun(n: number, dir: string): Promise<void> {
  const { dbPath } = await prepareDatabase(dir);
  const server = child('bench-server', { TSUNAGARI_DB: dbPath });
  const { url } = await nextMessage<Extract<IpcReply, { type: 'ready' }>>(server, 'ready');
  const idle = await memory(server);
  const started = performance.now();
  const load = child('bench-load', { BENCH_LOAD: JSON.stringify({ target: 'tsunagari', url, logins: [], hold: true, ...opts, clients: n } satisfies LoadConfig) });
  const report = await nextMessage<HoldReport>(load, 'connected');
  const seconds = (performance.now() - started) / 1000;
  const held = await memory(server);
  load.send({ type: 'done' });
  await stop(load);
  await stop(server);
  const out = {
    held: report.held,
    seconds_to_settle: round(seconds, 1),
    rss_mb: round(held.rss / 2 ** 20, 1),
    heap_mb: round(held.heapUsed / 2 ** 20, 1),
    rss_per_client_kb: round((held.rss - idle.rss) / 1024 / Math.max(1, report.held), 1),
    heap_per_client_kb: round((held.heapUsed - idle.heapUsed) / 1024 / Math.max(1, report.held), 1),
    nodes: 1,
    asked: n,
    failed: report.failed,
    untried: report.untried,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else say(`held ${out.held} of ${n} waiting clients in ${out.seconds_to_settle} s: RSS ${out.rss_mb} MB, heap ${out.heap_mb} MB (${out.rss_per_client_kb} KB RSS / ${out.heap_per_client_kb} KB heap per client)`);
}

/** One round: our relay, then the bare relay, each on fresh processes (ours on a fresh database). */
interface Round {
  a: Measured;
  b: Measured;
  stored: number;
}

async function runRound(dir: string): Promise<Round> {
  const { dbPath, logins } = await prepareDatabase(dir);
  say('· our relay (real server, SQLite file)…');
  const ours = child('bench-server', { TSUNAGARI_DB: dbPath });
  const a = await measure('tsunagari', ours, logins);
  await stop(ours);
  say('· baseline (bare Socket.IO relay)…');
  const bare = child('bench-baseline', {});
  const b = await measure('baseline', bare, []);
  await stop(bare);
  const db = openDatabase(dbPath);
  const stored = (db.prepare('SELECT COUNT(*) AS n FROM message').get() as { n: number }).n;
  db.close();
  return { a, b, stored };
}

/** BENCH_WIRE=1: each kind of packet's frames and bytes over all rounds, per message sent. */
function wirePerMessage(ms: Measured[]): Record<string, { frames: number; bytes: number }> {
  const sent = sum(ms.map((m) => m.result.sent));
  const total: Record<string, { frames: number; bytes: number }> = {};
  for (const m of ms) {
    for (const [k, v] of Object.entries(m.result.wire?.packets ?? {})) {
      const t = (total[k] ??= { frames: 0, bytes: 0 });
      t.frames += v.frames;
      t.bytes += v.bytes;
    }
  }
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { frames: round(v.frames / sent, 3), bytes: round(v.bytes / sent, 1) }]));
}
const mean = (xs: number[]) => sum(xs) / xs.length;
const median = (xs: number[]) => summarize(xs).p50;

/** The run's temporary folder (databases, and with `--nodes` PostgreSQL's and Redis's files). */
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-'));

/** What cluster.ts borrows to run the `--nodes` part in the folder `dir`. */
function clusterKit(dir: string): ClusterKit {
  fs.mkdirSync(dir);
  return { dir, nodes, say, child, nextMessage, memory, stop, atExit: (s) => void atExit.push(s), seed, measure };
}

async function main(): Promise<void> {
  const dir = benchDir;
  try {
    if (values.hold && nodes > 1) {
      const out = await holdCluster(clusterKit(path.join(dir, 'cluster')), Number(values.hold), { ...opts, target: 'tsunagari', url: '', logins: [] });
      if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
      else say(`held ${out.held} of ${out.asked} waiting clients over ${nodes} nodes (${out.failed} failed, ${out.untried} not tried in time, ${out.positioned} told their place) in ${out.seconds_to_settle} s: RSS ${out.rss_mb} MB, heap ${out.heap_mb} MB summed (${out.rss_per_client_kb} KB RSS / ${out.heap_per_client_kb} KB heap per client), Redis ${out.redis_rss_mb} MB${out.first_error ? `; first failure: ${out.first_error}` : ''}`);
      return;
    }
    if (values.hold) return await holdRun(Number(values.hold), dir);
    if (values.attack) return await attackRun({ dir, opts, json: values.json, say, child, nextMessage, memory, stop, prepareDatabase, measure });
    say(`bench: ${opts.clients} clients, ${opts.counselors} counselors, ${opts.rate} msg/s for ${opts.seconds} s, ${opts.payloadBytes}-byte envelopes`);
    // Rounds alternate ours and the baseline, so a machine that is slower for a while slows both.
    const rounds: Round[] = [];
    for (let r = 1; r <= opts.rounds; r++) {
      if (opts.rounds > 1) say(`round ${r}/${opts.rounds}`);
      const roundDir = path.join(dir, `round-${r}`);
      fs.mkdirSync(roundDir);
      rounds.push(await runRound(roundDir));
    }
    const A = rounds.map((r) => r.a);
    const B = rounds.map((r) => r.b);
    const stored = sum(rounds.map((r) => r.stored));
    let cluster: ClusterFigures | undefined;
    if (nodes > 1) cluster = await clusterRound(clusterKit(path.join(dir, 'cluster')));
    if (process.env.BENCH_DUMP) fs.writeFileSync(process.env.BENCH_DUMP, JSON.stringify({ ours: A.flatMap((m) => m.result.latencies), base: B.flatMap((m) => m.result.latencies) }));
    const la = summarize(A.flatMap((m) => m.result.latencies));
    const lb = summarize(B.flatMap((m) => m.result.latencies));
    const offers = summarize(A.flatMap((m) => m.result.offerLatencies));
    const perClient = (ms: Measured[], key: 'rss' | 'heapUsed') => round(mean(ms.map((m) => (m.loaded[key] - m.idle[key]) / 1024 / opts.clients)), 1);
    const perRound = rounds.map(({ a, b }) => {
      const p99 = summarize(a.result.latencies).p99;
      const base = summarize(b.result.latencies).p99;
      return { p99_ms: round(p99), baseline_p99_ms: round(base), p99_ratio: round(p99 / base) };
    });
    const out = {
      clients: opts.clients,
      rate: opts.rate,
      seconds: opts.seconds,
      rounds: opts.rounds,
      sent: sum(A.map((m) => m.result.sent)),
      received: sum(A.map((m) => m.result.received)),
      lost: sum(A.map((m) => m.result.lost)),
      unpaired: sum(A.map((m) => m.result.unpaired)),
      stored,
      p50_ms: round(la.p50),
      p90_ms: round(la.p90),
      p99_ms: round(la.p99),
      max_ms: round(la.max),
      baseline_p50_ms: round(lb.p50),
      baseline_p99_ms: round(lb.p99),
      baseline_lost: sum(B.map((m) => m.result.lost)),
      p99_ratio: round(la.p99 / lb.p99),
      p99_ratio_median: round(median(perRound.map((r) => r.p99_ratio))),
      per_round: perRound,
      rss_per_client_kb: perClient(A, 'rss'),
      heap_per_client_kb: perClient(A, 'heapUsed'),
      baseline_rss_per_client_kb: perClient(B, 'rss'),
      baseline_heap_per_client_kb: perClient(B, 'heapUsed'),
      loop_delay_p99_ms: round(Math.max(...A.map((m) => m.loop.p99))),
      loop_delay_max_ms: round(Math.max(...A.map((m) => m.loop.max))),
      baseline_loop_delay_p99_ms: round(Math.max(...B.map((m) => m.loop.p99))),
      stalls: A.flatMap((m) => m.loop.stalls),
      baseline_stalls: B.flatMap((m) => m.loop.stalls),
      load_stalls: A.flatMap((m) => m.result.stalls),
      baseline_load_stalls: B.flatMap((m) => m.result.stalls),
      server_cpu_ms: round(mean(A.map((m) => m.loop.cpuMs)), 0),
      baseline_server_cpu_ms: round(mean(B.map((m) => m.loop.cpuMs)), 0),
      idle_cpu_ms_per_s: round(mean(A.map((m) => m.idleCpuMsPerS)), 1),
      baseline_idle_cpu_ms_per_s: round(mean(B.map((m) => m.idleCpuMsPerS)), 1),
      load_cpu_ms: round(mean(A.map((m) => m.result.cpuMs)), 0),
      baseline_load_cpu_ms: round(mean(B.map((m) => m.result.cpuMs)), 0),
      offer_p50_ms: round(offers.p50),
      offer_p99_ms: round(offers.p99),
      arrivals_per_s: opts.arrivals,
      inserts_per_s: round(stored / opts.seconds / opts.rounds, 0),
      ...(A[0]?.result.wire ? { wire_per_message: wirePerMessage(A), baseline_wire_per_message: wirePerMessage(B) } : {}),
      nodes,
      ...(cluster ? { cluster } : {}),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return;
    }
    say('');
    say(`delivered ${out.received}/${out.sent} (lost ${out.lost}), stored ${out.stored} (${out.inserts_per_s}/s)`);
    if (out.unpaired) say(`${out.unpaired} women were never paired (offered, never told they were assigned): the exchange ran without them`);
    say(`latency send→delivery  ours: p50 ${out.p50_ms} ms  p90 ${out.p90_ms} ms  p99 ${out.p99_ms} ms  max ${out.max_ms} ms`);
    say(`                   baseline: p50 ${out.baseline_p50_ms} ms  p99 ${out.baseline_p99_ms} ms   → p99 ratio ${out.p99_ratio}`);
    if (opts.rounds > 1) say(`  ratio per round: ${out.per_round.map((r) => r.p99_ratio).join(', ')} (median ${out.p99_ratio_median})`);
    say(`event-loop delay  ours: p99 ${out.loop_delay_p99_ms} ms, max ${out.loop_delay_max_ms} ms   baseline: p99 ${out.baseline_loop_delay_p99_ms} ms`);
    const stallText = (list: Stall[]) => (list.length ? list.map((st) => `${st.ms} ms at ${round(st.atMs / 1000, 1)} s (GC ${st.gcMs} ms)`).join(', ') : 'none');
    say(`stalls ≥ ${STALL_MS} ms  server, ours: ${stallText(out.stalls)}   baseline: ${stallText(out.baseline_stalls)}`);
    say(`  in the load generator  with ours: ${stallText(out.load_stalls)}   with the baseline: ${stallText(out.baseline_load_stalls)}`);
    // CPU figures are per round (the mean of the rounds), as is what was sent in one.
    const perMessage = (ms: number) => round((ms * 1000 * opts.rounds) / out.sent, 0);
    say(`CPU during the exchange  ours: ${out.server_cpu_ms} ms (${perMessage(out.server_cpu_ms)} µs/message), load generator ${out.load_cpu_ms} ms   baseline: ${out.baseline_server_cpu_ms} ms (${perMessage(out.baseline_server_cpu_ms)} µs/message), load generator ${out.baseline_load_cpu_ms} ms`);
    say(`CPU with everyone connected and nothing sent  ours: ${out.idle_cpu_ms_per_s} ms/s   baseline: ${out.baseline_idle_cpu_ms_per_s} ms/s`);
    say(`memory per client  ours: ${out.rss_per_client_kb} KB RSS, ${out.heap_per_client_kb} KB heap   baseline: ${out.baseline_rss_per_client_kb} KB RSS, ${out.baseline_heap_per_client_kb} KB heap`);
    say(`offer (she joins the queue → offer at a counselor; ${opts.arrivals} arrivals/s): p50 ${out.offer_p50_ms} ms  p99 ${out.offer_p99_ms} ms`);
    if (out.wire_per_message) {
      say('on the wire, per message sent (frames / bytes; side, direction, kind):');
      for (const [name, w] of [['ours', out.wire_per_message], ['baseline', out.baseline_wire_per_message]] as const) {
        say(`  ${name}: ${Object.entries(w ?? {}).map(([k, v]) => `${k} ${v.frames} / ${v.bytes}`).join(';  ')}`);
      }
    }
    if (cluster) printCluster(say, out, cluster);
  } finally {
    await tearDown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  // Nothing of the run may keep the process (or a service) alive once it has printed its figures.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
