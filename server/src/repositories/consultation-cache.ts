import type { Consultation } from '../domain/types.js';

/**
 * Consultation rows kept in memory after their first read. Every message checks who may write to
 * its consultation; a SELECT per message was an eighth of the relay's CPU time in the benchmark.
 *
 * Correctness rests on one rule: the consultation repository that owns this cache is the only
 * writer of consultation rows, and runs every write inside `writing(id, …)`, which drops the kept
 * row. The SQLite file is embedded and has no other writer while the server runs (the admin CLI
 * writes staff and organisation rows only). Entries are frozen so a caller cannot change the
 * shared copy.
 */
export interface ConsultationCache {
  get(id: string): Consultation | undefined;
  set(c: Consultation): Consultation;
  /** Runs a write to one consultation row, then drops the kept copy so the next read is fresh. */
  writing<T>(id: string, write: () => T): T;
}

/** Upper bound on kept rows; past it the oldest half is dropped (they are read again on demand). */
export const MAX_CACHED_CONSULTATIONS = 20_000;

export function createCache(maxEntries: number): ConsultationCache {
  const rows = new Map<string, Consultation>();
  return {
    get: (id) => rows.get(id),
    set: (c) => {
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
    },
    writing: (id, write) => {
      try {
        return write();
      } finally {
        rows.delete(id);
      }
    },
  };
}
