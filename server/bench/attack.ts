/**
 * `npm run bench -- --attack`: can one script take the service away from real women? In one
 * invocation, each phase on a fresh relay process and database, with the relay's production
 * limits behind one trusted proxy hop (every woman, counselor and attacker a network of her own):
 *   1. the normal load alone (women paired with counselors, messages both ways);
 *   2. the same load with the attacker process beside it (attack-load.ts: login lockouts on every
 *      counselor, a history-amplification loop, a message flood from waiting clients, 200 urgent
 *      starts from one /64), then whether each counselor can still sign in (the message flood goes
 *      on after the load, up to a minute, until 1.5 MB per consultation is acknowledged or refused);
 *   3. a queue probe: no counselor on duty, real women waiting, the urgent flood, more women.
 * The figures are compared with issue 14's targets and printed beside them; nothing is asserted.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import type { AttackConfig, AttackReport, ProbeReport } from './attack-types.js';
import type { Measured, MeasureExtra } from './run.js';
import { type LoadConfig, round, summarize } from './stats.js';

/** What run.ts lends the attack run (its process plumbing), so both measure the same way. */
export interface AttackKit {
  dir: string;
  opts: { clients: number; counselors: number; rate: number; seconds: number };
  json: boolean;
  say(line: string): void;
  child(name: string, env: Record<string, string>): ChildProcess;
  nextMessage<T extends { type: string }>(p: ChildProcess, type: string, timeoutMs?: number): Promise<T>;
  memory(p: ChildProcess): Promise<{ rss: number; heapUsed: number }>;
  stop(p: ChildProcess): Promise<void>;
  prepareDatabase(dir: string): Promise<{ dbPath: string; logins: LoadConfig['logins'] }>;
  measure(target: LoadConfig['target'], server: ChildProcess, logins: LoadConfig['logins'], extra?: MeasureExtra): Promise<Measured>;
}

const SERVER_ENV = { BENCH_ATTACK: '1' };
/**
 * Both phases measure the same way: a network per woman and counselor, and the women and the
 * counselors in two load processes (load-side.ts), so the attack traffic the counselors receive
 * is not decoded in the process that times the women's deliveries.
 */
// BENCH_LOAD_SPLIT=0: one load process, as before, to compare the two layouts.
const SPLIT = { networks: true, split: process.env.BENCH_LOAD_SPLIT !== '0' } as const;
const MB = 2 ** 20;

function phaseDir(kit: AttackKit, name: string): string {
  const dir = path.join(kit.dir, name);
  fs.mkdirSync(dir);
  return dir;
}

function attackerConfig(url: string, logins: LoadConfig['logins']): AttackConfig {
  return { url, usernames: logins.map((l) => l.username), passwords: logins.map((l) => l.password), floodClients: 20, queueFlood: 200, womenBefore: 2, womenAfter: 3 };
}

