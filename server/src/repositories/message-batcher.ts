import type { MessageWriter, WrittenMessage } from './message-writer.js';
import type { MessageRepository, NewMessage } from './types.js';

/**
 * Groups the messages that arrive in one event-loop turn into one transaction on the calling
 * thread. Used where the database cannot be shared with a thread (in memory); a server on a file
 * writes through {@link startMessageWriterThread} instead.
 */
export class MessageBatcher implements MessageWriter {
  private pending: { message: NewMessage; resolve: (w: WrittenMessage) => void; reject: (e: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly repo: MessageRepository) {}

  write(message: NewMessage): Promise<WrittenMessage> {
    return new Promise((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  async drain(): Promise<void> {
    this.flush();
  }

  async stop(): Promise<void> {
    this.flush();
  }

  /** Commits what is pending now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let results: WrittenMessage[];
    try {
      results = this.repo.insertMany(batch.map((b) => b.message));
    } catch (caught) {
      // Nothing in the batch was committed: every sender gets an error and re-sends.
      for (const b of batch) b.reject(caught);
      return;
    }
    batch.forEach((b, i) => b.resolve(results[i] as WrittenMessage));
  }
}
