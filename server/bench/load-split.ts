/**
 * The load generator's processes, as the orchestrator (run.ts's `measure`) drives them: one
 * load.ts process with the women and the counselors together (the throughput bench, `--nodes`),
 * or, for `--attack`, two load-side.ts processes, the counselors in one and the women in the
 * other, whose timings are joined here on the machine's clock (load-side.ts says why).
 */
import type { ChildProcess } from 'node:child_process';
import type { LoadConfig, LoadResult, SideReport } from './stats.js';

/** What run.ts lends for starting, hearing from and stopping children. */
export interface LoadKit {
  child(name: string, env: Record<string, string>): ChildProcess;
  nextMessage<T extends { type: string }>(p: ChildProcess, type: string, timeoutMs?: number): Promise<T>;
  stop(p: ChildProcess): Promise<void>;
}

/** A load connected and paired, waiting for the exchange. */
export interface LoadProcesses {
  /** Runs the exchange and its drain; resolves with what was sent and how long each took. */
  run(timeoutMs: number): Promise<LoadResult>;
  stop(): Promise<void>;
}

const warnEarlyExit = (p: ChildProcess) =>
  p.once('exit', (code, signal) => {
    if (code || signal) process.stderr.write(`load generator exited early (${code ?? signal})\n`);
  });

/** load.ts alone: women and counselors in one process. */
export async function singleLoad(kit: LoadKit, config: LoadConfig): Promise<LoadProcesses> {
  const load = kit.child('bench-load', { BENCH_LOAD: JSON.stringify(config) });
  warnEarlyExit(load);
  await kit.nextMessage(load, 'connected');
  return {
    run: async (timeoutMs) => {
      const result = kit.nextMessage<{ type: 'result'; result: LoadResult }>(load, 'result', timeoutMs);
      load.send({ type: 'go' });
      return (await result).result;
    },
    stop: () => kit.stop(load),
  };
}

/** Counselors on duty first, then the women arrive; the pairs they made are told to the counselors' side. */
export async function splitLoad(kit: LoadKit, config: LoadConfig): Promise<LoadProcesses> {
  const side = (name: 'women' | 'counselors') => {
    const p = kit.child('bench-load-side', { BENCH_LOAD: JSON.stringify(config), BENCH_LOAD_SIDE: name });
    warnEarlyExit(p);
    return p;
  };
  const counselors = side('counselors');
  await kit.nextMessage(counselors, 'connected');
  const women = side('women');
  const { ids, startedAt } = await kit.nextMessage<{ type: 'connected'; ids: string[]; startedAt: Record<string, number> }>(women, 'connected');
  const paired = kit.nextMessage<{ type: 'paired'; offeredAt: Record<string, number> }>(counselors, 'paired');
  counselors.send({ type: 'pairs', ids });
  const { offeredAt } = await paired;
  const both = [women, counselors];
  return {
    run: async (timeoutMs) => {
      type Exchanged = { type: 'exchanged'; sent: number };
      const exchanged = Promise.all([kit.nextMessage<Exchanged>(women, 'exchanged', timeoutMs), kit.nextMessage<Exchanged>(counselors, 'exchanged', timeoutMs)]);
      for (const p of both) p.send({ type: 'go' });
      const [w, c] = await exchanged;
      type Result = { type: 'result'; report: SideReport };
      const reports = Promise.all([kit.nextMessage<Result>(women, 'result', 60_000), kit.nextMessage<Result>(counselors, 'result', 60_000)]);
      women.send({ type: 'drain', expect: c.sent });
      counselors.send({ type: 'drain', expect: w.sent });
      const [wr, cr] = await reports;
      return joinSides(wr.report, cr.report, config.clients - ids.length, ids.map((id) => (offeredAt[id] as number) - (startedAt[id] as number)));
    },
    stop: async () => void (await Promise.all(both.map((p) => kit.stop(p)))),
  };
}

/**
 * Each message's latency (arrival on one side minus sending on the other), in arrival order; a
 * message is counted once, and arrivals of messages neither side sent (none expected) are ignored.
 */
export function joinSides(women: SideReport, counselors: SideReport, unpaired: number, offerLatencies: number[]): LoadResult {
  const sentAt = new Map([...women.sent, ...counselors.sent]);
  const latencies: number[] = [];
  const byDirection = { toWomen: [] as number[], toCounselors: [] as number[] };
  const toWomen = new Set(women.arrived.map(([key]) => key));
  for (const [key, at] of [...women.arrived, ...counselors.arrived].sort((a, b) => a[1] - b[1])) {
    const t = sentAt.get(key);
    if (t === undefined) continue;
    sentAt.delete(key);
    latencies.push(at - t);
    (toWomen.has(key) ? byDirection.toWomen : byDirection.toCounselors).push(at - t);
  }
  const sent = women.sent.length + counselors.sent.length;
  return { unpaired, sent, received: latencies.length, lost: sent - latencies.length, latencies, offerLatencies, stalls: [...women.stalls, ...counselors.stalls], cpuMs: women.cpuMs + counselors.cpuMs, byDirection };
}
