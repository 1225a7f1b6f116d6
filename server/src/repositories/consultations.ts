import type { EndReason, SenderRole } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { Consultation } from '../domain/types.js';
import { coarseTime } from '../domain/coarse-time.js';
import { createCache, MAX_CACHED_CONSULTATIONS } from './consultation-cache.js';
import type { ConsultationRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

export const consultationFromRow = (r: Row): Consultation => ({
  id: r.id as string,
  clientTokenHash: r.client_token_hash as string,
  status: r.status as Consultation['status'],
  campaign: (r.campaign as string | null) ?? null,
  urgent: r.urgent === 1,
  queuedAt: r.queued_at as string,
  assignedStaffId: (r.assigned_staff_id as string | null) ?? null,
  assignedAt: (r.assigned_at as string | null) ?? null,
  endedAt: (r.ended_at as string | null) ?? null,
  endReason: (r.end_reason as EndReason | null) ?? null,
  endedBy: (r.ended_by as SenderRole | null) ?? null,
});

/**
 * SQLite consultation rows. This repository is their only writer, so it may keep the rows it read
 * in memory (see consultation-cache.ts): each write drops the kept copy.
 */
export function createSqliteConsultations(db: Db): ConsultationRepository {
  const cache = createCache(MAX_CACHED_CONSULTATIONS);
  const s = {
    insert: db.prepare(`INSERT INTO consultation (id, client_token_hash, status, campaign, urgent, queued_at)
      VALUES (@id, @clientTokenHash, @status, @campaign, @urgent, @queuedAt)`),
    byId: db.prepare('SELECT * FROM consultation WHERE id = ?'),
    // In the order the rows were stored: with stored times rounded to 10 minutes, that is what
    // tells apart women who came within the same ten minutes (see routing-service boot()).
    waiting: db.prepare("SELECT id, urgent, queued_at, requeued_at, campaign FROM consultation WHERE status = 'waiting' ORDER BY rowid"),
    active: db.prepare("SELECT id, assigned_staff_id FROM consultation WHERE status = 'active'"),
    assign: db.prepare("UPDATE consultation SET status = 'active', assigned_staff_id = ?, assigned_at = ?, taken = 1 WHERE id = ? AND status = 'waiting'"),
    reassign: db.prepare(`UPDATE consultation SET assigned_staff_id = ?, assigned_at = ?
      WHERE id = ? AND status = 'active' AND assigned_staff_id = ?`),
    requeue: db.prepare(`UPDATE consultation SET status = 'waiting', assigned_staff_id = NULL, assigned_at = NULL, requeued_at = ?
      WHERE id = ? AND status = 'active' AND assigned_staff_id = ?`),
    // Once it ended, its assignment time is kept coarse like every other (see assign below).
    coarsenAssigned: db.prepare('UPDATE consultation SET assigned_at = ? WHERE id = ?'),
    // Her reconnect token goes with the end (issue 15): '' matches no token's hash, so no device
    // can come back into a chat she left.
    end: db.prepare("UPDATE consultation SET status = 'ended', ended_at = ?, end_reason = ?, ended_by = ?, client_token_hash = '' WHERE id = ? AND status != 'ended'"),
    wait: db.prepare('UPDATE consultation SET wait_ms = COALESCE(wait_ms, ?) WHERE id = ?'),
    // A woman taken up before (then requeued) keeps her first wait, as recordWait does.
    abandon: db.prepare('UPDATE consultation SET wait_ms = COALESCE(wait_ms, ?), abandon_cause = ? WHERE id = ?'),
    token: db.prepare('UPDATE consultation SET client_token_hash = ? WHERE id = ?'),
    // A chat ended as a nuisance is not a consultation answered (as in the fiscal-year report).
    // As the report: one taken up (then requeued) who ended without a second counselor is answered, not left.
    answeredSince: db.prepare("SELECT COUNT(*) AS n FROM consultation WHERE (assigned_at >= @since OR (taken = 1 AND assigned_at IS NULL AND ended_at >= @since)) AND end_reason IS NOT 'nuisance'"),
    leftSince: db.prepare('SELECT COUNT(*) AS n FROM consultation WHERE ended_at >= ? AND assigned_at IS NULL AND taken = 0'),
    startedSince: db.prepare("SELECT COUNT(*) AS n FROM consultation WHERE queued_at >= ? AND end_reason IS NOT 'nuisance'"),
    waitsSince: db.prepare("SELECT wait_ms FROM consultation WHERE (assigned_at >= @since OR (taken = 1 AND assigned_at IS NULL AND ended_at >= @since)) AND wait_ms IS NOT NULL AND end_reason IS NOT 'nuisance'"),
    forStaff: db.prepare("SELECT * FROM consultation WHERE assigned_staff_id = ? AND status = 'active' ORDER BY assigned_at"),
    // Runs once per (re)connect of a counselor. Plan: consultation_staff (assigned_staff_id, status)
    // finds her ended rows, ended_at is checked on each and the record looked up by primary key.
    // That is at most a few thousand rows a year per counselor, so no new index (migration) for it.
    endedUnrecorded: db.prepare(`SELECT c.* FROM consultation c
      WHERE c.assigned_staff_id = ? AND c.status = 'ended' AND c.ended_at >= ?
        AND NOT EXISTS (SELECT 1 FROM case_record r WHERE r.consultation_id = c.id)
      ORDER BY c.ended_at`),
  };
  const endOnce = db.transaction((id: string, at: string, reason: EndReason, by: SenderRole): boolean => {
    if (s.end.run(coarseTime(at), reason, by, id).changes !== 1) return false;
    const assignedAt = (s.byId.get(id) as Row).assigned_at as string | null;
    if (assignedAt !== null) s.coarsenAssigned.run(coarseTime(assignedAt), id);
    return true;
  });
  const byId = (id: string): Consultation | null => {
    const kept = cache.get(id);
    if (kept) return kept;
    const r = s.byId.get(id) as Row | undefined;
    return r ? cache.set(consultationFromRow(r)) : null;
  };
  return promised<ConsultationRepository>({
    // Times are stored to 10 minutes (coarse-time.ts). The assignment time alone is exact while the
    // chat is active: the widget tells one assignment from the next by it (it re-keys for a new one).
    insert: (c) =>
      cache.writing(c.id, () => void s.insert.run({ id: c.id, clientTokenHash: c.clientTokenHash, status: c.status, campaign: c.campaign, urgent: c.urgent ? 1 : 0, queuedAt: coarseTime(c.queuedAt) })),
    byId,
    // One process writes every row here, and its kept rows change with each write: always current.
    recent: byId,
    waiting: () =>
      (s.waiting.all() as Row[]).map((r) => ({
        id: r.id as string,
        urgent: r.urgent === 1,
        queuedAt: r.queued_at as string,
        requeuedAt: (r.requeued_at as string | null) ?? null,
        campaign: (r.campaign as string | null) ?? null,
      })),
    active: () => (s.active.all() as Row[]).map((r) => ({ consultationId: r.id as string, staffId: r.assigned_staff_id as string })),
    assign: (id, staffId, at) => cache.writing(id, () => s.assign.run(staffId, at, id).changes === 1),
    reassign: (id, from, to, at) => cache.writing(id, () => s.reassign.run(to, at, id, from).changes === 1),
    requeue: (id, from, at) => cache.writing(id, () => s.requeue.run(coarseTime(at), id, from).changes === 1),
    end: (id, at, reason, by) => cache.writing(id, () => endOnce(id, at, reason, by)),
    // Statistics columns the kept rows do not hold: nothing to drop.
    recordWait: (id, waitMs) => void s.wait.run(waitMs, id),
    recordAbandon: (id, waitMs, cause) => void s.abandon.run(waitMs, cause, id),
    openForStaff: (staffId) => (s.forStaff.all(staffId) as Row[]).map(consultationFromRow),
    endedUnrecordedForStaff: (staffId, since) => (s.endedUnrecorded.all(staffId, since) as Row[]).map(consultationFromRow),
    setClientTokenHash: (id, hash) => cache.writing(id, () => void s.token.run(hash, id)),
    countSince: (startIso) => ({
      answered: (s.answeredSince.get({ since: startIso }) as { n: number }).n,
      leftWaiting: (s.leftSince.get(startIso) as { n: number }).n,
      started: (s.startedSince.get(startIso) as { n: number }).n,
    }),
    waitsSince: (startIso) => (s.waitsSince.all({ since: startIso }) as { wait_ms: number }[]).map((r) => r.wait_ms),
  });
}
