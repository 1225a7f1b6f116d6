import type { StoredMessage } from '@tsunagari/shared';
import type { NewMessage } from '../domain/types.js';
import type { MessageRepository } from './types.js';

type Written = { message: StoredMessage; created: boolean };

/**
 * Groups the messages that arrive in one event-loop turn into one transaction. A commit per
 * message costs most of a message's time on the server; one commit per turn costs a fraction, and
 * callers still get their answer only after their row is committed, so an ack always means stored.
 */
export class MessageBatcher {
  private pending: { message: NewMessage; resolve: (w: Written) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly repo: MessageRepository) {}

  write(message: NewMessage): Promise<Written> {
    return new Promise((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
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
