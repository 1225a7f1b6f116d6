import type { Db } from '../db/database.js';
import type { CounselorRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

/**
 * SQLite: counselors' routing columns on the staff row; their load is counted from consultations.
 * Only active counselors are routed to: one invited, enrolling or disabled is not a counselor here.
 */
export function createSqliteCounselors(db: Db): CounselorRepository {
  const s = {
    all: db.prepare(`SELECT s.id, s.routing_status, s.capacity,
      (SELECT COUNT(*) FROM consultation c WHERE c.assigned_staff_id = s.id AND c.status = 'active') AS load
      FROM staff s WHERE s.role = 'counselor' AND s.status = 'active'`),
    setStatus: db.prepare('UPDATE staff SET routing_status = ? WHERE id = ?'),
    setCapacity: db.prepare("UPDATE staff SET capacity = ? WHERE id = ? AND role = 'counselor' AND status = 'active'"),
  };
  return promised<CounselorRepository>({
    all: () =>
      (s.all.all() as Row[]).map((r) => ({
        staffId: r.id as string,
        status: r.routing_status === 'available' ? 'available' : 'away',
        capacity: r.capacity as number,
        load: r.load as number,
      })),
    setStatus: (staffId, status) => void s.setStatus.run(status, staffId),
    setCapacity: (staffId, capacity) => s.setCapacity.run(capacity, staffId).changes === 1,
  });
}
