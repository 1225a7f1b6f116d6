import type { Db } from '../db/database.js';
import type { HandoverRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

/** SQLite handover notes (ciphertext) and read marks. */
export function createSqliteHandover(db: Db): HandoverRepository {
  const s = {
    noteInsert: db.prepare(`INSERT INTO handover_note (consultation_id, from_staff_id, to_staff_id, nonce, ciphertext, created_at)
      VALUES (@consultationId, @fromStaffId, @toStaffId, @nonce, @ciphertext, @createdAt)`),
    notes: db.prepare(`SELECT n.from_staff_id, s.display_name, n.created_at, n.nonce, n.ciphertext
      FROM handover_note n JOIN staff s ON s.id = n.from_staff_id WHERE n.consultation_id = ? ORDER BY n.id`),
    readSet: db.prepare(`INSERT INTO read_mark (consultation_id, staff_id, last_read_id) VALUES (?, ?, ?)
      ON CONFLICT (consultation_id, staff_id) DO UPDATE SET last_read_id = MAX(last_read_id, excluded.last_read_id)`),
    readGet: db.prepare('SELECT last_read_id FROM read_mark WHERE consultation_id = ? AND staff_id = ?'),
  };
  return promised<HandoverRepository>({
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
  });
}
