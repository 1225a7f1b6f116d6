import type pg from 'pg';
import { coarseTime } from '../../domain/coarse-time.js';
import { consultationFromRow } from '../consultations.js';
import type { ConsultationRepository, CounselorRepository } from '../types.js';
import { all, changes, inTransaction, one, type Row } from './pool.js';
import { CONSULTATION_CHANGED, RecentRows } from './recent-rows.js';

// A chat ended as a nuisance is not a consultation answered (as in the fiscal-year report).
const NOT_NUISANCE = "end_reason IS DISTINCT FROM 'nuisance'";
/** Taken up since $1: held since then, or taken, requeued and ended since then without a second counselor. */
const TAKEN_SINCE_1 = '(assigned_at >= $1 OR (taken = 1 AND assigned_at IS NULL AND ended_at >= $1))';

/** The columns a kept row is made of (`consultationFromRow`'s). */
const KEPT_COLUMNS = 'id, client_token_hash, status, campaign, urgent, queued_at, assigned_staff_id, assigned_at, ended_at, end_reason, ended_by';
/**
 * A lifecycle UPDATE that announces the row it changed as committed (JSON, at its commit, with its
 * transaction's id as `tx`), for every node's kept rows; its row count is the UPDATE's, and `tx`
 * comes back too, so the writing node can tell whether it has heard its own announcement yet.
 */
const announced = (update: string) =>
  `WITH changed AS (${update} RETURNING ${KEPT_COLUMNS})
  SELECT txid_current() AS tx, pg_notify('${CONSULTATION_CHANGED}', (to_jsonb(changed) || jsonb_build_object('tx', txid_current()))::text) FROM changed`;

/**
 * PostgreSQL consultation rows. Unlike SQLite's, no rows are kept in memory (save `recent`'s active
 * rows, each dropped as soon as any node announces a change of it: recent-rows.ts): several relay
 * nodes write the same rows, so a kept copy could be another node's past. Every lifecycle change is a
 * conditional UPDATE (the state it expects in its WHERE), so of two nodes racing one wins.
 */
