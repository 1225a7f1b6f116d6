import type { SignedRevocationList, SignedStaffStatement } from '@tsunagari/shared/trust';
import type { Db } from '../db/database.js';
import type { StaffRecord } from '../domain/types.js';
import { promised } from './promised.js';
import type { OrganisationRepository, RevocationListToPublish, RevocationRepository, StaffChanges, StaffRepository, StaffSessionRepository } from './types.js';

type Row = Record<string, unknown>;

export const staffFromRow = (r: Row): StaffRecord => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as StaffRecord['role'],
  status: r.status as StaffRecord['status'],
  keyVersion: r.key_version as number,
  credentials:
    r.auth_hash === null
      ? null
      : {
          kdf: { salt: r.kdf_salt as string, opslimit: r.kdf_opslimit as number, memlimit: r.kdf_memlimit as number },
          authHash: r.auth_hash as string,
          wrappedSecretKeys: r.wrapped_secret_keys as string,
        },
  publicKeys: r.box_public_key === null ? null : { boxPublicKey: r.box_public_key as string, signPublicKey: r.sign_public_key as string },
  statement: r.statement === null ? null : (JSON.parse(r.statement as string) as SignedStaffStatement),
  invite: r.invite_token_hash === null ? null : { tokenHash: r.invite_token_hash as string, expiresAt: r.invite_expires_at as string },
  lastSignInDay: (r.last_sign_in_day as string | null) ?? null,
  capacity: r.capacity as number,
  createdAt: r.created_at as string,
});

/** The row's columns for a whole record (insert). */
export const rowOf = (s: StaffRecord) => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  role: s.role,
  status: s.status,
  keyVersion: s.keyVersion,
  kdfSalt: s.credentials?.kdf.salt ?? null,
  kdfOpslimit: s.credentials?.kdf.opslimit ?? null,
  kdfMemlimit: s.credentials?.kdf.memlimit ?? null,
  authHash: s.credentials?.authHash ?? null,
  wrappedSecretKeys: s.credentials?.wrappedSecretKeys ?? null,
  boxPublicKey: s.publicKeys?.boxPublicKey ?? null,
  signPublicKey: s.publicKeys?.signPublicKey ?? null,
  statement: s.statement ? JSON.stringify(s.statement) : null,
  inviteTokenHash: s.invite?.tokenHash ?? null,
  inviteExpiresAt: s.invite?.expiresAt ?? null,
  lastSignInDay: s.lastSignInDay,
  capacity: s.capacity,
  createdAt: s.createdAt,
});

/**
 * SQLite: the organisation, staff accounts through their lifecycle, their sessions, and the
 * published revocation list. Each lifecycle step is one conditional UPDATE (the status and key
 * version it expects are in its WHERE), so two admins, or an admin and the CLI, cannot both win.
 */
/** Stores the list if it is newer than the published one. */
const PUT_LIST = `INSERT INTO revocation_list (id, issued_at, signed, stored_at) VALUES (1, @issuedAt, @signed, @at)
  ON CONFLICT (id) DO UPDATE SET issued_at = excluded.issued_at, signed = excluded.signed, stored_at = excluded.stored_at
  WHERE excluded.issued_at > revocation_list.issued_at`;

