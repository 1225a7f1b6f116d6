import fs from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { WireCount } from './wire-count.js';
/** Percentile of a sorted array (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(latencies: number[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Messages exchanged by the load generator, shared by both targets so the comparison is fair. */
export interface LoadConfig {
  target: 'tsunagari' | 'baseline';
  url: string;
  /** Several nodes (`--nodes`): client and counselor i connect to `urls[i % urls.length]` (default: `url` alone). */
  urls?: string[];
  clients: number;
  counselors: number;
  rate: number;
  seconds: number;
  payloadBytes: number;
  /** Clients arriving (joining the queue) per second, once all are connected. */
  arrivals: number;
  /** Hold mode: connect `clients` idle clients that wait in the queue; no counselors, no messages. */
  hold?: boolean;
  /** Counselor logins (tsunagari only). */
  logins: { username: string; password: string }[];
  /** Each woman and counselor from an address of her own (X-Forwarded-For; the relay trusts one proxy hop). */
  networks?: boolean;
}

export interface LoadResult {
  /** Women who arrived but were never paired within the load generator's wait (the exchange ran without them). */
  unpaired: number;
  sent: number;
  received: number;
  lost: number;
  latencies: number[];
  offerLatencies: number[];
  /** The load generator's own event-loop stalls during the exchange: its delays count in every latency. */
  stalls: Stall[];
  /** CPU time the load generator used during the exchange (all its threads). */
  cpuMs: number;
  /** With BENCH_WIRE=1: frames and bytes each way during the exchange and its drain. */
  wire?: WireCount;
  /**
   * The split load (`--attack`): the same latencies by where they arrived, each in arrival order —
   * at the women's process (which gets no attack traffic) or at the counselors' (which gets the
   * attacker's consultations too). Alike, the delay is the relay's; apart, the slower side's process.
   */
  byDirection?: { toWomen: number[]; toCounselors: number[] };
}

/**
 * One side's report in `--attack`'s split load (load-side.ts): its messages as `id|role|seq` with
 * the machine-clock time each left, the other side's with the time each arrived.
 */
export interface SideReport {
  sent: [string, number][];
  arrived: [string, number][];
  /** Messages of consultations not in the load (the attacker's, offered to the counselors). */
  foreign: number;
  stalls: Stall[];
  cpuMs: number;
}

/** Hold mode's report, sent with `connected`: how many start and are held, not just how many were asked. */
export interface HoldReport {
  type: 'connected';
  /** Clients whose start was acknowledged and who are still connected. */
  held: number;
  /** Of those, how many were told their place in the queue at least once. */
  positioned: number;
  /** Clients that could not connect or whose start was refused (the first reason in `firstError`). */
  failed: number;
  /** Clients never started: the joining phase's time ran out first. */
  untried: number;
  firstError?: string;
}

/** Messages between processes: the orchestrator asks, servers answer. */
export type IpcRequest = { type: 'memory' } | { type: 'loop-reset' } | { type: 'loop' } | { type: 'cpu' };
export type IpcReply =
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'ready'; url: string }
  | { type: 'loop'; p50: number; p99: number; max: number; stalls: Stall[]; cpuMs: number }
  /** The process's CPU time so far (all threads), in ms. */
  | { type: 'cpu'; cpuMs: number };

/** One long hold-up of a server's event loop: when (ms after the reset), how long, how much of it was GC. */
export interface Stall {
  atMs: number;
  ms: number;
  gcMs: number;
}

/** Hold-ups at least this long are listed one by one: each delays every message behind it. */
export const STALL_MS = Number(process.env.BENCH_STALL_MS ?? 40);

/** Records event-loop hold-ups of STALL_MS or more with the garbage collection inside them. */
export function watchStalls(): { reset(): void; take(): Stall[] } {
  let origin = performance.now();
  let last = origin;
  let stalls: Stall[] = [];
  const gcs: { start: number; end: number }[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
    if (gcs.length > 10_000) gcs.splice(0, 5_000);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    if (gap < STALL_MS) return;
    const gcMs = gcs.reduce((sum, g) => sum + Math.max(0, Math.min(g.end, now) - Math.max(g.start, now - gap)), 0);
    stalls.push({ atMs: round(now - gap - origin, 0), ms: round(gap, 1), gcMs: round(gcMs, 1) });
  }, 5).unref();
  return {
    reset: () => {
      origin = performance.now();
      stalls = [];
    },
    take: () => stalls,
  };
}

/**
 * Lets a forked server answer the orchestrator's questions: memory (after a GC, when exposed)
 * and how long its event loop was held up since the last reset (what every message waits behind).
 */
export function answerMemoryRequests(): void {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const stalls = watchStalls();
  let cpu = process.cpuUsage();
  const promoted = watchPromotions();
  process.on('message', (m: IpcRequest) => {
    if (m.type === 'loop-reset') {
      promoted.start();
      stalls.reset();
      cpu = process.cpuUsage();
      return void loop.reset();
    }
    if (m.type === 'cpu') {
      const total = process.cpuUsage();
      return void process.send?.({ type: 'cpu', cpuMs: (total.user + total.system) / 1000 } satisfies IpcReply);
    }
    if (m.type === 'loop') {
      const ms = (ns: number) => round(ns / 1e6);
      const used = process.cpuUsage(cpu);
      const cpuMs = round((used.user + used.system) / 1000, 0);
      promoted.stop();
      return void process.send?.({ type: 'loop', p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), stalls: stalls.take(), cpuMs } satisfies IpcReply);
    }
    global.gc?.();
    const mem = process.memoryUsage();
    process.send?.({ type: 'memory', rss: mem.rss, heapUsed: mem.heapUsed } satisfies IpcReply);
  });
}

/**
 * BENCH_PROMOTED=dir: samples, during the exchange, the allocations that outlived the young
 * generation (they feed the old generation, whose collections are what hold up the machine), and
 * writes them there as a .heapprofile per server (open it in Chrome's DevTools, Memory tab).
 */
function watchPromotions(): { start(): void; stop(): void } {
  const dir = process.env.BENCH_PROMOTED;
  if (!dir) return { start: () => undefined, stop: () => undefined };
  const session = new Session();
  session.connect();
  return {
    start: () =>
      session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false } as never),
    stop: () =>
      session.post('HeapProfiler.stopSampling', (err, result) => {
        if (!err) fs.writeFileSync(`${dir}/promoted-${process.pid}.heapprofile`, JSON.stringify(result.profile));
      }),
  };
}
