import type { DistributionEvent, OutreachVisit } from '@tsunagari/shared';
import type pg from 'pg';
import { coarseOrNull, coarseTime } from '../../domain/coarse-time.js';
import { toEvent } from '../distribution.js';
import { toVisit } from '../outreach.js';
import type { DistributionRepository, OutreachRepository, VisitWrite } from '../types.js';
import { all, changes, one, type Queryable } from './pool.js';

/**
 * The visit writes on a pool or on a transaction's client (an appointment's status change runs
 * them inside its own transaction, issue 17). Each answers whether it wrote a row.
 */
export async function pgVisitWrite(db: Queryable, w: VisitWrite): Promise<boolean> {
  const params = (v: OutreachVisit) => [v.id, v.kind, v.date, v.durationBand, v.agency];
  if ('insert' in w) {
    const v = w.insert;
    const sql = 'INSERT INTO outreach_visit (id, kind, day, duration_band, agency, staff_id, appointment_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
    return (await changes(db, sql, [...params(v), v.staffId, v.appointmentId, coarseTime(v.recordedAt)])) === 1;
  }
  if ('correct' in w) {
    const sql = 'UPDATE outreach_visit SET kind = $2, day = $3, duration_band = $4, agency = $5, corrected_at = $6 WHERE id = $1 AND withdrawn_at IS NULL';
    return (await changes(db, sql, [...params(w.correct), coarseOrNull(w.correct.correctedAt)])) === 1;
  }
  return (await changes(db, 'UPDATE outreach_visit SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL', [coarseTime(w.withdraw.at), w.withdraw.id])) === 1;
}

/** PostgreSQL visits done: withdrawn rows stay, invisible to every read; times kept to 10 minutes. */
export function createPgOutreach(pool: pg.Pool): OutreachRepository {
  const first = async (where: string, value: string) => {
    const r = await one(pool, `SELECT * FROM outreach_visit WHERE ${where} = $1 AND withdrawn_at IS NULL`, [value]);
    return r ? toVisit(r) : null;
  };
  return {
    insert: async (v) => void (await pgVisitWrite(pool, { insert: v })),
    correct: (v) => pgVisitWrite(pool, { correct: v }),
    withdraw: (id, at) => pgVisitWrite(pool, { withdraw: { id, at } }),
    byId: (id) => first('id', id),
    byAppointment: (appointmentId) => first('appointment_id', appointmentId),
    mine: async (staffId, sinceIso, limit) =>
      (await all(pool, `SELECT * FROM outreach_visit WHERE staff_id = $1 AND recorded_at >= $2 AND withdrawn_at IS NULL
        ORDER BY recorded_at DESC, rowid DESC LIMIT $3`, [staffId, sinceIso, limit])).map(toVisit),
    between: async (fromYmd, toYmd) =>
      (await all(pool, 'SELECT * FROM outreach_visit WHERE day >= $1 AND day <= $2 AND withdrawn_at IS NULL ORDER BY day, rowid', [fromYmd, toYmd])).map(toVisit),
  };
}

/** PostgreSQL distribution events: withdrawn rows stay, invisible to every read; times kept to 10 minutes. */
export function createPgDistribution(pool: pg.Pool): DistributionRepository {
  const params = (e: DistributionEvent) => [e.id, e.date, e.municipality, e.partner, e.sets, e.flyers, e.campaign];
  return {
    insert: async (e) =>
      void (await pool.query('INSERT INTO distribution_event (id, day, municipality, partner, sets, flyers, campaign, staff_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        ...params(e), e.staffId, coarseTime(e.recordedAt),
      ])),
    correct: async (e) =>
      (await changes(pool, `UPDATE distribution_event SET day = $2, municipality = $3, partner = $4, sets = $5, flyers = $6, campaign = $7, corrected_at = $8
        WHERE id = $1 AND withdrawn_at IS NULL`, [...params(e), coarseOrNull(e.correctedAt)])) === 1,
    withdraw: async (id, at) => (await changes(pool, 'UPDATE distribution_event SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL', [coarseTime(at), id])) === 1,
    byId: async (id) => {
      const r = await one(pool, 'SELECT * FROM distribution_event WHERE id = $1 AND withdrawn_at IS NULL', [id]);
      return r ? toEvent(r) : null;
    },
    between: async (fromYmd, toYmd) =>
      (await all(pool, 'SELECT * FROM distribution_event WHERE day >= $1 AND day <= $2 AND withdrawn_at IS NULL ORDER BY day, rowid', [fromYmd, toYmd])).map(toEvent),
    // A nuisance chat is no consultation; rows outlive the retention purge, so this does too.
    campaignStarts: async (campaign, fromIso, toIso) =>
      (await all(pool, `SELECT id FROM consultation WHERE campaign = $1 AND queued_at >= $2 AND queued_at < $3
        AND (end_reason IS NULL OR end_reason <> 'nuisance') ORDER BY rowid`, [campaign, fromIso, toIso])).map((r) => r.id as string),
  };
}