export function createSqliteStaff(db: Db): {
  organisation: OrganisationRepository;
  staff: StaffRepository;
  sessions: StaffSessionRepository;
  revocations: RevocationRepository;
} {
  const s = {
    orgGet: db.prepare('SELECT name, sign_public_key FROM organisation WHERE id = 1'),
    orgInsert: db.prepare('INSERT INTO organisation (id, name, sign_public_key, created_at) VALUES (1, ?, ?, ?)'),
    orgReplaceKey: db.prepare('UPDATE organisation SET sign_public_key = ? WHERE id = 1'),
    staffById: db.prepare('SELECT * FROM staff WHERE id = ?'),
    staffByName: db.prepare('SELECT * FROM staff WHERE username = ?'),
    staffByInvite: db.prepare('SELECT * FROM staff WHERE invite_token_hash = ?'),
    staffAll: db.prepare('SELECT * FROM staff ORDER BY username'),
    staffCount: db.prepare('SELECT COUNT(*) AS n FROM staff'),
    staffInsert: db.prepare(`INSERT INTO staff (id, username, display_name, role, status, key_version, kdf_salt, kdf_opslimit,
      kdf_memlimit, auth_hash, wrapped_secret_keys, box_public_key, sign_public_key, statement, invite_token_hash,
      invite_expires_at, last_sign_in_day, capacity, created_at)
      VALUES (@id, @username, @displayName, @role, @status, @keyVersion, @kdfSalt, @kdfOpslimit, @kdfMemlimit, @authHash,
      @wrappedSecretKeys, @boxPublicKey, @signPublicKey, @statement, @inviteTokenHash, @inviteExpiresAt, @lastSignInDay,
      @capacity, @createdAt)`),
    reinvite: db.prepare(`UPDATE staff SET status = 'invited', display_name = @displayName, role = @role, key_version = @keyVersion,
      invite_token_hash = @tokenHash, invite_expires_at = @expiresAt, kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL,
      auth_hash = NULL, wrapped_secret_keys = NULL, box_public_key = NULL, sign_public_key = NULL, statement = NULL,
      routing_status = 'away'
      WHERE id = @id AND status <> 'active'`),
    enrol: db.prepare(`UPDATE staff SET status = 'pending', invite_token_hash = NULL, invite_expires_at = NULL,
      kdf_salt = @salt, kdf_opslimit = @opslimit, kdf_memlimit = @memlimit, auth_hash = @authHash,
      wrapped_secret_keys = @wrappedSecretKeys, box_public_key = @boxPublicKey, sign_public_key = @signPublicKey
      WHERE id = @id AND status = 'invited' AND invite_token_hash = @tokenHash AND invite_expires_at > @now`),
    activate: db.prepare(`UPDATE staff SET status = 'active', statement = ? WHERE id = ? AND status = 'pending' AND key_version = ?`),
    replaceStatement: db.prepare(`UPDATE staff SET statement = ? WHERE id = ? AND status = 'active' AND key_version = ?`),
    disable: db.prepare(`UPDATE staff SET status = 'disabled', kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL,
      auth_hash = NULL, wrapped_secret_keys = NULL, routing_status = 'away' WHERE id = ? AND status = 'active' AND key_version = ?`),
    setCredentials: db.prepare(`UPDATE staff SET kdf_salt = @salt, kdf_opslimit = @opslimit, kdf_memlimit = @memlimit,
      auth_hash = @authHash, wrapped_secret_keys = @wrappedSecretKeys WHERE id = @id AND status = 'active'`),
    // The same, only over the auth hash it was checked against (issue 17: a password change made beside another).
    setCredentialsBasedOn: db.prepare(`UPDATE staff SET kdf_salt = @salt, kdf_opslimit = @opslimit, kdf_memlimit = @memlimit,
      auth_hash = @authHash, wrapped_secret_keys = @wrappedSecretKeys WHERE id = @id AND status = 'active' AND auth_hash = @basedOn`),
    setLastSignInDay: db.prepare('UPDATE staff SET last_sign_in_day = ? WHERE id = ?'),
    sessionInsert: db.prepare('INSERT INTO staff_session (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    sessionGet: db.prepare('SELECT staff_id, expires_at FROM staff_session WHERE token_hash = ? AND expires_at > ?'),
    sessionDelete: db.prepare('DELETE FROM staff_session WHERE token_hash = ?'),
    sessionDeleteForStaff: db.prepare('DELETE FROM staff_session WHERE staff_id = ?'),
    sessionLive: db.prepare('SELECT token_hash FROM staff_session WHERE token_hash = ? AND expires_at > ?'),
    listGet: db.prepare('SELECT signed, issued_at FROM revocation_list WHERE id = 1'),
    listPut: db.prepare(PUT_LIST),
    // The same, only over the list it was checked against (null: none was published; IS compares NULL too).
    listPutBased: db.prepare(`${PUT_LIST} AND revocation_list.issued_at IS @basedOn`),
  };
  const one = (r: unknown): StaffRecord | null => (r ? staffFromRow(r as Row) : null);
  const putList = (list: RevocationListToPublish, at: string): boolean => {
    const row = { issuedAt: list.issuedAt, signed: JSON.stringify(list.signed), at };
    return (list.basedOn === undefined ? s.listPut.run(row) : s.listPutBased.run({ ...row, basedOn: list.basedOn })).changes === 1;
  };
  const disable = db.transaction((id: string, keyVersion: number, list: RevocationListToPublish, at: string): boolean => {
    if (s.disable.run(id, keyVersion).changes !== 1) return false;
    // Newer than the published list, or nothing changes (the whole transaction rolls back).
    if (!putList(list, at)) throw new StaleList();
    s.sessionDeleteForStaff.run(id);
    return true;
  });
  return {
    organisation: promised<OrganisationRepository>({
      get: () => {
        const r = s.orgGet.get() as Row | undefined;
        return r ? { name: r.name as string, signPublicKey: r.sign_public_key as string } : null;
      },
      create: (name, key, at) => void s.orgInsert.run(name, key, at),
      replaceKey: (key) => void s.orgReplaceKey.run(key),
    }),
    staff: promised<StaffRepository>({
      byId: (id) => one(s.staffById.get(id)),
      byUsername: (name) => one(s.staffByName.get(name)),
      byInviteTokenHash: (hash) => one(s.staffByInvite.get(hash)),
      all: () => (s.staffAll.all() as Row[]).map(staffFromRow),
      count: () => (s.staffCount.get() as { n: number }).n,
      insert: (staff) => void s.staffInsert.run(rowOf(staff)),
      reinvite: (id, change) => s.reinvite.run({ id, ...change }).changes === 1,
      enrol: (id, tokenHash, now, c, keys) =>
        s.enrol.run({ id, tokenHash, now, ...c.kdf, authHash: c.authHash, wrappedSecretKeys: c.wrappedSecretKeys, ...keys }).changes === 1,
      activate: (id, keyVersion, statement) => s.activate.run(JSON.stringify(statement), id, keyVersion).changes === 1,
      replaceStatement: (id, keyVersion, statement) => s.replaceStatement.run(JSON.stringify(statement), id, keyVersion).changes === 1,
      disable: (id, keyVersion, list, at) => {
        try {
          return disable(id, keyVersion, list, at) ? 'disabled' : 'not-active';
        } catch (caught) {
          if (caught instanceof StaleList) return 'stale-list';
          throw caught;
        }
      },
      setCredentials: (id, c, basedOn) => {
        const row = { id, ...c.kdf, authHash: c.authHash, wrappedSecretKeys: c.wrappedSecretKeys };
        return (basedOn === undefined ? s.setCredentials.run(row) : s.setCredentialsBasedOn.run({ ...row, basedOn })).changes === 1;
      },
      setLastSignInDay: (id, day) => void s.setLastSignInDay.run(day, id),
    }),
    sessions: promised<StaffSessionRepository>({
      insert: (hash, staffId, at, expires) => void s.sessionInsert.run(hash, staffId, at, expires),
      find: (hash, now) => {
        const r = s.sessionGet.get(hash, now) as Row | undefined;
        return r ? { staffId: r.staff_id as string, expiresAt: r.expires_at as string } : null;
      },
      isLive: (hash, now) => s.sessionLive.get(hash, now) !== undefined,
      delete: (hash) => void s.sessionDelete.run(hash),
      deleteForStaff: (staffId) => void s.sessionDeleteForStaff.run(staffId),
    }),
    revocations: promised<RevocationRepository>({
      current: () => {
        const r = s.listGet.get() as Row | undefined;
        return r ? { signed: JSON.parse(r.signed as string) as SignedRevocationList, issuedAt: r.issued_at as number } : null;
      },
      publish: putList,
    }),
  };
}

/** SQLite: the counter migration 8's triggers move (one primary-key read). */
export function createSqliteStaffChanges(db: Db): StaffChanges {
  const read = db.prepare('SELECT n FROM staff_change WHERE id = 1');
  return promised<StaffChanges>({ version: () => (read.get() as { n: number }).n });
}

/** Thrown inside the disable transaction to roll it back when the list is not newer. */
class StaleList extends Error {}
