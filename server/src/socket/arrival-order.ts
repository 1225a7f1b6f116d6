/**
 * Lets one sender's events about one consultation take effect in the order they arrived.
 *
 * A handler reads before it writes (the consultation, the flood budget), and those reads take
 * different times: on PostgreSQL each is a pool query, answered in any order. Without this, a
 * burst from one socket — her outbox sent again after a reconnect — was stored out of the order
 * she wrote it (seq 10 before seq 4), the flood limit refused messages from its middle, and her
 * "end" could overtake her last message. Even on SQLite her intake, which skips the flood budget's
 * await, overtook the messages sent just before it.
 *
 * Each task waits until the earlier tasks of its key have let go. A task lets go when its effect is
 * fixed — a message once it is queued for its turn's commit (so a burst still commits in one
 * transaction), or when the task ends, whichever comes first. Keys are per socket and
 * consultation, so a counselor's chats never wait for each other.
 */
export class ArrivalOrder {
  private readonly tails = new Map<string, Promise<void>>();

  /** The key of one socket's events about one consultation. */
  static key(socketId: string, consultationId: string): string {
    return `${socketId}\u0000${consultationId}`;
  }

  /** Runs `task` after the earlier tasks of `key` have let go; `letGo` may be called early. */
  run<T>(key: string, task: (letGo: () => void) => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    let letGo: () => void = () => undefined;
    const tail = new Promise<void>((resolve) => (letGo = resolve));
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    const result = before ? before.then(() => task(letGo)) : task(letGo);
    result.then(letGo, letGo);
    return result;
  }

  /** Keys with a task still holding them (tests: nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
