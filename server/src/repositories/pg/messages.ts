import type { StoredMessage } from '@tsunagari/shared';
import type pg from 'pg';
import type { NewMessage } from '../../domain/types.js';
import { answerBytes, messageFromRow } from '../messages.js';
import type { ClientTally, HandoverRepository, KeyGrantRepository, MessageRepository } from '../types.js';
import { all, inTransaction, one, type Queryable, type Row } from './pool.js';

type Written = { message: StoredMessage; created: boolean };

const keyOf = (cid: string, role: string, keyEpoch: number, seq: number) => `${cid}\u0000${role}\u0000${keyEpoch}\u0000${seq}`;

/** The advisory-lock namespace (first key) of "one writer of a consultation's messages at a time". */
const MESSAGE_LOCK = 17_001;

/**
 * A turn's batch as ONE statement, so one round trip and PostgreSQL's own implicit transaction:
 * first the batch's consultations locked in sorted order (no deadlock between two batches; the
 * scalar subquery is an InitPlan, run once before the first row is formed, so before any id is
 * drawn), then the rows in the batch's order (ids increase along it), duplicates of a stored row
 * skipped. The transaction-scoped locks are held until the statement commits.
 */
const INSERT_MANY = `WITH locks AS (
    SELECT pg_advisory_xact_lock($8, hashtext(c)) FROM (SELECT DISTINCT unnest($1::text[]) AS c ORDER BY 1) AS batch
  )
  INSERT INTO message (consultation_id, sender_role, sender_staff_id, key_epoch, seq, nonce, ciphertext)
  SELECT c, r, s, e, q, n, t FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[])
    WITH ORDINALITY AS b(c, r, s, e, q, n, t, i) WHERE (SELECT COUNT(*) FROM locks) > 0 ORDER BY i
  ON CONFLICT (consultation_id, sender_role, key_epoch, seq) DO NOTHING
  RETURNING id, consultation_id, sender_role, key_epoch, seq`;
const BY_SEQ = 'SELECT * FROM message WHERE consultation_id = $1 AND sender_role = $2 AND key_epoch = $3 AND seq = $4';
const AFTER = 'SELECT * FROM message WHERE consultation_id = $1 AND id > $2 ORDER BY id LIMIT $3';

/**
 * PostgreSQL messages: ciphertext only, ordered by id. Ids come from an identity sequence, which
 * hands them out at INSERT, not at COMMIT: two nodes writing to one consultation could commit
 * id 11 before id 10, and a reader paging "after 11" would never see 10. So a writer first takes
 * a transaction-scoped advisory lock per consultation (in sorted order: no deadlock between two
 * batches), making a consultation's ids increase in commit order, as SQLite's single writer does.
 */
export function createPgMessages(pool: pg.Pool): MessageRepository {
  const bySeq = async (db: Queryable, cid: string, role: string, keyEpoch: number, seq: number) => {
    const r = await one(db, BY_SEQ, [cid, role, keyEpoch, seq]);
    return r ? messageFromRow(r) : null;
  };
  // A turn's batch in one statement, not one per message and one per consultation, nor BEGIN,
  // locks, insert and COMMIT apart: each round trip cost PostgreSQL a parse, a plan and a wake-up
  // and the node a trip through the pool (in `bench --nodes 3` PostgreSQL spent ~290 µs of CPU a
  // message, more than the relay itself, with a statement per message; ~230 µs with four a batch).
  const insertMany = async (batch: readonly NewMessage[]): Promise<Written[]> => {
    const made = await pool.query({
      name: 'message-insert-many',
      text: INSERT_MANY,
      values: [
        batch.map((m) => m.consultationId),
        batch.map((m) => m.senderRole),
        batch.map((m) => m.senderStaffId),
        batch.map((m) => m.keyEpoch),
        batch.map((m) => m.seq),
        batch.map((m) => m.nonce),
        batch.map((m) => m.ciphertext),
        MESSAGE_LOCK,
      ],
    });
    // Each new row once, for the first of the batch that sent it; the rest (a re-send, in this
    // batch or an earlier one) answer with the stored row, not created. The statement has
    // committed: a row another writer held back (ON CONFLICT waits for it) is committed too.
    const newIds = new Map<string, number>();
    for (const r of made.rows as Row[]) newIds.set(keyOf(r.consultation_id as string, r.sender_role as string, r.key_epoch as number, r.seq as number), r.id as number);
    const results: Written[] = [];
    for (const m of batch) {
      const key = keyOf(m.consultationId, m.senderRole, m.keyEpoch, m.seq);
      const id = newIds.get(key);
      if (id !== undefined) {
        newIds.delete(key);
        const { consultationId, senderRole, keyEpoch, seq, nonce, ciphertext } = m;
        results.push({ message: { id, consultationId, senderRole, keyEpoch, seq, nonce, ciphertext }, created: true });
      } else {
        results.push({ message: (await bySeq(pool, m.consultationId, m.senderRole, m.keyEpoch, m.seq)) as StoredMessage, created: false });
      }
    }
    return results;
  };
  return {
    insertOnce: async (m) => (await insertMany([m]))[0] as Written,
    insertMany,
    after: async (cid, afterId, limit) => (await all(pool, AFTER, [cid, afterId, limit])).map(messageFromRow),
    // One query of maxRows + 1 rows, cut where the bytes run out (SQLite reads them one at a time).
    page: async (cid, afterId, maxBytes, maxRows) => {
      const messages: StoredMessage[] = [];
      let bytes = 0;
      for (const r of await all(pool, AFTER, [cid, afterId, maxRows + 1])) {
        const m = messageFromRow(r);
        bytes += answerBytes(m);
        if (messages.length === maxRows || (messages.length > 0 && bytes > maxBytes)) return { messages, more: true };
        messages.push(m);
      }
      return { messages, more: false };
    },
    bySeq: (cid, role, keyEpoch, seq) => bySeq(pool, cid, role, keyEpoch, seq),
    clientTally: async (cid) =>
      (await one(pool, `SELECT COALESCE(SUM(LENGTH(ciphertext)), 0) AS bytes, COUNT(*) AS messages,
        COUNT(*) FILTER (WHERE id > COALESCE((SELECT MAX(id) FROM message WHERE consultation_id = $1 AND sender_role = 'counselor'), 0)) AS unanswered
        FROM message WHERE consultation_id = $1 AND sender_role = 'client'`, [cid])) as unknown as ClientTally,
  };
}

