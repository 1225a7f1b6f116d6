import type { Appointment, AppointmentStatus, HandoffKind } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { errors } from '../errors.js';
import type { NewAppointment } from '../domain/types.js';
import { sqliteVisitWrites } from './outreach.js';
import type { AppointmentChange, AppointmentRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

/** A change's visit was changed or withdrawn outside it: the change is stale (rolled back). */
export class StaleVisit extends Error {}

export const fromRow = (r: Row): Appointment => ({
  id: r.id as string,
  consultationId: r.consultation_id as string,
  kind: r.kind as HandoffKind,
  startsAt: r.starts_at as string,
  endsAt: r.ends_at as string,
  code: r.code as string,
  status: r.status as AppointmentStatus,
  staffId: r.staff_id as string,
  staffName: r.staff_name as string,
  overriddenBy: (r.overridden_by as string | null) ?? null,
  createdAt: r.created_at as string,
});

/**
 * SQLite appointments (migration 7; ends and overrides, issue 16), read with the booking
 * counselor's display name. `insert` refuses an appointment that overlaps one the same counselor
 * has booked, inside one IMMEDIATE transaction: the check and the write cannot be split by
 * another writer (a second relay process, the CLI), and in this process better-sqlite3 runs both
 * synchronously, so two bookings arriving together are decided one after the other.
 */
export function createSqliteAppointments(db: Db): AppointmentRepository {
  const select = `SELECT a.*, s.display_name AS staff_name FROM appointment a JOIN staff s ON s.id = a.staff_id`;
  const s = {
    insert: db.prepare(`INSERT INTO appointment (id, consultation_id, kind, starts_at, ends_at, code, status, staff_id, overridden_by, created_at, updated_at)
      VALUES (@id, @consultationId, @kind, @startsAt, @endsAt, @code, @status, @staffId, @overriddenBy, @createdAt, @updatedAt)`),
    // Half-open intervals: one ending at 15:00 and one starting at 15:00 do not overlap. UTC ISO
    // text compares as time. Only booked ones hold the time (done, no-show, cancelled do not).
    overlapping: db.prepare(`SELECT 1 FROM appointment WHERE staff_id = ? AND status = 'booked' AND starts_at < ? AND ends_at > ? LIMIT 1`),
    between: db.prepare(`${select} WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.created_at`),
    byId: db.prepare(`${select} WHERE a.id = ?`),
    // Served by the partial unique index appointment_booked_code.
    booked: db.prepare(`${select} WHERE a.code = ? AND a.status = 'booked'`),
    // Only when no booked one has the code (a call about an appointment that is over): a scan of
    // a table that grows by a few thousand rows a year, so no second index on code.
    latest: db.prepare(`${select} WHERE a.code = ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1`),
    from: db.prepare(`${select} WHERE a.starts_at >= ? ORDER BY a.starts_at, a.created_at`),
    status: db.prepare('UPDATE appointment SET status = ?, updated_at = ? WHERE id = ?'),
    // Its own time, against every other booked appointment of its counselor (issue 16: re-booking).
    overlappingOther: db.prepare(`SELECT 1 FROM appointment o JOIN appointment a ON a.id = ?
      WHERE o.staff_id = a.staff_id AND o.id <> a.id AND o.status = 'booked' AND o.starts_at < a.ends_at AND o.ends_at > a.starts_at LIMIT 1`),
    version: db.prepare('SELECT version FROM appointment WHERE id = ?'),
    // Over the version the change was planned from (issue 17); updated_at moves with the status only.
    change: db.prepare(`UPDATE appointment SET status = @status, updated_at = CASE WHEN status = @status THEN updated_at ELSE @at END,
      version = version + 1 WHERE id = @id AND version = @basedOn`),
  };
  const writeVisit = sqliteVisitWrites(db);
  const one = (r: unknown): Appointment | null => (r ? fromRow(r as Row) : null);
  const insertFree = db.transaction((a: NewAppointment, at: string) => {
    if (s.overlapping.get(a.staffId, a.endsAt, a.startsAt)) throw errors.doubleBooked();
    s.insert.run({ ...a, updatedAt: at });
  });
  const rebookFree = db.transaction((id: string, at: string) => {
    if (s.overlappingOther.get(id)) throw errors.doubleBooked();
    return s.status.run('booked', at, id).changes === 1;
  });
  // IMMEDIATE: another process on the file (the CLI, a second relay) cannot write between the
  // version check and the writes. A refusal (overlap, a visit gone) throws and rolls all back.
  const changeOver = db.transaction((id: string, basedOn: number, c: AppointmentChange): 'changed' | 'stale' => {
    if (s.change.run({ id, basedOn, status: c.status, at: c.at }).changes !== 1) return 'stale';
    if (c.rebook && s.overlappingOther.get(id)) throw errors.doubleBooked();
    if (c.visit && !writeVisit(c.visit)) throw new StaleVisit();
    return 'changed';
  });
  return promised<AppointmentRepository>({
    insert: (a, at) => insertFree.immediate(a, at),
    rebook: (id, at) => rebookFree.immediate(id, at),
    startingBetween: (fromIso, toIso) => (s.between.all(fromIso, toIso) as Row[]).map(fromRow),
    byId: (id) => one(s.byId.get(id)),
    bookedByCode: (code) => one(s.booked.get(code)),
    latestByCode: (code) => one(s.latest.get(code)),
    startingFrom: (fromIso) => (s.from.all(fromIso) as Row[]).map(fromRow),
    setStatus: (id, status, at) => s.status.run(status, at, id).changes === 1,
    version: (id) => (s.version.get(id) as { version: number } | undefined)?.version ?? null,
    change: (id, basedOn, c) => {
      try {
        return changeOver.immediate(id, basedOn, c);
      } catch (caught) {
        if (caught instanceof StaleVisit) return 'stale';
        throw caught;
      }
    },
  });
}
