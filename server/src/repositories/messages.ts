import type { SenderRole, StoredMessage } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { KeyGrant, NewMessage } from '../domain/types.js';
import type { KeyGrantRepository, MessageRepository } from './types.js';

type Row = Record<string, unknown>;

const messageFromRow = (r: Row): StoredMessage => ({
  id: r.id as number,
  consultationId: r.consultation_id as string,
  senderRole: r.sender_role as SenderRole,
  seq: r.seq as number,
  nonce: r.nonce as string,
  ciphertext: r.ciphertext as string,
  sentAt: r.sent_at as string,
});

/** SQLite messages (ciphertext only). */
export function createSqliteMessages(db: Db): MessageRepository {
  const s = {
    // Positional parameters: binding by name looks each one up on the object, for every message.
    insert: db.prepare(`INSERT INTO message (consultation_id, sender_role, sender_staff_id, seq, nonce, ciphertext, sent_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consultation_id, sender_role, seq) DO NOTHING`),
    bySeq: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND sender_role = ? AND seq = ?'),
    after: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND id > ? ORDER BY id LIMIT ?'),
  };

  const bySeq = (cid: string, role: SenderRole, seq: number): StoredMessage | null => {
    const r = s.bySeq.get(cid, role, seq) as Row | undefined;
    return r ? messageFromRow(r) : null;
  };

  /** Inserts unless (consultation, sender, seq) exists; only a conflict costs a second query. */
  const insertOnce = (m: NewMessage): { message: StoredMessage; created: boolean } => {
    const info = s.insert.run(m.consultationId, m.senderRole, m.senderStaffId, m.seq, m.nonce, m.ciphertext, m.sentAt);
    if (info.changes === 1) {
      const message: StoredMessage = {
        id: Number(info.lastInsertRowid),
        consultationId: m.consultationId,
        senderRole: m.senderRole,
        seq: m.seq,
        nonce: m.nonce,
        ciphertext: m.ciphertext,
        sentAt: m.sentAt,
      };
      return { message, created: true };
    }
    return { message: bySeq(m.consultationId, m.senderRole, m.seq) as StoredMessage, created: false };
  };

  return {
    insertOnce,
    insertMany: db.transaction((batch: readonly NewMessage[]) => batch.map(insertOnce)),
    after: (cid, afterId, limit) => (s.after.all(cid, afterId, limit) as Row[]).map(messageFromRow),
    bySeq,
  };
}

/** SQLite key grants: session keys sealed to staff members. */
export function createSqliteKeyGrants(db: Db): KeyGrantRepository {
  const insert = db.prepare(`INSERT INTO key_grant (consultation_id, staff_id, sealed_key, granted_by, granted_at)
    VALUES (@consultationId, @staffId, @sealedKey, @grantedBy, @grantedAt)`);
  const latest = db.prepare('SELECT * FROM key_grant WHERE consultation_id = ? AND staff_id = ? ORDER BY id DESC LIMIT 1');
  return {
    insert: (g: KeyGrant) => void insert.run(g),
    latestFor: (cid, staffId) => {
      const r = latest.get(cid, staffId) as Row | undefined;
      return r ? { consultationId: cid, staffId, sealedKey: r.sealed_key as string, grantedBy: r.granted_by as SenderRole, grantedAt: r.granted_at as string } : null;
    },
  };
}
