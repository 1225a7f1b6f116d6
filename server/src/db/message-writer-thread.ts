import { Worker } from 'node:worker_threads';
import type { InsertResult } from './message-insert.mjs';
import type { MessageWriter, WrittenMessage } from '../repositories/message-writer.js';
import { writtenMessage } from '../repositories/sqlite.js';
import type { NewMessage } from '../repositories/types.js';

type Pending = { message: NewMessage; resolve: (w: WrittenMessage) => void; reject: (e: unknown) => void };
type Reply =
  | { type: 'done'; batch: number; results: InsertResult[] }
  | { type: 'failed'; batch: number; code: string }
  | { type: 'stopped' };

/**
 * Writes messages on a worker thread: the writes of one event-loop turn go over as one batch and
 * are committed in one transaction there; each sender's promise settles when the thread answers,
 * so an ack still means stored. In the benchmark the commits were a fifth of the event loop's
 * work; here the loop goes on relaying while SQLite writes.
 */
export function startMessageWriterThread(file: string): MessageWriter {
  let worker = spawn();
  let pending: Pending[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  let nextBatch = 1;
  let stopping: Promise<void> | null = null;
  const inFlight = new Map<number, Pending[]>();
  let idleWaiters: (() => void)[] = [];

  function spawn(): Worker {
    const w = new Worker(new URL('./message-write-worker.mjs', import.meta.url), { workerData: { file } });
    w.unref();
    w.on('message', (reply: Reply) => {
      if (reply.type === 'stopped') return;
      const batch = inFlight.get(reply.batch) ?? [];
      inFlight.delete(reply.batch);
      if (reply.type === 'done') batch.forEach((p, i) => p.resolve(writtenMessage(p.message, reply.results[i] as InsertResult)));
      else for (const p of batch) p.reject(new Error(`message write failed (${reply.code})`));
      settleIdle();
    });
    // A thread that dies takes its batches with it, uncommitted: refuse them (the senders re-send)
    // and start a new thread for what comes next.
    w.on('exit', () => {
      for (const batch of inFlight.values()) for (const p of batch) p.reject(new Error('message writer stopped'));
      inFlight.clear();
      settleIdle();
      if (!stopping) worker = spawn();
    });
    return w;
  }

  function settleIdle(): void {
    if (inFlight.size > 0 || pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (pending.length === 0) return;
    const batch = nextBatch++;
    inFlight.set(batch, pending);
    worker.postMessage({ type: 'write', batch, messages: pending.map((p) => p.message) });
    pending = [];
  }

  const drain = (): Promise<void> => {
    flush();
    return new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      settleIdle();
    });
  };

  return {
    write: (message) =>
      new Promise<WrittenMessage>((resolve, reject) => {
        if (stopping) return reject(new Error('message writer stopped'));
        pending.push({ message, resolve, reject });
        scheduled ??= setImmediate(flush);
      }),
    drain,
    stop: () =>
      (stopping ??= drain().then(
        () =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.once('message', () => void worker.terminate());
            worker.postMessage({ type: 'stop' });
          }),
      )),
  };
}
