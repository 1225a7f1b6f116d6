import type { Db } from '../db/database.js';
import { coarseTime } from '../domain/coarse-time.js';
import { promised } from './promised.js';

/** Deleting transcripts and per-consultation metadata once their retention period is over. */
export interface RetentionRepository {
  /**
   * For up to `limit` consultations that ended before `endedBefore` and were not purged yet:
   * deletes their messages, key grants, handover notes, read marks, resume codes and appointments
   * (the hand-off kinds folded into the row first, for the report; visits done keep their rows but
   * let go of the appointment; other done ones are tallied by fiscal year and kind; a booked one still to come
   * waits until it has passed). The consultation row stays for
   * the statistics with no staff member, no token and no requeue time, marked purged at `now`
   * (coarse); its case record keeps only the month, topics, outcome and age band. One transaction.
   */
  purgeEndedBefore(endedBefore: string, now: string, limit: number): Promise<{ consultations: number; messages: number }>;
  /**
   * Gives deleted pages back (incremental vacuum) and truncates the WAL, so deleted rows survive
   * neither in free pages nor in old WAL frames (secure_delete zeroes them in the pages).
   */
  compact(): Promise<void>;
}

export function createSqliteRetention(db: Db): RetentionRepository {
  const due = db.prepare("SELECT id FROM consultation WHERE status = 'ended' AND ended_at < ? AND purged_at IS NULL ORDER BY ended_at LIMIT ?");
  const foldHandoffs = db.prepare(`UPDATE consultation SET handoff_kinds =
    (SELECT json_group_array(a.kind) FROM appointment a WHERE a.consultation_id = ? AND a.status != 'cancelled') WHERE id = ?`);
  const children = ['message', 'key_grant', 'handover_note', 'read_mark', 'resume_code'].map((table) => ({
    table,
    del: db.prepare(`DELETE FROM ${table} WHERE consultation_id = ?`),
  }));
  // A booked appointment still to come stays until it has passed (she may still quote its code);
  // every other appointment of a purged consultation goes, now or on a later run.
  const purgeable = `(status != 'booked' OR starts_at < ?) AND consultation_id IN (SELECT id FROM consultation WHERE purged_at IS NOT NULL)`;
  const appointments = db.prepare(`DELETE FROM appointment WHERE ${purgeable}`);
  // A visit done stays (closed lists and a day, nothing of hers) but lets go of its appointment.
  const releaseVisits = db.prepare(`UPDATE outreach_visit SET appointment_id = NULL WHERE appointment_id IN (SELECT id FROM appointment WHERE ${purgeable})`);
  // The done ones are tallied first by the Tokyo fiscal year they were for (April–March), so the
  // year report's targets keep their results (year-goals.ts).
  const tallyDone = db.prepare(`INSERT INTO handoff_done (fiscal_year, kind, n)
    SELECT CAST(strftime('%Y', starts_at, '+9 hours', 'start of month', '-3 months') AS INTEGER), kind, COUNT(*)
    FROM appointment WHERE status = 'done' AND kind NOT IN ('outreach', 'accompaniment') AND ${purgeable} GROUP BY 1, 2
    ON CONFLICT (fiscal_year, kind) DO UPDATE SET n = n + excluded.n`);
  const mark = db.prepare("UPDATE consultation SET purged_at = ?, assigned_staff_id = NULL, requeued_at = NULL, client_token_hash = '' WHERE id = ?");
  const record = db.prepare("UPDATE case_record SET staff_id = NULL, recorded_at = substr(recorded_at, 1, 7) WHERE consultation_id = ?");
  const purge = db.transaction((endedBefore: string, now: string, limit: number) => {
    const ids = (due.all(endedBefore, limit) as { id: string }[]).map((r) => r.id);
    let messages = 0;
    for (const id of ids) {
      foldHandoffs.run(id, id);
      for (const { table, del } of children) {
        const n = del.run(id).changes;
        if (table === 'message') messages += n;
      }
      mark.run(coarseTime(now), id);
      record.run(id);
    }
    tallyDone.run(now);
    releaseVisits.run(now);
    appointments.run(now);
    return { consultations: ids.length, messages };
  });
  return promised<RetentionRepository>({
    purgeEndedBefore: (endedBefore, now, limit) => purge(endedBefore, now, limit),
    compact: () => {
      db.pragma('incremental_vacuum');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  });
}
