import type { Repositories } from './types.js';

/**
 * A repository interface with every method answering through a Promise (issue 17): the shape
 * PostgreSQL's repositories have, and SQLite's once its callers await. Idempotent: a method that
 * already returns a Promise maps to itself, so the type still holds when the interfaces in
 * types.ts become async.
 */
export type Async<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : T[K] };

/** Every repository, async (see {@link Async}). */
export type AsyncRepositories = { [K in keyof Repositories]: Async<Repositories[K]> };

/**
 * SQLite's synchronous repositories seen through the async interfaces: each method runs as it
 * does today and its result (or its throw, as a rejection) comes back in a Promise. The contract
 * suite runs SQLite through this so both backends meet the same tests.
 */
export function asAsyncRepositories(repos: Repositories): AsyncRepositories {
  const wrapped: Record<string, Record<string, unknown>> = {};
  for (const [name, repo] of Object.entries(repos) as [string, Record<string, unknown>][]) {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(repo)) {
      methods[key] = typeof value === 'function' ? async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(repo, args) : value;
    }
    wrapped[name] = methods;
  }
  return wrapped as unknown as AsyncRepositories;
}
