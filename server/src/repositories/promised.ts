/**
 * The repositories' interfaces are asynchronous (types.ts): PostgreSQL answers over a socket.
 * better-sqlite3 answers at once, so each SQLite repository is written synchronously, typed as
 * {@link Synchronous} of its interface, and wrapped by {@link promised}.
 *
 * The wrapped call still does all its SQL in the caller's turn, before the promise exists: a
 * transaction inside one repository method stays one transaction, and two calls made one after
 * the other hit the database in that order. What callers may no longer assume is that nothing
 * else runs between their `await`s (see docs/architecture.md, "Async repositories").
 */

/** A repository interface with each `Promise<R>`-returning method made to return `R` itself. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/**
 * The async repository over a synchronous implementation: every method's result becomes a
 * resolved promise, and a throw (a constraint, DOUBLE_BOOKED) a rejected one, never a throw at the
 * call, so callers handle both the same way for every storage.
 */
export function promised<T extends object>(sync: Synchronous<T>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(sync)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    const fn = member as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(fn.apply(sync, args));
      } catch (caught) {
        return Promise.reject(caught);
      }
    };
  }
  return wrapped as T;
}
