import type { SignedRevocationList } from '@tsunagari/shared/trust';
import type pg from 'pg';
import { rowOf, staffFromRow } from '../staff.js';
import type { OrganisationRepository, RevocationListToPublish, RevocationRepository, StaffChanges, StaffRepository, StaffSessionRepository } from '../types.js';
import { all, changes, inTransaction, one, type Queryable, type Row } from './pool.js';

type List = RevocationListToPublish;

const INSERT_STAFF = `INSERT INTO staff (id, username, display_name, role, status, key_version, kdf_salt, kdf_opslimit,
  kdf_memlimit, auth_hash, wrapped_secret_keys, box_public_key, sign_public_key, statement, invite_token_hash,
  invite_expires_at, last_sign_in_day, capacity, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`;

// Stored only when newer than the list there: a conditional upsert, so two publishers cannot both win.
const PUT_LIST = `INSERT INTO revocation_list (id, issued_at, signed, stored_at) VALUES (1, $1, $2, $3)
  ON CONFLICT (id) DO UPDATE SET issued_at = excluded.issued_at, signed = excluded.signed, stored_at = excluded.stored_at
  WHERE excluded.issued_at > revocation_list.issued_at`;
/** The same, only over the list it was checked against ($4; null: none was published). */
const PUT_LIST_BASED = `${PUT_LIST} AND revocation_list.issued_at IS NOT DISTINCT FROM $4::bigint`;

const CREDENTIALS = 'kdf_salt = $2, kdf_opslimit = $3, kdf_memlimit = $4, auth_hash = $5, wrapped_secret_keys = $6';

/**
 * PostgreSQL: the organisation, staff accounts, their sessions and the revocation list. As in
 * SQLite, each lifecycle step is one conditional UPDATE whose WHERE names the status and key
 * version it expects: under READ COMMITTED a second writer waits for the first's row lock, then
 * re-checks the WHERE against the committed row and changes nothing.
 */
