import type { Db } from '../db/database.js';
import { promised } from './promised.js';

/** A stored resume code: the hash of its lookup value and her wrapped session key, nothing else. */
export interface ResumeCodeRecord {
  consultationId: string;
  lookupHash: string;
  wrappedKey: string;
  createdAt: string;
  expiresAt: string;
}

export interface ResumeCodeRepository {
  /** Saves the code for a consultation, replacing an earlier one (one live code per consultation). */
  upsert(record: ResumeCodeRecord): Promise<void>;
  /** The record for a lookup hash if it has not expired at `now`. */
  live(lookupHash: string, now: string): Promise<ResumeCodeRecord | null>;
  /** Deletes the consultation's code, if any (she ended or left: the code must not open it again). */
  revoke(consultationId: string): Promise<void>;
  /** Deletes expired codes; returns how many. */
  purgeExpired(now: string): Promise<number>;
}

export function createSqliteResumeCodes(db: Db): ResumeCodeRepository {
  const upsert = db.prepare(`INSERT INTO resume_code (consultation_id, lookup_hash, wrapped_key, created_at, expires_at)
    VALUES (@consultationId, @lookupHash, @wrappedKey, @createdAt, @expiresAt)
    ON CONFLICT (consultation_id) DO UPDATE SET lookup_hash = excluded.lookup_hash, wrapped_key = excluded.wrapped_key,
      created_at = excluded.created_at, expires_at = excluded.expires_at`);
  const live = db.prepare('SELECT * FROM resume_code WHERE lookup_hash = ? AND expires_at > ?');
  const purge = db.prepare('DELETE FROM resume_code WHERE expires_at <= ?');
  const revoke = db.prepare('DELETE FROM resume_code WHERE consultation_id = ?');
  return promised<ResumeCodeRepository>({
    upsert: (r) => void upsert.run(r),
    live: (hash, now) => {
      const r = live.get(hash, now) as Record<string, string> | undefined;
      return r
        ? { consultationId: r.consultation_id as string, lookupHash: r.lookup_hash as string, wrappedKey: r.wrapped_key as string, createdAt: r.created_at as string, expiresAt: r.expires_at as string }
        : null;
    },
    revoke: (consultationId) => void revoke.run(consultationId),
    purgeExpired: (now) => purge.run(now).changes,
  });
}
