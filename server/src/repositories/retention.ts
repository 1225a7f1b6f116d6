import type { Db } from '../db/database.js';

/** Deleting transcripts once their retention period is over. */
export interface RetentionRepository {
  /**
   * For up to `limit` consultations that ended before `endedBefore` and were not purged yet:
   * deletes their messages, key grants, handover notes, read marks and resume codes, keeps the
   * consultation row for the statistics and marks it purged at `now`. One transaction.
   */
  purgeEndedBefore(endedBefore: string, now: string, limit: number): { consultations: number; messages: number };
}

export function createSqliteRetention(db: Db): RetentionRepository {
  const due = db.prepare("SELECT id FROM consultation WHERE status = 'ended' AND ended_at < ? AND purged_at IS NULL ORDER BY ended_at LIMIT ?");
  const children = ['message', 'key_grant', 'handover_note', 'read_mark', 'resume_code'].map((table) => ({
    table,
    del: db.prepare(`DELETE FROM ${table} WHERE consultation_id = ?`),
  }));
  const mark = db.prepare('UPDATE consultation SET purged_at = ? WHERE id = ?');
  const purge = db.transaction((endedBefore: string, now: string, limit: number) => {
    const ids = (due.all(endedBefore, limit) as { id: string }[]).map((r) => r.id);
    let messages = 0;
    for (const id of ids) {
      for (const { table, del } of children) {
        const n = del.run(id).changes;
        if (table === 'message') messages += n;
      }
      mark.run(now, id);
    }
    return { consultations: ids.length, messages };
  });
  return { purgeEndedBefore: (endedBefore, now, limit) => purge(endedBefore, now, limit) };
}