export function createPgStaff(pool: pg.Pool): {
  organisation: OrganisationRepository;
  staff: StaffRepository;
  sessions: StaffSessionRepository;
  revocations: RevocationRepository;
} {
  const staffWhere = async (where: string, value: string) => {
    const r = await one(pool, `SELECT * FROM staff WHERE ${where} = $1`, [value]);
    return r ? staffFromRow(r) : null;
  };
  const putList = async (db: Queryable, list: List, at: string) =>
    (list.basedOn === undefined
      ? await changes(db, PUT_LIST, [list.issuedAt, JSON.stringify(list.signed), at])
      : await changes(db, PUT_LIST_BASED, [list.issuedAt, JSON.stringify(list.signed), at, list.basedOn])) === 1;
  return {
    organisation: {
      get: async () => {
        const r = await one(pool, 'SELECT name, sign_public_key FROM organisation WHERE id = 1');
        return r ? { name: r.name as string, signPublicKey: r.sign_public_key as string } : null;
      },
      create: async (name, key, at) => void (await pool.query('INSERT INTO organisation (id, name, sign_public_key, created_at) VALUES (1, $1, $2, $3)', [name, key, at])),
      replaceKey: async (key) => void (await pool.query('UPDATE organisation SET sign_public_key = $1 WHERE id = 1', [key])),
    },
    staff: {
      byId: (id) => staffWhere('id', id),
      byUsername: (name) => staffWhere('username', name),
      byInviteTokenHash: (hash) => staffWhere('invite_token_hash', hash),
      all: async () => (await all(pool, 'SELECT * FROM staff ORDER BY username')).map(staffFromRow),
      count: async () => (await one(pool, 'SELECT COUNT(*) AS n FROM staff'))?.n as number,
      insert: async (staff) => void (await pool.query(INSERT_STAFF, Object.values(rowOf(staff)))),
      reinvite: async (id, c) =>
        (await changes(pool, `UPDATE staff SET status = 'invited', display_name = $2, role = $3, key_version = $4,
          invite_token_hash = $5, invite_expires_at = $6, kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL,
          auth_hash = NULL, wrapped_secret_keys = NULL, box_public_key = NULL, sign_public_key = NULL, statement = NULL,
          routing_status = 'away' WHERE id = $1 AND status <> 'active'`, [id, c.displayName, c.role, c.keyVersion, c.tokenHash, c.expiresAt])) === 1,
      enrol: async (id, tokenHash, now, c, keys) =>
        (await changes(pool, `UPDATE staff SET status = 'pending', invite_token_hash = NULL, invite_expires_at = NULL, ${CREDENTIALS},
          box_public_key = $7, sign_public_key = $8 WHERE id = $1 AND status = 'invited' AND invite_token_hash = $9 AND invite_expires_at > $10`,
          [id, c.kdf.salt, c.kdf.opslimit, c.kdf.memlimit, c.authHash, c.wrappedSecretKeys, keys.boxPublicKey, keys.signPublicKey, tokenHash, now])) === 1,
      activate: async (id, keyVersion, statement) =>
        (await changes(pool, `UPDATE staff SET status = 'active', statement = $1 WHERE id = $2 AND status = 'pending' AND key_version = $3`, [JSON.stringify(statement), id, keyVersion])) === 1,
      replaceStatement: async (id, keyVersion, statement) =>
        (await changes(pool, `UPDATE staff SET statement = $1 WHERE id = $2 AND status = 'active' AND key_version = $3`, [JSON.stringify(statement), id, keyVersion])) === 1,
      // Three changes in one transaction: the account, the published list, her sessions. Any
      // refusal rolls the transaction back, so nothing changes unless all three do.
      disable: async (id, keyVersion, list, at) => {
        try {
          return await inTransaction(pool, async (client) => {
            const disabled = await changes(client, `UPDATE staff SET status = 'disabled', kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL,
              auth_hash = NULL, wrapped_secret_keys = NULL, routing_status = 'away' WHERE id = $1 AND status = 'active' AND key_version = $2`, [id, keyVersion]);
            if (disabled !== 1) throw new Refused('not-active');
            if (!(await putList(client, list, at))) throw new Refused('stale-list');
            await client.query('DELETE FROM staff_session WHERE staff_id = $1', [id]);
            return 'disabled' as const;
          });
        } catch (caught) {
          if (caught instanceof Refused) return caught.outcome;
          throw caught;
        }
      },
      setCredentials: async (id, c, basedOn) => {
        const values = [id, c.kdf.salt, c.kdf.opslimit, c.kdf.memlimit, c.authHash, c.wrappedSecretKeys];
        // With basedOn, only over the auth hash it was checked against (the row's lock decides between two at once).
        const sql = `UPDATE staff SET ${CREDENTIALS} WHERE id = $1 AND status = 'active'${basedOn === undefined ? '' : ' AND auth_hash = $7'}`;
        return (await changes(pool, sql, basedOn === undefined ? values : [...values, basedOn])) === 1;
      },
      setLastSignInDay: async (id, day) => void (await pool.query('UPDATE staff SET last_sign_in_day = $1 WHERE id = $2', [day, id])),
    },
    sessions: {
      insert: async (hash, staffId, at, expires) =>
        void (await pool.query('INSERT INTO staff_session (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, staffId, at, expires])),
      find: async (hash, now) => {
        const r = await one(pool, 'SELECT staff_id, expires_at FROM staff_session WHERE token_hash = $1 AND expires_at > $2', [hash, now]);
        return r ? { staffId: r.staff_id as string, expiresAt: r.expires_at as string } : null;
      },
      isLive: async (hash, now) => (await one(pool, 'SELECT 1 FROM staff_session WHERE token_hash = $1 AND expires_at > $2', [hash, now])) !== null,
      delete: async (hash) => void (await pool.query('DELETE FROM staff_session WHERE token_hash = $1', [hash])),
      deleteForStaff: async (staffId) => void (await pool.query('DELETE FROM staff_session WHERE staff_id = $1', [staffId])),
    },
    revocations: {
      current: async () => {
        const r: Row | null = await one(pool, 'SELECT signed, issued_at FROM revocation_list WHERE id = 1');
        return r ? { signed: JSON.parse(r.signed as string) as SignedRevocationList, issuedAt: r.issued_at as number } : null;
      },
      publish: (list, at) => putList(pool, list, at),
    },
  };
}

/** PostgreSQL: the counter the staff_change triggers move (one primary-key read). */
export function createPgStaffChanges(pool: pg.Pool): StaffChanges {
  return { version: async () => (await one(pool, 'SELECT n FROM staff_change WHERE id = 1'))?.n as number };
}

/** Thrown inside the disable transaction to roll it back, carrying why. */
class Refused extends Error {
  constructor(readonly outcome: 'not-active' | 'stale-list') {
    super(outcome);
  }
}