export function createPgConsultations(pool: pg.Pool): ConsultationRepository {
  const count = async (sql: string, param: string) => (await one(pool, sql, [param]))?.n as number;
  const recentRows = new RecentRows(pool.options.connectionString);
  // Its listening connection goes with the pool: storage's close (pool.end) leaves nothing open.
  const endPool = pool.end.bind(pool);
  pool.end = (async () => {
    await recentRows.close();
    await endPool();
  }) as typeof pool.end;
  // A lifecycle change through `announced`: whether it changed the row; the kept row is settled
  // against its announcement (recent-rows.ts: kept if already heard, else dropped until it is).
  const change = async (id: string, update: string, params: unknown[]) => {
    const r = await pool.query(announced(update), params);
    return recentRows.settle(id, r.rows[0]?.tx as number | undefined, r.rowCount === 1);
  };
  const byId = async (id: string) => {
    recentRows.warm();
    // Named: read on every message a participant sends whose row is not kept, so planned once per connection.
    const r = (await pool.query({ name: 'consultation-by-id', text: 'SELECT * FROM consultation WHERE id = $1', values: [id] })).rows[0] as Row | undefined;
    return r ? consultationFromRow(r) : null;
  };
  return {
    insert: async (c) => {
      recentRows.warm();
      await pool.query('INSERT INTO consultation (id, client_token_hash, status, campaign, urgent, queued_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        c.id, c.clientTokenHash, c.status, c.campaign, c.urgent ? 1 : 0, coarseTime(c.queuedAt),
      ]);
    },
    byId,
    recent: async (id) => {
      const kept = recentRows.get(id);
      if (kept) return kept;
      const mark = recentRows.mark();
      const row = await byId(id);
      return row ? recentRows.keep(row, mark) : null;
    },
    // In the order the rows were stored (rowid, as SQLite's): what tells apart women who came within the same ten minutes.
    waiting: async () =>
      (await all(pool, "SELECT id, urgent, queued_at, requeued_at, campaign FROM consultation WHERE status = 'waiting' ORDER BY rowid")).map((r) => ({
        id: r.id as string,
        urgent: r.urgent === 1,
        queuedAt: r.queued_at as string,
        requeuedAt: (r.requeued_at as string | null) ?? null,
        campaign: (r.campaign as string | null) ?? null,
      })),
    active: async () =>
      (await all(pool, "SELECT id, assigned_staff_id FROM consultation WHERE status = 'active' ORDER BY rowid")).map((r) => ({ consultationId: r.id as string, staffId: r.assigned_staff_id as string })),
    assign: (id, staffId, at) =>
      change(id, "UPDATE consultation SET status = 'active', assigned_staff_id = $1, assigned_at = $2, taken = 1 WHERE id = $3 AND status = 'waiting'", [staffId, at, id]),
    reassign: (id, from, to, at) =>
      change(id, "UPDATE consultation SET assigned_staff_id = $1, assigned_at = $2 WHERE id = $3 AND status = 'active' AND assigned_staff_id = $4", [to, at, id, from]),
    requeue: (id, from, at) =>
      change(id, `UPDATE consultation SET status = 'waiting', assigned_staff_id = NULL, assigned_at = NULL, requeued_at = $1
        WHERE id = $2 AND status = 'active' AND assigned_staff_id = $3`, [coarseTime(at), id, from]),
    // Her reconnect token goes with the end; the assignment time becomes coarse like every other.
    end: async (id, at, reason, by) =>
      recentRows.drop(id, await inTransaction(pool, async (client) => {
        const ended = await one(client, `UPDATE consultation SET status = 'ended', ended_at = $1, end_reason = $2, ended_by = $3, client_token_hash = ''
          WHERE id = $4 AND status <> 'ended' RETURNING assigned_at`, [coarseTime(at), reason, by, id]);
        if (!ended) return false;
        await client.query('SELECT pg_notify($1, $2)', [CONSULTATION_CHANGED, id]);
        if (ended.assigned_at !== null) await client.query('UPDATE consultation SET assigned_at = $1 WHERE id = $2', [coarseTime(ended.assigned_at as string), id]);
        return true;
      })),
    recordWait: async (id, waitMs) => void (await pool.query('UPDATE consultation SET wait_ms = COALESCE(wait_ms, $1) WHERE id = $2', [waitMs, id])),
    recordAbandon: async (id, waitMs, cause) => void (await pool.query('UPDATE consultation SET wait_ms = COALESCE(wait_ms, $1), abandon_cause = $2 WHERE id = $3', [waitMs, cause, id])),
    openForStaff: async (staffId) =>
      (await all(pool, "SELECT * FROM consultation WHERE assigned_staff_id = $1 AND status = 'active' ORDER BY assigned_at, rowid", [staffId])).map(consultationFromRow),
    endedUnrecordedForStaff: async (staffId, since) =>
      (await all(pool, `SELECT c.* FROM consultation c WHERE c.assigned_staff_id = $1 AND c.status = 'ended' AND c.ended_at >= $2
        AND NOT EXISTS (SELECT 1 FROM case_record r WHERE r.consultation_id = c.id) ORDER BY c.ended_at, c.rowid`, [staffId, since])).map(consultationFromRow),
    setClientTokenHash: async (id, hash) => recentRows.drop(id, void (await pool.query('UPDATE consultation SET client_token_hash = $1 WHERE id = $2', [hash, id]))),
    countSince: async (startIso) => ({
      // As the report: one taken up (then requeued) who ended without a second counselor is answered, not left.
      answered: await count(`SELECT COUNT(*) AS n FROM consultation WHERE ${TAKEN_SINCE_1} AND ${NOT_NUISANCE}`, startIso),
      leftWaiting: await count('SELECT COUNT(*) AS n FROM consultation WHERE ended_at >= $1 AND assigned_at IS NULL AND taken = 0', startIso),
      started: await count(`SELECT COUNT(*) AS n FROM consultation WHERE queued_at >= $1 AND ${NOT_NUISANCE}`, startIso),
    }),
    waitsSince: async (startIso) =>
      (await all(pool, `SELECT wait_ms FROM consultation WHERE ${TAKEN_SINCE_1} AND wait_ms IS NOT NULL AND ${NOT_NUISANCE} ORDER BY rowid`, [startIso])).map((r) => r.wait_ms as number),
  };
}

/** PostgreSQL: counselors' routing columns on the staff row; load counted from consultations. Only active counselors. */
export function createPgCounselors(pool: pg.Pool): CounselorRepository {
  return {
    all: async () =>
      (await all(pool, `SELECT s.id, s.routing_status, s.capacity,
        (SELECT COUNT(*) FROM consultation c WHERE c.assigned_staff_id = s.id AND c.status = 'active') AS load
        FROM staff s WHERE s.role = 'counselor' AND s.status = 'active' ORDER BY s.rowid`)).map((r) => ({
        staffId: r.id as string,
        status: r.routing_status === 'available' ? ('available' as const) : ('away' as const),
        capacity: r.capacity as number,
        load: r.load as number,
      })),
    setStatus: async (staffId, status) => void (await pool.query('UPDATE staff SET routing_status = $1 WHERE id = $2', [status, staffId])),
    setCapacity: async (staffId, capacity) =>
      (await changes(pool, "UPDATE staff SET capacity = $1 WHERE id = $2 AND role = 'counselor' AND status = 'active'", [capacity, staffId])) === 1,
  };
}
