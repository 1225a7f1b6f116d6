import type { StoredMessage } from '@tsunagari/shared';
import type { MessageRepository, NewMessage } from './types.js';

type Written = { message: StoredMessage; created: boolean };

/** How long the first message of a batch may wait for others before the batch is committed. */
export const BATCH_MAX_WAIT_MS = 1;

/**
 * Groups the messages that arrive in one event-loop turn into one transaction. A commit per
 * message costs most of a message's time on the server; one commit per turn costs a fraction, and
 * callers still get their answer only after their row is committed, so an ack always means stored.
 *
 * A turn can be long: after the process was held up (a garbage collection, another process on the
 * core) every socket has a backlog, and all of it is read in one turn. Waiting for the end of that
 * turn would hold every message of the backlog until the last one was read, so a batch is also
 * committed as soon as its first message has waited `maxWaitMs`: the backlog goes out as it is read.
 */
export class MessageBatcher {
  private pending: { message: NewMessage; resolve: (w: Written) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private firstAt = 0;

  constructor(
    private readonly repo: MessageRepository,
    private readonly maxWaitMs = BATCH_MAX_WAIT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  write(message: NewMessage): Promise<Written> {
    return new Promise((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
      if (this.pending.length === 1) this.firstAt = this.now();
      else if (this.now() - this.firstAt >= this.maxWaitMs) return this.flush();
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is pending now (also called on shutdown so no accepted write is left behind). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: Written[];
    try {
      results = this.repo.insertMany(batch.map((b) => b.message));
    } catch (caught) {
      // Nothing in the batch was committed: every sender gets an error and re-sends.
      for (const b of batch) b.reject(caught);
      return;
    }
    batch.forEach((b, i) => b.resolve(results[i] as Written));
  }
}
