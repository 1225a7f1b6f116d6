import type { AgencyKind, DurationBand, OutreachVisit, VisitKind } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { coarseOrNull, coarseTime } from '../domain/coarse-time.js';
import type { OutreachRepository, VisitWrite } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

const COLUMNS = 'id, staff_id, kind, day, duration_band, agency, appointment_id, recorded_at, corrected_at';

export function toVisit(r: Row): OutreachVisit {
  return {
    id: r.id as string,
    staffId: r.staff_id as string,
    kind: r.kind as VisitKind,
    date: r.day as string,
    durationBand: (r.duration_band as DurationBand | null) ?? null,
    agency: (r.agency as AgencyKind | null) ?? null,
    appointmentId: (r.appointment_id as string | null) ?? null,
    recordedAt: r.recorded_at as string,
    correctedAt: (r.corrected_at as string | null) ?? null,
  };
}

/**
 * The visit writes, synchronous (an appointment's status change runs them inside its own
 * transaction, issue 17). Each answers whether it wrote a row (an insert always does or throws).
 */
export function sqliteVisitWrites(db: Db): (w: VisitWrite) => boolean {
  const s = {
    insert: db.prepare(`INSERT INTO outreach_visit (id, staff_id, kind, day, duration_band, agency, appointment_id, recorded_at)
      VALUES (@id, @staffId, @kind, @date, @durationBand, @agency, @appointmentId, @recordedAt)`),
    correct: db.prepare(`UPDATE outreach_visit SET kind = @kind, day = @date, duration_band = @durationBand, agency = @agency,
      corrected_at = @correctedAt WHERE id = @id AND withdrawn_at IS NULL`),
    withdraw: db.prepare('UPDATE outreach_visit SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL'),
  };
  const params = (v: OutreachVisit) => ({ ...v, recordedAt: coarseTime(v.recordedAt), correctedAt: coarseOrNull(v.correctedAt) });
  return (w) => {
    if ('insert' in w) return s.insert.run(params(w.insert)).changes === 1;
    if ('correct' in w) return s.correct.run(params(w.correct)).changes === 1;
    return s.withdraw.run(coarseTime(w.withdraw.at), w.withdraw.id).changes === 1;
  };
}

/**
 * SQLite visits done (outreach_visit). Withdrawn rows stay stored and are invisible to every read;
 * times are kept to 10 minutes like the case log's.
 */
export function createSqliteOutreach(db: Db): OutreachRepository {
  const write = sqliteVisitWrites(db);
  const s = {
    byId: db.prepare(`SELECT ${COLUMNS} FROM outreach_visit WHERE id = ? AND withdrawn_at IS NULL`),
    byAppointment: db.prepare(`SELECT ${COLUMNS} FROM outreach_visit WHERE appointment_id = ? AND withdrawn_at IS NULL`),
    mine: db.prepare(`SELECT ${COLUMNS} FROM outreach_visit WHERE staff_id = ? AND recorded_at >= ? AND withdrawn_at IS NULL
      ORDER BY recorded_at DESC, rowid DESC LIMIT ?`),
    between: db.prepare(`SELECT ${COLUMNS} FROM outreach_visit WHERE day >= ? AND day <= ? AND withdrawn_at IS NULL`),
  };
  const one = (r: unknown) => (r ? toVisit(r as Row) : null);
  return promised<OutreachRepository>({
    insert: (v) => void write({ insert: v }),
    correct: (v) => write({ correct: v }),
    withdraw: (id, at) => write({ withdraw: { id, at } }),
    byId: (id) => one(s.byId.get(id)),
    byAppointment: (appointmentId) => one(s.byAppointment.get(appointmentId)),
    mine: (staffId, sinceIso, limit) => (s.mine.all(staffId, sinceIso, limit) as Row[]).map(toVisit),
    between: (fromYmd, toYmd) => (s.between.all(fromYmd, toYmd) as Row[]).map(toVisit),
  });
}