/** Phase 2: the load with the attacker beside it, and what the relay stored for the attacker. */
async function underAttack(kit: AttackKit): Promise<{ m: Measured; report: AttackReport; rssGrowthMb: number; storedPerAttacker: number }> {
  const { dbPath, logins } = await kit.prepareDatabase(phaseDir(kit, 'attack'));
  const server = kit.child('bench-server', { TSUNAGARI_DB: dbPath, ...SERVER_ENV });
  let attacker: ChildProcess | null = null;
  let before = { rss: 0, heapUsed: 0 };
  let after = { rss: 0, heapUsed: 0 };
  let report: AttackReport | null = null;
  const m = await kit.measure('tsunagari', server, logins, {
    ...SPLIT,
    beforeGo: async (url) => {
      before = await kit.memory(server);
      attacker = kit.child('bench-attack', { BENCH_ATTACK_CONFIG: JSON.stringify(attackerConfig(url, logins)), BENCH_ATTACK_MODE: 'attack' });
      // BENCH_ATTACKER_CPUS=1: the attacker's threads pinned to those cores (taskset), to see how
      // much of the ratio is the attacker's CPU on the machine the relay runs on.
      if (process.env.BENCH_ATTACKER_CPUS && attacker.pid) execFileSync('taskset', ['-a', '-cp', process.env.BENCH_ATTACKER_CPUS, String(attacker.pid)], { stdio: 'ignore' });
      await kit.nextMessage(attacker, 'ready');
      attacker.send({ type: 'go' });
    },
    afterResult: async () => {
      const a = attacker as unknown as ChildProcess;
      const done = kit.nextMessage<{ type: 'report'; report: AttackReport }>(a, 'report', 120_000);
      a.send({ type: 'stop' });
      report = (await done).report;
      after = await kit.memory(server);
    },
  });
  if (attacker) await kit.stop(attacker);
  await kit.stop(server);
  const r = report as unknown as AttackReport;
  const db = openDatabase(dbPath);
  const bytes = db.prepare('SELECT consultation_id AS id, SUM(LENGTH(ciphertext)) AS n FROM message GROUP BY consultation_id').all() as { id: string; n: number }[];
  db.close();
  const attackers = new Set(r.attackerConsultations);
  const stored = bytes.filter((b) => attackers.has(b.id)).map((b) => b.n);
  return { m, report: r, rssGrowthMb: round((after.rss - before.rss) / MB, 1), storedPerAttacker: stored.length ? Math.max(...stored) : 0 };
}

/** Phase 3: real women's places in the queue while 200 urgent starts from one /64 wait in it. */
async function queueProbe(kit: AttackKit): Promise<ProbeReport> {
  const { dbPath, logins } = await kit.prepareDatabase(phaseDir(kit, 'probe'));
  const server = kit.child('bench-server', { TSUNAGARI_DB: dbPath, ...SERVER_ENV });
  const { url } = await kit.nextMessage<{ type: 'ready'; url: string }>(server, 'ready');
  const prober = kit.child('bench-attack', { BENCH_ATTACK_CONFIG: JSON.stringify(attackerConfig(url, logins)), BENCH_ATTACK_MODE: 'probe' });
  await kit.nextMessage(prober, 'ready');
  const done = kit.nextMessage<{ type: 'probe'; report: ProbeReport }>(prober, 'probe', 120_000);
  prober.send({ type: 'go' });
  const { report } = await done;
  await kit.stop(prober);
  await kit.stop(server);
  return report;
}

const mark = (ok: boolean) => (ok ? 'meets' : 'MISSES');

