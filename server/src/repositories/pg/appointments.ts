import type pg from 'pg';
import { errors } from '../../errors.js';
import { fromRow, StaleVisit } from '../appointments.js';
import { pgVisitWrite } from './outreach.js';
import type { AppointmentRepository } from '../types.js';
import { all, changes, inTransaction, one } from './pool.js';

/** The advisory-lock namespace (first key) of "one booking per counselor at a time". */
const BOOKING_LOCK = 17_002;

/** Another booked appointment of its counselor overlapping this one's time (a re-booking's check). */
const OVERLAPPING_OTHER = `SELECT 1 FROM appointment o JOIN appointment a ON a.id = $1
  WHERE o.staff_id = a.staff_id AND o.id <> a.id AND o.status = 'booked' AND o.starts_at < a.ends_at AND o.ends_at > a.starts_at LIMIT 1`;

const SELECT = 'SELECT a.*, s.display_name AS staff_name FROM appointment a JOIN staff s ON s.id = a.staff_id';

/**
 * PostgreSQL appointments, read with the booking counselor's display name. `insert` refuses an
 * overlap with one the same counselor has booked. Under READ COMMITTED a check and an insert in
 * two transactions could both pass, so the inserting transaction first takes an advisory lock on
 * the counselor: two bookings for her (on any node) are decided one after the other, and the
 * second one's check sees the first one's committed row.
 */
export function createPgAppointments(pool: pg.Pool): AppointmentRepository {
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
    // Back to booked (issue 16): under the same per-counselor lock as a booking, so a re-booking
    // and a booking, or two re-bookings, are decided one after the other.
    rebook: (id, at) =>
      inTransaction(pool, async (client) => {
        const row = await one(client, 'SELECT staff_id FROM appointment WHERE id = $1', [id]);
        if (!row) return false;
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BOOKING_LOCK, row.staff_id]);
        const overlap = await one(client, OVERLAPPING_OTHER, [id]);
        if (overlap) throw errors.doubleBooked();
        return (await changes(client, "UPDATE appointment SET status = 'booked', updated_at = $1 WHERE id = $2", [at, id])) === 1;
      }),
    startingBetween: async (fromIso, toIso) => (await all(pool, `${SELECT} WHERE a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at, a.created_at, a.rowid`, [fromIso, toIso])).map(fromRow),
    byId: (id) => first(`${SELECT} WHERE a.id = $1`, [id]),
    bookedByCode: (code) => first(`${SELECT} WHERE a.code = $1 AND a.status = 'booked'`, [code]),
    latestByCode: (code) => first(`${SELECT} WHERE a.code = $1 ORDER BY a.created_at DESC, a.rowid DESC LIMIT 1`, [code]),
    startingFrom: async (fromIso) => (await all(pool, `${SELECT} WHERE a.starts_at >= $1 ORDER BY a.starts_at, a.created_at, a.rowid`, [fromIso])).map(fromRow),
    setStatus: async (id, status, at) => (await changes(pool, 'UPDATE appointment SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id])) === 1,
    version: async (id) => ((await one(pool, 'SELECT version FROM appointment WHERE id = $1', [id]))?.version as number | undefined) ?? null,
    // Issue 17: the row locked first (FOR UPDATE), so a second change of it, on any node, waits
    // for this one's commit and then finds the version moved on; a re-booking then takes the same
    // per-counselor lock as a booking. A refusal (overlap, a visit gone) rolls all back.
    change: async (id, basedOn, c) => {
      try {
        return await inTransaction(pool, async (client) => {
          const row = await one(client, 'SELECT staff_id, version FROM appointment WHERE id = $1 FOR UPDATE', [id]);
          if (!row || Number(row.version) !== basedOn) return 'stale' as const;
          if (c.rebook) {
            await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BOOKING_LOCK, row.staff_id]);
            if (await one(client, OVERLAPPING_OTHER, [id])) throw errors.doubleBooked();
          }
          await client.query(`UPDATE appointment SET status = $2, updated_at = CASE WHEN status = $2 THEN updated_at ELSE $3 END, version = version + 1
            WHERE id = $1`, [id, c.status, c.at]);
          if (c.visit && !(await pgVisitWrite(client, c.visit))) throw new StaleVisit();
          return 'changed' as const;
        });
      } catch (caught) {
        if (caught instanceof StaleVisit) return 'stale';
        throw caught;
      }
    },
  };
}
