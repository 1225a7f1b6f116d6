import type { Consultation } from '../domain/types.js';

/**
 * Consultation rows kept in memory after their first read. Every message checks who may write to
 * its consultation; a SELECT per message was an eighth of the relay's CPU time in the benchmark.
 *
 * Correctness rests on one rule: the consultation repository that owns this cache is the only
 * writer of consultation rows, and runs every write inside `writing(id, …)`, which drops the kept
 * row. The SQLite file is embedded and has no other writer while the server runs (the admin CLI
 * writes staff and organisation rows only). Entries are frozen so a caller cannot change the
 * shared copy. Storage whose answers take turns (PostgreSQL) reads through {@link read}, which
 * does not keep a row a write may have overtaken; one relay is still its rows' only writer.
 */
export interface ConsultationCache {
  get(id: string): Consultation | undefined;
  set(c: Consultation): Consultation;
  /**
   * Runs a write to one consultation row, then drops the kept copy so the next read is fresh. A
   * write that returns a promise (storage across a socket) drops it again once it settled.
   */
  writing<T>(id: string, write: () => T): T;
  /**
   * The kept row, or `load`'s answer, kept unless a write started or ended while it was on its way
   * (it may be the row from before that write): for storage whose reads take turns, where a write
   * can land between the read and the keeping. better-sqlite3's reads are one turn (get/set).
   */
  read(id: string, load: () => Promise<Consultation | null>): Promise<Consultation | null>;
}

/** Upper bound on kept rows; past it the oldest half is dropped (they are read again on demand). */
export const MAX_CACHED_CONSULTATIONS = 20_000;

export function createCache(maxEntries: number): ConsultationCache {
  const rows = new Map<string, Consultation>();
  /** Moves at the start and the end of every write: a read that saw it move keeps nothing. */
  let writes = 0;
  const set = (c: Consultation): Consultation => {
    if (rows.size >= maxEntries) {
      let drop = Math.ceil(maxEntries / 2);
      for (const key of rows.keys()) {
        if (drop-- <= 0) break;
        rows.delete(key);
      }
    }
    const frozen = Object.freeze(c);
    rows.set(c.id, frozen);
    return frozen;
  };
  const written = (id: string) => {
    writes++;
    rows.delete(id);
  };
  return {
    get: (id) => rows.get(id),
    set,
    writing: (id, write) => {
      written(id);
      let result;
      try {
        result = write();
      } finally {
        written(id);
      }
      if (result instanceof Promise) return result.finally(() => written(id)) as typeof result;
      return result;
    },
    read: async (id, load) => {
      const kept = rows.get(id);
      if (kept) return kept;
      const before = writes;
      const row = await load();
      if (!row) return null;
      return writes === before ? set(row) : Object.freeze(row);
    },
  };
}
