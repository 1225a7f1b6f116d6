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
 */
export class VerifierPool implements PasswordVerifier {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly all: Worker[] = [];
  private nextId = 1;
  private closed = false;

  /**
   * @param size threads in the pool.
   * @param gate tests only: a SharedArrayBuffer of two Int32s; each job waits until `[0]` is set
   *   to 1, and `[1]` counts the jobs that reached a thread (see verify-worker.mjs).
   */
  constructor(size = DEFAULT_VERIFY_THREADS, gate?: SharedArrayBuffer) {
    for (let i = 0; i < Math.max(1, size); i++) this.spawn(gate);
  }

  verify(hash: string, presented: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      this.queue.push({ id: this.nextId++, hash, presented, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(false);
    for (const job of this.busy.values()) job.resolve(false);
    this.busy.clear();
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(gate: SharedArrayBuffer | undefined): void {
    const worker = new Worker(new URL('./verify-worker.mjs', import.meta.url), { workerData: gate ? { gate } : {} });
    worker.unref();
    this.all.push(worker);
    worker.on('message', (m: { ready?: true; id?: number; ok?: boolean }) => {
      if (m.ready) {
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
      this.busy.get(worker)?.resolve(false);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (!this.closed) this.spawn(gate);
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
