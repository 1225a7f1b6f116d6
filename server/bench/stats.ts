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
  clients: number;
  counselors: number;
  rate: number;
  seconds: number;
  payloadBytes: number;
  /** Hold mode: connect `clients` idle clients that wait in the queue; no counselors, no messages. */
  hold?: boolean;
  /** Counselor logins (tsunagari only). */
  logins: { username: string; password: string }[];
}

export interface LoadResult {
  sent: number;
  received: number;
  lost: number;
  latencies: number[];
  offerLatencies: number[];
  connectedAt: number;
}

/** Messages between processes: the orchestrator asks, servers answer. */
export type IpcRequest = { type: 'memory' };
export type IpcReply = { type: 'memory'; rss: number; heapUsed: number } | { type: 'ready'; url: string };

/** Lets a forked server answer the orchestrator's memory questions (after a GC, when exposed). */
export function answerMemoryRequests(): void {
  process.on('message', (m: IpcRequest) => {
    if (m.type !== 'memory') return;
    global.gc?.();
    const mem = process.memoryUsage();
    process.send?.({ type: 'memory', rss: mem.rss, heapUsed: mem.heapUsed } satisfies IpcReply);
  });
}
