import { Worker } from 'node:worker_threads';
import type { Redis, RedisOptions } from 'ioredis';

/** What the heartbeat thread reports to the node. */
export interface HeartbeatReports {
  /** A beat was written; `was` false when the heartbeat had gone before it (or is new). */
  beat(was: boolean): void;
  /** A beat could not be written (Redis unreachable); the next beat tries again. */
  failed(error: string): void;
  /** The event loop has not ticked for `heldMs`: beats stop until it does. */
  withheld(heldMs: number): void;
  /** The thread ended without being stopped (after its first beat): no more beats from it. */
  ended(why: string): void;
}

export interface HeartbeatThreadOptions {
  /** The node's connection: the thread opens its own to the same server with the same credentials. */
  redis: Redis;
  /** The beat script (ARGV: base, node id, lifetime ms; returns 1 when the heartbeat was still there). */
  lua: string;
  base: string;
  nodeId: string;
  beatMs: number;
  /** How long the event loop may go without a tick before the thread stops beating. */
  stallMs: number;
}

/**
 * The node's heartbeat on a worker thread of its own (`heartbeat-worker.mjs`), so that a node
 * whose event loop is busy for a few seconds keeps it: beaten from the loop, it lapsed whenever the
 * loop was held longer than its lifetime, and the other nodes took a live node for dead (issue 17).
 * The loop moves a shared counter every beat; the thread beats only while that counter has moved
 * within `stallMs`, so a node stuck for good (or stopped: SIGSTOP stops the thread too; SIGKILL
 * ends both) is still taken for dead, within `stallMs` and the heartbeat's lifetime.
 */
export class HeartbeatThread {
  private readonly worker: Worker;
  private readonly ticks = new Int32Array(new SharedArrayBuffer(4));
  private readonly ticking: ReturnType<typeof setInterval>;
  private readonly exited: Promise<void>;
  /** Settled at the first beat written, or rejected if the thread ends before it. */
  private readonly firstBeat: Promise<void>;
  private first: { resolve(): void; reject(e: Error): void } | null = null;
  private stopping = false;
  private beatenOnce = false;

  constructor(options: HeartbeatThreadOptions, reports: HeartbeatReports) {
    // Made before the thread can beat, so a first beat that comes early is not missed.
    this.firstBeat = new Promise<void>((resolve, reject) => (this.first = { resolve, reject }));
    // Asked for or not: a thread that ends before its first beat must not leave an unhandled rejection.
    this.firstBeat.catch(() => undefined);
    this.worker = new Worker(new URL('./heartbeat-worker.mjs', import.meta.url), {
      workerData: {
        connection: connectionOf(options.redis),
        lua: options.lua,
        base: options.base,
        nodeId: options.nodeId,
        beatMs: options.beatMs,
        stallMs: options.stallMs,
        ticks: this.ticks.buffer,
      },
    });
    this.worker.unref();
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', (code) => {
      this.first?.reject(new Error(`the heartbeat thread ended (${code}) before its first beat`));
      this.first = null;
      if (!this.stopping && this.beatenOnce) reports.ended(`exit code ${code}`);
      resolve();
    }));
    this.worker.on('message', (m: { kind: 'beat'; was: number } | { kind: 'failed'; error: string } | { kind: 'withheld'; heldMs: number }) => {
      // Stopping: a last beat answered after the heartbeat's removal is no lapse.
      if (this.stopping) return;
      if (m.kind === 'beat') {
        this.beatenOnce = true;
        reports.beat(m.was === 1);
        this.first?.resolve();
        this.first = null;
      } else if (m.kind === 'failed') {
        reports.failed(m.error);
      } else {
        reports.withheld(m.heldMs);
      }
    });
    // An uncaught error ends the thread: 'exit' follows.
    this.worker.once('error', (caught) => {
      this.first?.reject(caught);
      this.first = null;
    });
    this.ticking = setInterval(() => Atomics.add(this.ticks, 0, 1), options.beatMs);
    this.ticking.unref?.();
  }

  /** Resolves at the thread's first beat written; rejects if the thread ends before it. */
  started(): Promise<void> {
    return this.firstBeat;
  }

  /**
   * No more beats; the thread removes the heartbeat after any beat still on its way (so none
   * lands after the removal) and ends. Resolves once it has.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.ticking);
    this.worker.postMessage({ kind: 'stop' });
    // A thread that cannot reach Redis must not hold the stop up for long.
    const late = setTimeout(() => void this.worker.terminate(), 2_000);
    late.unref?.();
    await this.exited;
    clearTimeout(late);
  }
}

/** The connection settings a thread can be handed (no functions: they do not cross threads). */
function connectionOf(redis: Redis): RedisOptions {
  const o = redis.options;
  const picked: RedisOptions = {
    host: o.host,
    port: o.port,
    path: o.path,
    username: o.username,
    password: o.password,
    db: o.db,
    family: o.family,
    connectionName: `${o.connectionName ?? 'tsunagari-relay'}-heartbeat`,
    ...(o.tls ? { tls: { ...o.tls } } : {}),
  };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) as RedisOptions;
}
