import type { StoredMessage } from '@tsunagari/shared';
import type { NewMessage } from '../domain/types.js';
import type { MessageRepository } from './types.js';

type Written = { message: StoredMessage; created: boolean };

/** Most messages in one batch: PostgreSQL takes at most 65,535 parameters a statement, 7 a message. */
const MOST_IN_BATCH = 1_000;

/**
 * Groups the messages that arrive in one event-loop turn into one transaction. A commit per
 * message costs most of a message's time on the server; one commit per turn costs a fraction, and
 * callers still get their answer only after their row is committed, so an ack always means stored.
 * Batches commit one after another, never two at once: with a database across a socket a later
 * batch could otherwise commit first, and a reader paging by id would pass over the earlier one.
 * While a batch is on its way, the turns after it gather into the next one, taken when its turn
 * comes (one round trip for all of them: before, each turn's batch queued behind the others, a
 * round trip each, so a backlog cost as many round trips as turns; issue 17, several nodes).
 */
export class MessageBatcher {
  private pending: { message: NewMessage; resolve: (w: Written) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The last batch's commit (settled when it and every batch before it are done). */
  private committing: Promise<void> = Promise.resolve();
  /** The next batch, queued behind the one on its way: it takes what is pending when it starts. */
  private next: Promise<void> | null = null;

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
    if (this.pending.length > 0 && !this.next) this.queueNext();
    return this.settled();
  }

  private queueNext(): void {
    const next = this.committing.then(() => {
      this.next = null;
      // In arrival order, at most MOST_IN_BATCH (one statement's parameters); the rest go next.
      const batch = this.pending.splice(0, MOST_IN_BATCH);
      if (this.pending.length > 0) this.queueNext();
      return this.commit(batch);
    });
    this.next = next;
    this.committing = next;
  }

  /** Settles once every batch queued so far is done, and any queued meanwhile (a batch's overflow). */
  private async settled(): Promise<void> {
    for (let last = this.committing; ; last = this.committing) {
      await last;
      if (last === this.committing) return;
    }
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