export async function attackRun(kit: AttackKit): Promise<void> {
  const { opts, say } = kit;
  say(`bench --attack: ${opts.clients} women, ${opts.counselors} counselors, ${opts.rate} msg/s for ${opts.seconds} s, production limits, a network per caller`);
  say('· normal load alone…');
  const { dbPath, logins } = await kit.prepareDatabase(phaseDir(kit, 'normal'));
  const server = kit.child('bench-server', { TSUNAGARI_DB: dbPath, ...SERVER_ENV });
  const normal = await kit.measure('tsunagari', server, logins, SPLIT);
  await kit.stop(server);
  say('· the same load with the attackers beside it…');
  const attacked = await underAttack(kit);
  say('· queue probe under the urgent flood (no counselor on duty)…');
  const probe = await queueProbe(kit);

  // BENCH_DUMP=file: both phases' latencies in arrival order (and by direction, split), the relay's
  // stalls and CPU, and the load generator's (its stalls and CPU are in every latency it measures), as JSON.
  if (process.env.BENCH_DUMP) fs.writeFileSync(process.env.BENCH_DUMP, JSON.stringify({ normal: normal.result.latencies, attack: attacked.m.result.latencies, stalls: { normal: normal.loop.stalls, attack: attacked.m.loop.stalls }, cpuMs: { normal: normal.loop.cpuMs, attack: attacked.m.loop.cpuMs }, load: { normal: { cpuMs: normal.result.cpuMs, stalls: normal.result.stalls }, attack: { cpuMs: attacked.m.result.cpuMs, stalls: attacked.m.result.stalls } }, byDirection: { normal: normal.result.byDirection, attack: attacked.m.result.byDirection } }));
  const p99 = summarize(normal.result.latencies).p99;
  const p99Attack = summarize(attacked.m.result.latencies).p99;
  const worst = probe.positions.reduce((w, p) => (p.position - p.ahead > w.position - w.ahead ? p : w), { position: 0, ahead: 0 });
  const out = {
    clients: opts.clients,
    counselors: opts.counselors,
    rate: opts.rate,
    seconds: opts.seconds,
    pair_p99_ms: round(p99),
    pair_p99_under_attack_ms: round(p99Attack),
    attack_p99_ratio: round(p99Attack / p99),
    lost: normal.result.lost,
    lost_under_attack: attacked.m.result.lost,
    real_woman_position_max: Math.max(...probe.positions.map((p) => p.position)),
    real_women_ahead_of_worst: worst.ahead,
    real_woman_position_excess_max: worst.position - worst.ahead,
    rss_growth_mb: attacked.rssGrowthMb,
    stored_bytes_per_attacker: attacked.storedPerAttacker,
    locked_out_counselors: attacked.report.lockedOut.length,
    locked_out: attacked.report.lockedOut,
    attack: {
      urgent_starts_in_load: attacked.report.urgentStarts,
      urgent_starts_in_probe: probe.urgentStarts,
      flood_starts: attacked.report.starts,
      flood_sends: attacked.report.sends,
      flood_acked_bytes_max: Math.max(0, ...attacked.report.floodAckedBytes),
      history_lists: attacked.report.lists,
      history_bytes_returned: attacked.report.listedBytes,
      wrong_logins: attacked.report.logins,
    },
    targets: { attack_p99_ratio: '<= 2', real_woman_position_max: '<= 3 + real women ahead of her', rss_growth_mb: '< 200', stored_bytes_per_attacker: '<= 1048576', locked_out_counselors: '0' },
    meets: {
      attack_p99_ratio: p99Attack / p99 <= 2,
      real_woman_position_max: worst.position - worst.ahead <= 3,
      rss_growth_mb: attacked.rssGrowthMb < 200,
      stored_bytes_per_attacker: attacked.storedPerAttacker <= MB,
      locked_out_counselors: attacked.report.lockedOut.length === 0,
    },
  };
  if (kit.json) return void process.stdout.write(`${JSON.stringify(out)}\n`);
  say('');
  say(`pair p99 (send → delivery)  alone ${out.pair_p99_ms} ms, under attack ${out.pair_p99_under_attack_ms} ms → ratio ${out.attack_p99_ratio}   target ≤ 2: ${mark(out.meets.attack_p99_ratio)}`);
  say(`real woman's worst queue position  ${out.real_woman_position_max} (worst case: ${worst.position} with ${worst.ahead} real women ahead)   target ≤ 3 + women ahead: ${mark(out.meets.real_woman_position_max)}`);
  say(`RSS growth under attack  ${out.rss_growth_mb} MB   target < 200 MB: ${mark(out.meets.rss_growth_mb)}`);
  say(`stored per attacker consultation  ${out.stored_bytes_per_attacker} bytes   target ≤ 1 MB: ${mark(out.meets.stored_bytes_per_attacker)}`);
  say(`counselors locked out  ${out.locked_out_counselors}${out.locked_out.length ? ` (${out.locked_out.join(', ')})` : ''}   target 0: ${mark(out.meets.locked_out_counselors)}`);
  say(`lost messages  alone ${out.lost}, under attack ${out.lost_under_attack}`);
  say(`what the attacks got  ${JSON.stringify(out.attack)}`);
}
