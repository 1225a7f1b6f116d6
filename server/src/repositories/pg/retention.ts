import type pg from 'pg';
import { coarseTime } from '../../domain/coarse-time.js';
import type { Async } from '../async.js';
import type { RetentionRepository } from '../retention.js';
import { all, changes, inTransaction } from './pool.js';

/** The advisory lock a purge holds: two nodes purging at once would tally one done appointment twice. */
const PURGE_LOCK = 17_003;

const CHILDREN = ['message', 'key_grant', 'handover_note', 'read_mark', 'resume_code'] as const;

// A booked appointment still to come stays until it has passed; every other appointment of a purged consultation goes.
const PURGEABLE = "(status <> 'booked' OR starts_at < $1) AND consultation_id IN (SELECT id FROM consultation WHERE purged_at IS NOT NULL)";

// The Tokyo fiscal year (April–March) of an appointment, as SQLite's strftime('%Y', starts_at, '+9 hours', 'start of month', '-3 months').
const FISCAL_YEAR = "EXTRACT(YEAR FROM date_trunc('month', (starts_at::timestamptz AT TIME ZONE 'UTC') + interval '9 hours') - interval '3 months')::bigint";

/**
 * PostgreSQL retention: the same purge as SQLite's (retention.ts), in one transaction. `compact`
 * runs a plain VACUUM on the tables the purge deletes from, so their space is reused; unlike
 * SQLite's secure_delete it does not zero the deleted rows in place (see the README's backup and
 * retention notes for PostgreSQL).
 */
export function createPgRetention(pool: pg.Pool): Async<RetentionRepository> {
  return {
    purgeEndedBefore: (endedBefore, now, limit) =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PURGE_LOCK]);
        const ids = (await all(client, "SELECT id FROM consultation WHERE status = 'ended' AND ended_at < $1 AND purged_at IS NULL ORDER BY ended_at, rowid LIMIT $2", [endedBefore, limit])).map(
          (r) => r.id as string,
        );
        let messages = 0;
        for (const id of ids) {
          await client.query(`UPDATE consultation SET handoff_kinds =
            (SELECT COALESCE(json_agg(a.kind ORDER BY a.rowid), '[]')::text FROM appointment a WHERE a.consultation_id = $1 AND a.status <> 'cancelled') WHERE id = $1`, [id]);
          for (const table of CHILDREN) {
            const n = await changes(client, `DELETE FROM ${table} WHERE consultation_id = $1`, [id]);
            if (table === 'message') messages += n;
          }
          await client.query("UPDATE consultation SET purged_at = $1, assigned_staff_id = NULL, requeued_at = NULL, client_token_hash = '' WHERE id = $2", [coarseTime(now), id]);
          await client.query('UPDATE case_record SET staff_id = NULL, recorded_at = substr(recorded_at, 1, 7) WHERE consultation_id = $1', [id]);
        }
        await client.query(`INSERT INTO handoff_done (fiscal_year, kind, n)
          SELECT ${FISCAL_YEAR}, kind, COUNT(*) FROM appointment WHERE status = 'done' AND kind NOT IN ('outreach', 'accompaniment') AND ${PURGEABLE} GROUP BY 1, 2
          ON CONFLICT (fiscal_year, kind) DO UPDATE SET n = handoff_done.n + excluded.n`, [now]);
        await client.query(`UPDATE outreach_visit SET appointment_id = NULL WHERE appointment_id IN (SELECT id FROM appointment WHERE ${PURGEABLE})`, [now]);
        await client.query(`DELETE FROM appointment WHERE ${PURGEABLE}`, [now]);
        return { consultations: ids.length, messages };
      }),
    compact: async () => void (await pool.query(`VACUUM ${[...CHILDREN, 'appointment'].join(', ')}`)),
  };
}
