import type { StoredMessage } from '@tsunagari/shared';
import type { NewMessage } from '../domain/types.js';
import type { MessageRepository } from './types.js';

type Written = { message: StoredMessage; created: boolean };

/**
 * Groups the messages that arrive in one event-loop turn into one transaction. A commit per
 * message costs most of a message's time on the server; one commit per turn costs a fraction, and
 * callers still get their answer only after their row is committed, so an ack always means stored.
 * Batches commit one after another, never two at once: with a database across a socket a later
 * batch could otherwise commit first, and a reader paging by id would pass over the earlier one.
 */
export class MessageBatcher {
  private pending: { message: NewMessage; resolve: (w: Written) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The last batch's commit (settled when it and every batch before it are done). */
  private committing: Promise<void> = Promise.resolve();

  constructor(private readonly repo: MessageRepository) {}

  write(message: NewMessage): Promise<Written> {
    return new Promise((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
      this.scheduled ??= setImmediate(() => void this.flush());
    });
  }

  /**
   * Commits what is pending now, after the batches before it (also called on shutdown so no
   * accepted write is left behind); settles when that is done.
   */
  flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.committing;
    this.committing = this.committing.then(() => this.commit(batch));
    return this.committing;
  }

  private async commit(batch: typeof this.pending): Promise<void> {
    let results: Written[];
    try {
      results = await this.repo.insertMany(batch.map((b) => b.message));
    } catch (caught) {
      // Nothing in the batch was committed: every sender gets an error and re-sends.
      for (const b of batch) b.reject(caught);
      return;
    }
    batch.forEach((b, i) => b.resolve(results[i] as Written));
  }
}
