import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Checks a presented auth key against a stored Argon2id hash string. */
export interface PasswordVerifier {
  /** True when `presented` matches `hash`; never throws for a wrong or malformed value. */
  verify(hash: string, presented: string): Promise<boolean>;
  /** Stops the threads; pending checks answer false. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  hash: string;
  presented: string;
  resolve(ok: boolean): void;
}

/** How many verification threads by default: one per spare core, at least one, at most two. */
export const DEFAULT_VERIFY_THREADS = Math.max(1, Math.min(2, os.availableParallelism() - 1));

/**
 * A small pool of worker threads that run Argon2id verification (libsodium in each thread), one
 * job per thread at a time, the rest queued in order. The event loop only posts and receives
 * messages, so sockets keep being answered while logins are checked.
 *
 * Threads start with the first logins, not with the relay: each loads libsodium, which a relay
 * (or a test server) that nobody signs in to never needs; and a thread is only terminated once its
 * module has finished loading (Node aborts the whole process when a worker is terminated during a
 * top-level await; nodejs/node#42501).
 */
export class VerifierPool implements PasswordVerifier {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  /** Every thread, with a promise settled once it is ready (or gone). */
  private readonly all = new Map<Worker, Promise<void>>();
  private nextId = 1;
  private closed = false;

  /**
   * @param size threads in the pool at most.
   * @param gate tests only: a SharedArrayBuffer of two Int32s; each job waits until `[0]` is set
   *   to 1, and `[1]` counts the jobs that reached a thread (see verify-worker.mjs).
   */
  constructor(
    private readonly size = DEFAULT_VERIFY_THREADS,
    private readonly gate?: SharedArrayBuffer,
  ) {}

  verify(hash: string, presented: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      this.queue.push({ id: this.nextId++, hash, presented, resolve });
      // One more thread while jobs wait for one and the pool is not full.
      if (this.idle.length === 0 && this.all.size < Math.max(1, this.size)) this.spawn();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(false);
    for (const job of this.busy.values()) job.resolve(false);
    this.busy.clear();
    await Promise.all([...this.all].map(([w, ready]) => ready.then(() => w.terminate())));
  }

  private spawn(): void {
    const worker = new Worker(new URL('./verify-worker.mjs', import.meta.url), { workerData: this.gate ? { gate: this.gate } : {} });
    worker.unref();
    let settle = (): void => undefined;
    this.all.set(worker, new Promise<void>((resolve) => (settle = resolve)));
    worker.once('exit', () => settle());
    worker.on('message', (m: { ready?: true; id?: number; ok?: boolean }) => {
      if (m.ready) {
        settle();
        this.idle.push(worker);
      } else {
        const job = this.busy.get(worker);
        this.busy.delete(worker);
        if (job && job.id === m.id) job.resolve(m.ok === true);
        this.idle.push(worker);
      }
      this.dispatch();
    });
    worker.on('error', () => {
      // A thread that died answers its job "no" and is replaced, so logins keep working.
      settle();
      this.all.delete(worker);
      this.busy.get(worker)?.resolve(false);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (!this.closed) this.spawn();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift() as Worker;
      const job = this.queue.shift() as Job;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, hash: job.hash, presented: job.presented });
    }
  }
}
