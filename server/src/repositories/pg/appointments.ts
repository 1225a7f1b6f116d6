import type pg from 'pg';
import { errors } from '../../errors.js';
import { fromRow } from '../appointments.js';
import type { Async } from '../async.js';
import type { AppointmentRepository } from '../types.js';
import { all, changes, inTransaction, one } from './pool.js';

/** The advisory-lock namespace (first key) of "one booking per counselor at a time". */
const BOOKING_LOCK = 17_002;

const SELECT = 'SELECT a.*, s.display_name AS staff_name FROM appointment a JOIN staff s ON s.id = a.staff_id';

/**
 * PostgreSQL appointments, read with the booking counselor's display name. `insert` refuses an
 * overlap with one the same counselor has booked. Under READ COMMITTED a check and an insert in
 * two transactions could both pass, so the inserting transaction first takes an advisory lock on
 * the counselor: two bookings for her (on any node) are decided one after the other, and the
 * second one's check sees the first one's committed row.
 */
export function createPgAppointments(pool: pg.Pool): Async<AppointmentRepository> {
  const first = async (sql: string, params: unknown[]) => {
    const r = await one(pool, sql, params);
    return r ? fromRow(r) : null;
  };
  return {
    insert: (a, at) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BOOKING_LOCK, a.staffId]);
        // Half-open intervals; UTC ISO text compares as time; only booked ones hold the time.
        const overlap = await one(client, "SELECT 1 FROM appointment WHERE staff_id = $1 AND status = 'booked' AND starts_at < $2 AND ends_at > $3 LIMIT 1", [a.staffId, a.endsAt, a.startsAt]);
        if (overlap) throw errors.doubleBooked();
        await client.query(`INSERT INTO appointment (id, consultation_id, kind, starts_at, ends_at, code, status, staff_id, overridden_by, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [a.id, a.consultationId, a.kind, a.startsAt, a.endsAt, a.code, a.status, a.staffId, a.overriddenBy, a.createdAt, at]);
      }),
    startingBetween: async (fromIso, toIso) => (await all(pool, `${SELECT} WHERE a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at, a.created_at, a.rowid`, [fromIso, toIso])).map(fromRow),
    byId: (id) => first(`${SELECT} WHERE a.id = $1`, [id]),
    bookedByCode: (code) => first(`${SELECT} WHERE a.code = $1 AND a.status = 'booked'`, [code]),
    latestByCode: (code) => first(`${SELECT} WHERE a.code = $1 ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1`, [code]),
    startingFrom: async (fromIso) => (await all(pool, `${SELECT} WHERE a.starts_at >= $1 ORDER BY a.starts_at, a.created_at, a.rowid`, [fromIso])).map(fromRow),
    setStatus: async (id, status, at) => (await changes(pool, 'UPDATE appointment SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id])) === 1,
  };
}
