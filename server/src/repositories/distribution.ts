import type { DistributionEvent, Municipality } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { coarseOrNull, coarseTime } from '../domain/coarse-time.js';
import type { DistributionRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

const COLUMNS = 'id, staff_id, day, municipality, partner, sets, flyers, campaign, recorded_at, corrected_at';

export function toEvent(r: Row): DistributionEvent {
  return {
    id: r.id as string,
    staffId: r.staff_id as string,
    date: r.day as string,
    municipality: r.municipality as Municipality,
    partner: r.partner as string,
    sets: r.sets as number,
    flyers: r.flyers as number,
    campaign: (r.campaign as string | null) ?? null,
    recordedAt: r.recorded_at as string,
    correctedAt: (r.corrected_at as string | null) ?? null,
  };
}

/**
 * SQLite distribution events (issue 16's migration). Withdrawn rows stay stored and are invisible
 * to every read. Times are stored to 10 minutes, like the case log's.
 */
export function createSqliteDistribution(db: Db): DistributionRepository {
  const s = {
    insert: db.prepare(`INSERT INTO distribution_event (id, staff_id, day, municipality, partner, sets, flyers, campaign, recorded_at)
      VALUES (@id, @staffId, @date, @municipality, @partner, @sets, @flyers, @campaign, @recordedAt)`),
    correct: db.prepare(`UPDATE distribution_event SET day = @date, municipality = @municipality, partner = @partner, sets = @sets,
      flyers = @flyers, campaign = @campaign, corrected_at = @correctedAt WHERE id = @id AND withdrawn_at IS NULL`),
    withdraw: db.prepare('UPDATE distribution_event SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL'),
    byId: db.prepare(`SELECT ${COLUMNS} FROM distribution_event WHERE id = ? AND withdrawn_at IS NULL`),
    between: db.prepare(`SELECT ${COLUMNS} FROM distribution_event WHERE day >= ? AND day <= ? AND withdrawn_at IS NULL
      ORDER BY day, rowid`),
    // Chats she started under the campaign in [from, to): a nuisance chat is no consultation
    // (reports.ts counts it nowhere else either). Rows outlive the retention purge, so this does too.
    starts: db.prepare(`SELECT id FROM consultation WHERE campaign = ? AND queued_at >= ? AND queued_at < ?
      AND (end_reason IS NULL OR end_reason != 'nuisance')`),
  };
  const params = (e: DistributionEvent) => ({ ...e, recordedAt: coarseTime(e.recordedAt), correctedAt: coarseOrNull(e.correctedAt) });
  return promised<DistributionRepository>({
    insert: (e) => void s.insert.run(params(e)),
    correct: (e) => s.correct.run(params(e)).changes === 1,
    withdraw: (id, at) => s.withdraw.run(coarseTime(at), id).changes === 1,
    byId: (id) => {
      const r = s.byId.get(id) as Row | undefined;
      return r ? toEvent(r) : null;
    },
    between: (fromYmd, toYmd) => (s.between.all(fromYmd, toYmd) as Row[]).map(toEvent),
    campaignStarts: (campaign, fromIso, toIso) => (s.starts.all(campaign, fromIso, toIso) as { id: string }[]).map((r) => r.id),
  });
}