/** PostgreSQL key grants: one per (consultation, staff member, epoch); a new one for an epoch she has replaces it. */
export function createPgKeyGrants(pool: pg.Pool): KeyGrantRepository {
  return {
    grant: (grants) =>
      inTransaction(pool, async (client) => {
        for (const g of grants) {
          await client.query(`INSERT INTO key_grant (consultation_id, staff_id, key_epoch, sealed_key, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (consultation_id, staff_id, key_epoch) DO UPDATE SET sealed_key = excluded.sealed_key, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
            [g.consultationId, g.staffId, g.keyEpoch, g.sealedKey, g.grantedBy, g.grantedAt]);
        }
      }),
    forStaff: async (cid, staffId) =>
      (await all(pool, 'SELECT key_epoch, sealed_key FROM key_grant WHERE consultation_id = $1 AND staff_id = $2 ORDER BY key_epoch', [cid, staffId])).map((r) => ({
        keyEpoch: r.key_epoch as number,
        sealedKey: r.sealed_key as string,
      })),
    newestEpoch: async (cid) => ((await one(pool, 'SELECT MAX(key_epoch) AS e FROM key_grant WHERE consultation_id = $1', [cid]))?.e as number | null) ?? null,
  };
}

/** PostgreSQL handover notes (ciphertext) and read marks (raised only: GREATEST, in one statement). */
export function createPgHandover(pool: pg.Pool): HandoverRepository {
  const readMark = async (cid: string, staffId: string) =>
    ((await one(pool, 'SELECT last_read_id FROM read_mark WHERE consultation_id = $1 AND staff_id = $2', [cid, staffId]))?.last_read_id as number | undefined) ?? 0;
  return {
    insertNote: async (n) =>
      void (await pool.query('INSERT INTO handover_note (consultation_id, from_staff_id, to_staff_id, nonce, ciphertext, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        n.consultationId, n.fromStaffId, n.toStaffId, n.nonce, n.ciphertext, n.createdAt,
      ])),
    notes: async (cid) =>
      (await all(pool, `SELECT n.from_staff_id, s.display_name, n.created_at, n.nonce, n.ciphertext
        FROM handover_note n JOIN staff s ON s.id = n.from_staff_id WHERE n.consultation_id = $1 ORDER BY n.id`, [cid])).map((r) => ({
        fromStaffId: r.from_staff_id as string,
        fromName: r.display_name as string,
        createdAt: r.created_at as string,
        nonce: r.nonce as string,
        ciphertext: r.ciphertext as string,
      })),
    setReadMark: async (cid, staffId, id) =>
      (await one(pool, `INSERT INTO read_mark (consultation_id, staff_id, last_read_id) VALUES ($1, $2, $3)
        ON CONFLICT (consultation_id, staff_id) DO UPDATE SET last_read_id = GREATEST(read_mark.last_read_id, excluded.last_read_id)
        RETURNING last_read_id`, [cid, staffId, id]))?.last_read_id as number,
    readMark,
  };
}
