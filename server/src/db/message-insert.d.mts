import type Database from 'better-sqlite3';

/** A new row's id, or the row already stored under the same (consultation, sender, seq). */
export type InsertResult = { id: number; existing: null } | { id: null; existing: Record<string, unknown> };

export function prepareMessageInsert(db: Database.Database): (batch: readonly object[]) => InsertResult[];
