/**
 * Runs tasks for the same key one after another, in the order they were given; tasks for other
 * keys run freely. Routing's changes to one person await the store between their read and their
 * write, so two of them (she connects and drops at once) must not interleave.
 *
 * A task may let the next one go before it ends, by calling `letGo` once what must stay in order
 * is done (a message once it is queued for its turn's commit: `socket/arrival-order.ts`); it lets
 * go by itself when it settles.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: (letGo: () => void) => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let letGo: () => void = () => undefined;
    const tail = new Promise<void>((resolve) => (letGo = resolve));
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    const result = before.then(() => task(letGo));
    result.then(letGo, letGo);
    return result;
  }

  /** Keys with a task still holding them (tests: nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
