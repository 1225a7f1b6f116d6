import type { AgeBand, CaseLogEntry, ContactKind, DurationBand, LoggedChannel, Outcome, Topic } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { coarseOrNull, coarseTime } from '../domain/coarse-time.js';
import type { CaseLogRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

const COLUMNS = 'id, staff_id, channel, day, duration_band, contact, topics, outcome, age_band, sealed_note, recorded_at, corrected_at';

export function toEntry(r: Row): CaseLogEntry {
  return {
    id: r.id as string,
    staffId: r.staff_id as string,
    channel: r.channel as LoggedChannel,
    date: r.day as string,
    durationBand: r.duration_band as DurationBand,
    contact: r.contact as ContactKind,
    topics: JSON.parse(r.topics as string) as Topic[],
    outcome: r.outcome as Outcome,
    ageBand: (r.age_band as AgeBand | null) ?? null,
    note: (r.sealed_note as string | null) ?? null,
    recordedAt: r.recorded_at as string,
    correctedAt: (r.corrected_at as string | null) ?? null,
  };
}

/**
 * SQLite case log (migration 14). Withdrawn rows stay stored and are invisible to every read.
 * Times are stored to 10 minutes, like every stored time about consultations (coarse-time.ts);
 * the entry answered to the client keeps its exact time, as a case record's does.
 */
export function createSqliteCaseLog(db: Db): CaseLogRepository {
  const s = {
    insert: db.prepare(`INSERT INTO case_log (id, staff_id, channel, day, duration_band, contact, topics, outcome, age_band, sealed_note, recorded_at)
      VALUES (@id, @staffId, @channel, @date, @durationBand, @contact, @topics, @outcome, @ageBand, @note, @recordedAt)`),
    correct: db.prepare(`UPDATE case_log SET channel = @channel, day = @date, duration_band = @durationBand, contact = @contact,
      topics = @topics, outcome = @outcome, age_band = @ageBand, sealed_note = @note, corrected_at = @correctedAt WHERE id = @id AND withdrawn_at IS NULL`),
    withdraw: db.prepare('UPDATE case_log SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL'),
    byId: db.prepare(`SELECT ${COLUMNS} FROM case_log WHERE id = ? AND withdrawn_at IS NULL`),
    mine: db.prepare(`SELECT ${COLUMNS} FROM case_log WHERE staff_id = ? AND recorded_at >= ? AND withdrawn_at IS NULL
      ORDER BY recorded_at DESC, rowid DESC LIMIT ?`),
    between: db.prepare(`SELECT ${COLUMNS} FROM case_log WHERE day >= ? AND day <= ? AND withdrawn_at IS NULL`),
    notes: db.prepare(`SELECT id, day, channel, staff_id, sealed_note FROM case_log
      WHERE day >= ? AND day <= ? AND withdrawn_at IS NULL AND sealed_note IS NOT NULL ORDER BY day, rowid`),
  };
  const params = (e: CaseLogEntry) => ({ ...e, topics: JSON.stringify(e.topics), recordedAt: coarseTime(e.recordedAt), correctedAt: coarseOrNull(e.correctedAt) });
  return promised<CaseLogRepository>({
    insert: (e) => void s.insert.run(params(e)),
    correct: (e) => s.correct.run(params(e)).changes === 1,
    withdraw: (id, at) => s.withdraw.run(coarseTime(at), id).changes === 1,
    byId: (id) => {
      const r = s.byId.get(id) as Row | undefined;
      return r ? toEntry(r) : null;
    },
    mine: (staffId, sinceIso, limit) => (s.mine.all(staffId, sinceIso, limit) as Row[]).map(toEntry),
    between: (fromYmd, toYmd) => (s.between.all(fromYmd, toYmd) as Row[]).map(toEntry),
    notes: (fromYmd, toYmd) =>
      (s.notes.all(fromYmd, toYmd) as Row[]).map((r) => ({
        entryId: r.id as string,
        date: r.day as string,
        channel: r.channel as LoggedChannel,
        staffId: r.staff_id as string,
        note: r.sealed_note as string,
      })),
  });
}
