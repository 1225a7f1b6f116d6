import type { HandoverNote } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { RoutingStatus } from '../domain/routing.js';
import { consultationCache } from './consultation-cache.js';

/** What routing persists: the queue order (via consultation rows), statuses, notes and read marks. */
export interface RoutingRepository {
  /** Waiting consultations with what the queue order needs. */
  waiting(): { id: string; urgent: boolean; queuedAt: string; requeuedAt: string | null }[];
  /** Counselors with their chosen status, capacity and current load. */
  counselors(): { staffId: string; status: RoutingStatus; capacity: number; load: number }[];
  /** Active consultations with their counselor (for grace timers after a restart). */
  active(): { id: string; staffId: string }[];
  setStatus(staffId: string, status: RoutingStatus): void;
  setCapacity(staffId: string, capacity: number): boolean;
  /** Active → waiting, at the front; false when it was not active with that counselor. */
  requeue(id: string, fromStaffId: string, at: string): boolean;
  /** Active with one counselor → active with another. */
  reassign(id: string, fromStaffId: string, toStaffId: string, at: string): boolean;
  /** Figures for an abandoned wait. */
  recordAbandon(id: string, waitMs: number, cause: 'left' | 'timeout'): void;
  /** Wait before the first assignment, for the statistics. */
  recordWait(id: string, waitMs: number): void;
  insertNote(n: { consultationId: string; fromStaffId: string; toStaffId: string | null; nonce: string; ciphertext: string; createdAt: string }): void;
  notes(consultationId: string): HandoverNote[];
  setReadMark(consultationId: string, staffId: string, lastReadId: number): number;
  readMark(consultationId: string, staffId: string): number;
}

type Row = Record<string, unknown>;

export function createSqliteRoutingRepository(db: Db): RoutingRepository {
  // Requeue and reassign change rows the consultation repository keeps in memory.
  const cache = consultationCache(db);
  const s = {
    waiting: db.prepare("SELECT id, urgent, queued_at, requeued_at FROM consultation WHERE status = 'waiting'"),
    counselors: db.prepare(`SELECT s.id, s.routing_status, s.capacity,
      (SELECT COUNT(*) FROM consultation c WHERE c.assigned_staff_id = s.id AND c.status = 'active') AS load
      FROM staff s WHERE s.role = 'counselor'`),
    active: db.prepare("SELECT id, assigned_staff_id FROM consultation WHERE status = 'active'"),
    setStatus: db.prepare('UPDATE staff SET routing_status = ? WHERE id = ?'),
    setCapacity: db.prepare("UPDATE staff SET capacity = ? WHERE id = ? AND role = 'counselor'"),
    requeue: db.prepare(`UPDATE consultation SET status = 'waiting', assigned_staff_id = NULL, assigned_at = NULL, requeued_at = ?
      WHERE id = ? AND status = 'active' AND assigned_staff_id = ?`),
    reassign: db.prepare(`UPDATE consultation SET assigned_staff_id = ?, assigned_at = ?
      WHERE id = ? AND status = 'active' AND assigned_staff_id = ?`),
    abandon: db.prepare('UPDATE consultation SET wait_ms = ?, abandon_cause = ? WHERE id = ?'),
    wait: db.prepare('UPDATE consultation SET wait_ms = COALESCE(wait_ms, ?) WHERE id = ?'),
    noteInsert: db.prepare(`INSERT INTO handover_note (consultation_id, from_staff_id, to_staff_id, nonce, ciphertext, created_at)
      VALUES (@consultationId, @fromStaffId, @toStaffId, @nonce, @ciphertext, @createdAt)`),
    notes: db.prepare(`SELECT n.from_staff_id, s.display_name, n.created_at, n.nonce, n.ciphertext
      FROM handover_note n JOIN staff s ON s.id = n.from_staff_id WHERE n.consultation_id = ? ORDER BY n.id`),
    readSet: db.prepare(`INSERT INTO read_mark (consultation_id, staff_id, last_read_id) VALUES (?, ?, ?)
      ON CONFLICT (consultation_id, staff_id) DO UPDATE SET last_read_id = MAX(last_read_id, excluded.last_read_id)`),
    readGet: db.prepare('SELECT last_read_id FROM read_mark WHERE consultation_id = ? AND staff_id = ?'),
  };
  return {
    waiting: () =>
      (s.waiting.all() as Row[]).map((r) => ({
        id: r.id as string,
        urgent: r.urgent === 1,
        queuedAt: r.queued_at as string,
        requeuedAt: (r.requeued_at as string | null) ?? null,
      })),
    counselors: () =>
      (s.counselors.all() as Row[]).map((r) => ({
        staffId: r.id as string,
        status: r.routing_status === 'available' ? 'available' : 'away',
        capacity: r.capacity as number,
        load: r.load as number,
      })),
    active: () => (s.active.all() as Row[]).map((r) => ({ id: r.id as string, staffId: r.assigned_staff_id as string })),
    setStatus: (staffId, status) => void s.setStatus.run(status, staffId),
    setCapacity: (staffId, capacity) => s.setCapacity.run(capacity, staffId).changes === 1,
    requeue: (id, from, at) => cache.writing(id, () => s.requeue.run(at, id, from).changes === 1),
    reassign: (id, from, to, at) => cache.writing(id, () => s.reassign.run(to, at, id, from).changes === 1),
    recordAbandon: (id, waitMs, cause) => void s.abandon.run(waitMs, cause, id),
    recordWait: (id, waitMs) => void s.wait.run(waitMs, id),
    insertNote: (n) => void s.noteInsert.run(n),
    notes: (cid) =>
      (s.notes.all(cid) as Row[]).map((r) => ({
        fromStaffId: r.from_staff_id as string,
        fromName: r.display_name as string,
        createdAt: r.created_at as string,
        nonce: r.nonce as string,
        ciphertext: r.ciphertext as string,
      })),
    setReadMark: (cid, staffId, id) => {
      s.readSet.run(cid, staffId, id);
      return (s.readGet.get(cid, staffId) as Row).last_read_id as number;
    },
    readMark: (cid, staffId) => ((s.readGet.get(cid, staffId) as Row | undefined)?.last_read_id as number | undefined) ?? 0,
  };
}
