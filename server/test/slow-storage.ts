import type { Repositories } from '../src/repositories/types.js';

/** One turn of the event loop: what other sockets' events and timers may run in. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The SQLite repositories as a database across a socket answers: each call waits a turn before its
 * SQL runs and another before its answer arrives. better-sqlite3 answers at once, so with it alone
 * a chain of awaits finishes before the next socket event is read and no interleaving shows; these
 * let the tests send two changes at once and see what a PostgreSQL relay would do with them. Every
 * transaction is still the repository method's own.
 */
export function answeringLater(repos: Repositories): Repositories {
  const later: Record<string, unknown> = {};
  for (const [name, repo] of Object.entries(repos)) {
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repo as Record<string, unknown>)) {
      if (typeof fn !== 'function') continue;
      wrapped[method] = async (...args: unknown[]) => {
        await turn();
        const answer: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
        await turn();
        return answer;
      };
    }
    later[name] = wrapped;
  }
  return later as unknown as Repositories;
}
