import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/** A running background checkpointer. */
export interface Checkpointer {
  /** Runs a last checkpoint and stops the thread. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop: the main connection stops checkpointing by itself
 * (each automatic checkpoint fsyncs and held up every message behind it: in the benchmark it
 * doubled the 99th-percentile latency) and a worker thread checkpoints every `intervalMs`.
 */
export function startCheckpointer(db: Db, file: string, intervalMs = 1000): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs } });
  worker.unref();
  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.once('error', done);
        worker.once('exit', done);
        worker.postMessage('stop');
      })),
  };
}
