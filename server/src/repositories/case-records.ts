import type { AgeBand, CaseRecord, EndReason, HandoffKind, Outcome, Topic } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { coarseTime } from '../domain/coarse-time.js';
import type { ReportRow } from '../domain/types.js';
import type { CaseRecordRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

/** A row's topics, selected as a JSON array. */
export const topicsOf = (r: Row): Topic[] => JSON.parse((r.topics as string | null) ?? '[]') as Topic[];

/** SQLite case records (migration 6): one row per consultation, its topics as rows of their own. */
export function createSqliteCaseRecords(db: Db): CaseRecordRepository {
  const s = {
    upsert: db.prepare(`INSERT INTO case_record (consultation_id, staff_id, outcome, age_band, recorded_at)
      VALUES (@consultationId, @staffId, @outcome, @ageBand, @recordedAt)
      ON CONFLICT (consultation_id) DO UPDATE SET staff_id = excluded.staff_id, outcome = excluded.outcome,
        age_band = excluded.age_band, recorded_at = excluded.recorded_at`),
    clearTopics: db.prepare('DELETE FROM case_record_topic WHERE consultation_id = ?'),
    addTopic: db.prepare('INSERT INTO case_record_topic (consultation_id, topic) VALUES (?, ?)'),
    byId: db.prepare(`SELECT r.outcome, r.age_band, r.recorded_at,
      (SELECT json_group_array(t.topic) FROM case_record_topic t WHERE t.consultation_id = r.consultation_id) AS topics
      FROM case_record r WHERE r.consultation_id = ?`),
    // One pass over the year's consultations; the topics and the hand-off kinds come along as a
    // JSON array per row (appointments found by the index appointment_consultation; past
    // retention, the kinds folded into the row when its appointments were deleted).
    rows: db.prepare(`SELECT c.queued_at, c.assigned_at, c.taken, c.ended_at, c.end_reason, c.campaign, c.wait_ms, r.outcome, r.age_band,
      (SELECT json_group_array(t.topic) FROM case_record_topic t WHERE t.consultation_id = c.id) AS topics,
      COALESCE(c.handoff_kinds, (SELECT json_group_array(a.kind) FROM appointment a WHERE a.consultation_id = c.id AND a.status != 'cancelled')) AS handoffs
      FROM consultation c LEFT JOIN case_record r ON r.consultation_id = c.id
      WHERE c.queued_at >= ? AND c.queued_at < ?`),
  };

  // A re-record replaces the whole record: the old topics go in the same transaction.
  const save = db.transaction((consultationId: string, staffId: string, record: CaseRecord) => {
    s.upsert.run({ consultationId, staffId, outcome: record.outcome, ageBand: record.ageBand, recordedAt: coarseTime(record.recordedAt) });
    s.clearTopics.run(consultationId);
    for (const topic of record.topics) s.addTopic.run(consultationId, topic);
  });


  return promised<CaseRecordRepository>({
    save: (consultationId, staffId, record) => save(consultationId, staffId, record),
    byConsultation: (consultationId) => {
      const r = s.byId.get(consultationId) as Row | undefined;
      if (!r) return null;
      return { topics: topicsOf(r), outcome: r.outcome as Outcome, ageBand: (r.age_band as AgeBand | null) ?? null, recordedAt: r.recorded_at as string };
    },
    reportRows: (fromIso, toIso) =>
      (s.rows.all(fromIso, toIso) as Row[]).map(toReportRow),
  });
}

/** A report row from its columns (both backends select the same ones; topics and hand-offs as JSON arrays). */
export const toReportRow = (r: Row): ReportRow => ({
  queuedAt: r.queued_at as string,
  assignedAt: (r.assigned_at as string | null) ?? null,
  taken: Number(r.taken ?? 0) === 1,
  endedAt: (r.ended_at as string | null) ?? null,
  endReason: (r.end_reason as EndReason | null) ?? null,
  campaign: (r.campaign as string | null) ?? null,
  record: r.outcome == null ? null : { topics: topicsOf(r), outcome: r.outcome as Outcome, ageBand: (r.age_band as AgeBand | null) ?? null },
  handoffs: JSON.parse((r.handoffs as string | null) ?? '[]') as HandoffKind[],
  waitMs: (r.wait_ms as number | null) ?? null,
});
