import type { AgeBand, CaseLogEntry, LoggedChannel, Outcome } from '@tsunagari/shared';
import type pg from 'pg';
import { coarseOrNull, coarseTime } from '../../domain/coarse-time.js';
import { toEntry } from '../case-log.js';
import { toReportRow, topicsOf } from '../case-records.js';
import type { CaseLogRepository, CaseRecordRepository } from '../types.js';
import { all, changes, inTransaction, one } from './pool.js';

// Topics in the order SQLite's primary-key index gives them (by topic); hand-off kinds by appointment row.
const TOPICS = '(SELECT COALESCE(json_agg(t.topic ORDER BY t.topic), \'[]\')::text FROM case_record_topic t WHERE t.consultation_id = $ID)';

/** PostgreSQL case records: one row per consultation, its topics as rows of their own. */
export function createPgCaseRecords(pool: pg.Pool): CaseRecordRepository {
  return {
    // A re-record replaces the whole record: the old topics go in the same transaction.
    save: (consultationId, staffId, record) =>
      inTransaction(pool, async (client) => {
        await client.query(`INSERT INTO case_record (consultation_id, staff_id, outcome, age_band, recorded_at) VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (consultation_id) DO UPDATE SET staff_id = excluded.staff_id, outcome = excluded.outcome,
            age_band = excluded.age_band, recorded_at = excluded.recorded_at`, [consultationId, staffId, record.outcome, record.ageBand, coarseTime(record.recordedAt)]);
        await client.query('DELETE FROM case_record_topic WHERE consultation_id = $1', [consultationId]);
        for (const topic of record.topics) await client.query('INSERT INTO case_record_topic (consultation_id, topic) VALUES ($1, $2)', [consultationId, topic]);
      }),
    byConsultation: async (consultationId) => {
      const r = await one(pool, `SELECT r.outcome, r.age_band, r.recorded_at, ${TOPICS.replace('$ID', 'r.consultation_id')} AS topics
        FROM case_record r WHERE r.consultation_id = $1`, [consultationId]);
      if (!r) return null;
      return { topics: topicsOf(r), outcome: r.outcome as Outcome, ageBand: (r.age_band as AgeBand | null) ?? null, recordedAt: r.recorded_at as string };
    },
    reportRows: async (fromIso, toIso) =>
      (await all(pool, `SELECT c.queued_at, c.assigned_at, c.taken, c.ended_at, c.end_reason, c.campaign, c.wait_ms, r.outcome, r.age_band,
        ${TOPICS.replace('$ID', 'c.id')} AS topics,
        COALESCE(c.handoff_kinds, (SELECT COALESCE(json_agg(a.kind ORDER BY a.rowid), '[]')::text FROM appointment a WHERE a.consultation_id = c.id AND a.status <> 'cancelled')) AS handoffs
        FROM consultation c LEFT JOIN case_record r ON r.consultation_id = c.id
        WHERE c.queued_at >= $1 AND c.queued_at < $2 ORDER BY c.rowid`, [fromIso, toIso])).map(toReportRow),
  };
}

/** PostgreSQL case log: withdrawn rows stay stored, invisible to every read; times kept to 10 minutes. */
export function createPgCaseLog(pool: pg.Pool): CaseLogRepository {
  const params = (e: CaseLogEntry) => [e.id, e.channel, e.date, e.durationBand, e.contact, JSON.stringify(e.topics), e.outcome, e.ageBand, e.note];
  return {
    insert: async (e) =>
      void (await pool.query(`INSERT INTO case_log (id, channel, day, duration_band, contact, topics, outcome, age_band, sealed_note, staff_id, recorded_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [...params(e), e.staffId, coarseTime(e.recordedAt)])),
    correct: async (e) =>
      (await changes(pool, `UPDATE case_log SET channel = $2, day = $3, duration_band = $4, contact = $5, topics = $6, outcome = $7,
        age_band = $8, sealed_note = $9, corrected_at = $10 WHERE id = $1 AND withdrawn_at IS NULL`, [...params(e), coarseOrNull(e.correctedAt)])) === 1,
    withdraw: async (id, at) => (await changes(pool, 'UPDATE case_log SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL', [coarseTime(at), id])) === 1,
    byId: async (id) => {
      const r = await one(pool, 'SELECT * FROM case_log WHERE id = $1 AND withdrawn_at IS NULL', [id]);
      return r ? toEntry(r) : null;
    },
    mine: async (staffId, sinceIso, limit) =>
      (await all(pool, `SELECT * FROM case_log WHERE staff_id = $1 AND recorded_at >= $2 AND withdrawn_at IS NULL
        ORDER BY recorded_at DESC, rowid DESC LIMIT $3`, [staffId, sinceIso, limit])).map(toEntry),
    between: async (fromYmd, toYmd) =>
      (await all(pool, 'SELECT * FROM case_log WHERE day >= $1 AND day <= $2 AND withdrawn_at IS NULL ORDER BY day, rowid', [fromYmd, toYmd])).map(toEntry),
    notes: async (fromYmd, toYmd) =>
      (await all(pool, `SELECT id, day, channel, staff_id, sealed_note FROM case_log
        WHERE day >= $1 AND day <= $2 AND withdrawn_at IS NULL AND sealed_note IS NOT NULL ORDER BY day, rowid`, [fromYmd, toYmd])).map((r) => ({
        entryId: r.id as string,
        date: r.day as string,
        channel: r.channel as LoggedChannel,
        staffId: r.staff_id as string,
        note: r.sealed_note as string,
      })),
  };
}
