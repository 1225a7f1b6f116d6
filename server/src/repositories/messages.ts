import type { HistoryPage, SealedEpochKey, SenderRole, StoredMessage } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import type { KeyGrant, NewMessage } from '../domain/types.js';
import type { ClientTally, KeyGrantRepository, MessageRepository } from './types.js';
import { promised } from './promised.js';

type Row = Record<string, unknown>;

export const messageFromRow = (r: Row): StoredMessage => ({
  id: r.id as number,
  consultationId: r.consultation_id as string,
  senderRole: r.sender_role as SenderRole,
  keyEpoch: r.key_epoch as number,
  seq: r.seq as number,
  nonce: r.nonce as string,
  ciphertext: r.ciphertext as string,
});

/**
 * At least what one message takes in an answer's JSON: its ciphertext, nonce and consultation id,
 * and 200 for the rest (field names and ids take some 100; the answer's own wrapper fits in what
 * is left over), so a page never passes its budget.
 */
export const answerBytes = (m: StoredMessage): number => m.ciphertext.length + m.nonce.length + m.consultationId.length + 200;

/** SQLite messages: ciphertext only, no time (the id keeps the order). */
export function createSqliteMessages(db: Db): MessageRepository {
  const s = {
    // Positional parameters: binding by name looks each one up on the object, for every message.
    insert: db.prepare(`INSERT INTO message (consultation_id, sender_role, sender_staff_id, key_epoch, seq, nonce, ciphertext)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consultation_id, sender_role, key_epoch, seq) DO NOTHING`),
    bySeq: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND sender_role = ? AND key_epoch = ? AND seq = ?'),
    after: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND id > ? ORDER BY id LIMIT ?'),
    clientTally: db.prepare(`SELECT COALESCE(SUM(LENGTH(ciphertext)), 0) AS bytes, COUNT(*) AS messages,
      COUNT(*) FILTER (WHERE id > COALESCE((SELECT MAX(id) FROM message WHERE consultation_id = ? AND sender_role = 'counselor'), 0)) AS unanswered
      FROM message WHERE consultation_id = ? AND sender_role = 'client'`),
  };

  const bySeq = (cid: string, role: SenderRole, keyEpoch: number, seq: number): StoredMessage | null => {
    const r = s.bySeq.get(cid, role, keyEpoch, seq) as Row | undefined;
    return r ? messageFromRow(r) : null;
  };

  /** Inserts unless (consultation, sender, key epoch, seq) exists; only a conflict costs a second query. */
  const insertOnce = (m: NewMessage): { message: StoredMessage; created: boolean } => {
    const info = s.insert.run(m.consultationId, m.senderRole, m.senderStaffId, m.keyEpoch, m.seq, m.nonce, m.ciphertext);
    if (info.changes === 1) {
      const message: StoredMessage = {
        id: Number(info.lastInsertRowid),
        consultationId: m.consultationId,
        senderRole: m.senderRole,
        keyEpoch: m.keyEpoch,
        seq: m.seq,
        nonce: m.nonce,
        ciphertext: m.ciphertext,
      };
      return { message, created: true };
    }
    return { message: bySeq(m.consultationId, m.senderRole, m.keyEpoch, m.seq) as StoredMessage, created: false };
  };

  /** Rows read one at a time, so a page stops reading where its bytes run out. */
  const page = (cid: string, afterId: number, maxBytes: number, maxRows: number): HistoryPage => {
    const messages: StoredMessage[] = [];
    let bytes = 0;
    for (const r of s.after.iterate(cid, afterId, maxRows + 1) as IterableIterator<Row>) {
      const m = messageFromRow(r);
      bytes += answerBytes(m);
      if (messages.length === maxRows || (messages.length > 0 && bytes > maxBytes)) return { messages, more: true };
      messages.push(m);
    }
    return { messages, more: false };
  };

  return promised<MessageRepository>({
    insertOnce,
    page,
    insertMany: db.transaction((batch: readonly NewMessage[]) => batch.map(insertOnce)),
    after: (cid, afterId, limit) => (s.after.all(cid, afterId, limit) as Row[]).map(messageFromRow),
    bySeq,
    clientTally: (cid) => s.clientTally.get(cid, cid) as ClientTally,
  });
}

/** SQLite key grants: session keys sealed to staff members, one per (consultation, staff member, key epoch). */
export function createSqliteKeyGrants(db: Db): KeyGrantRepository {
  // A grant for an epoch she already has replaces it (the newest sealing is the one she reads).
  const upsert = db.prepare(`INSERT INTO key_grant (consultation_id, staff_id, key_epoch, sealed_key, granted_by, granted_at)
    VALUES (@consultationId, @staffId, @keyEpoch, @sealedKey, @grantedBy, @grantedAt)
    ON CONFLICT (consultation_id, staff_id, key_epoch) DO UPDATE SET sealed_key = excluded.sealed_key, granted_by = excluded.granted_by, granted_at = excluded.granted_at`);
  const forStaff = db.prepare('SELECT key_epoch, sealed_key FROM key_grant WHERE consultation_id = ? AND staff_id = ? ORDER BY key_epoch');
  const newest = db.prepare('SELECT MAX(key_epoch) AS e FROM key_grant WHERE consultation_id = ?');
  return promised<KeyGrantRepository>({
    grant: db.transaction((grants: readonly KeyGrant[]) => {
      for (const g of grants) upsert.run(g);
    }),
    forStaff: (cid, staffId): SealedEpochKey[] =>
      (forStaff.all(cid, staffId) as Row[]).map((r) => ({ keyEpoch: r.key_epoch as number, sealedKey: r.sealed_key as string })),
    newestEpoch: (cid) => ((newest.get(cid) as Row | undefined)?.e as number | null | undefined) ?? null,
  });
}
