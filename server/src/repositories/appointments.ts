import type { Appointment, AppointmentStatus, HandoffKind } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { AppointmentRepository } from './types.js';

type Row = Record<string, unknown>;

const fromRow = (r: Row): Appointment => ({
  id: r.id as string,
  consultationId: r.consultation_id as string,
  kind: r.kind as HandoffKind,
  startsAt: r.starts_at as string,
  code: r.code as string,
  status: r.status as AppointmentStatus,
  staffId: r.staff_id as string,
  staffName: r.staff_name as string,
  createdAt: r.created_at as string,
});

/** SQLite appointments (migration 7), read with the booking counselor's display name. */
export function createSqliteAppointments(db: Db): AppointmentRepository {
  const select = `SELECT a.*, s.display_name AS staff_name FROM appointment a JOIN staff s ON s.id = a.staff_id`;
  const s = {
    insert: db.prepare(`INSERT INTO appointment (id, consultation_id, kind, starts_at, code, status, staff_id, created_at, updated_at)
      VALUES (@id, @consultationId, @kind, @startsAt, @code, @status, @staffId, @createdAt, @updatedAt)`),
    byId: db.prepare(`${select} WHERE a.id = ?`),
    // Served by the partial unique index appointment_booked_code.
    booked: db.prepare(`${select} WHERE a.code = ? AND a.status = 'booked'`),
    // Only when no booked one has the code (a call about an appointment that is over): a scan of
    // a table that grows by a few thousand rows a year, so no second index on code.
    latest: db.prepare(`${select} WHERE a.code = ? ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1`),
    from: db.prepare(`${select} WHERE a.starts_at >= ? ORDER BY a.starts_at, a.created_at`),
    status: db.prepare('UPDATE appointment SET status = ?, updated_at = ? WHERE id = ?'),
  };
  const one = (r: unknown): Appointment | null => (r ? fromRow(r as Row) : null);
  return {
    insert: (a, at) => void s.insert.run({ ...a, updatedAt: at }),
    byId: (id) => one(s.byId.get(id)),
    bookedByCode: (code) => one(s.booked.get(code)),
    latestByCode: (code) => one(s.latest.get(code)),
    startingFrom: (fromIso) => (s.from.all(fromIso) as Row[]).map(fromRow),
    setStatus: (id, status, at) => s.status.run(status, at, id).changes === 1,
  };
}
