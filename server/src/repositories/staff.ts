import type { Db } from '../db/database.js';
import type { StaffRecord } from '../domain/types.js';
import type { OrganisationRepository, StaffRepository, StaffSessionRepository } from './types.js';

type Row = Record<string, unknown>;

const staffFromRow = (r: Row): StaffRecord => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  role: r.role as StaffRecord['role'],
  kdfSalt: r.kdf_salt as string,
  kdfOpslimit: r.kdf_opslimit as number,
  kdfMemlimit: r.kdf_memlimit as number,
  authHash: r.auth_hash as string,
  boxPublicKey: r.box_public_key as string,
  signPublicKey: r.sign_public_key as string,
  wrappedSecretKeys: r.wrapped_secret_keys as string,
  orgSignature: r.org_signature as string,
  capacity: r.capacity as number,
  createdAt: r.created_at as string,
});

/** SQLite: the organisation, staff accounts and their sessions. */
export function createSqliteStaff(db: Db): { organisation: OrganisationRepository; staff: StaffRepository; sessions: StaffSessionRepository } {
  const s = {
    orgGet: db.prepare('SELECT name, sign_public_key FROM organisation WHERE id = 1'),
    orgInsert: db.prepare('INSERT INTO organisation (id, name, sign_public_key, created_at) VALUES (1, ?, ?, ?)'),
    staffById: db.prepare('SELECT * FROM staff WHERE id = ?'),
    staffByName: db.prepare('SELECT * FROM staff WHERE username = ?'),
    staffCount: db.prepare('SELECT COUNT(*) AS n FROM staff'),
    staffInsert: db.prepare(`INSERT INTO staff (id, username, display_name, role, kdf_salt, kdf_opslimit, kdf_memlimit,
      auth_hash, box_public_key, sign_public_key, wrapped_secret_keys, org_signature, capacity, created_at)
      VALUES (@id, @username, @displayName, @role, @kdfSalt, @kdfOpslimit, @kdfMemlimit, @authHash, @boxPublicKey,
      @signPublicKey, @wrappedSecretKeys, @orgSignature, @capacity, @createdAt)`),
    sessionInsert: db.prepare('INSERT INTO staff_session (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    sessionGet: db.prepare('SELECT staff_id FROM staff_session WHERE token_hash = ? AND expires_at > ?'),
    sessionDelete: db.prepare('DELETE FROM staff_session WHERE token_hash = ?'),
  };
  return {
    organisation: {
      get: () => {
        const r = s.orgGet.get() as Row | undefined;
        return r ? { name: r.name as string, signPublicKey: r.sign_public_key as string } : null;
      },
      create: (name, key, at) => void s.orgInsert.run(name, key, at),
    },
    staff: {
      byId: (id) => {
        const r = s.staffById.get(id) as Row | undefined;
        return r ? staffFromRow(r) : null;
      },
      byUsername: (name) => {
        const r = s.staffByName.get(name) as Row | undefined;
        return r ? staffFromRow(r) : null;
      },
      insert: (staff) => void s.staffInsert.run(staff),
      count: () => (s.staffCount.get() as { n: number }).n,
    },
    sessions: {
      insert: (hash, staffId, at, expires) => void s.sessionInsert.run(hash, staffId, at, expires),
      staffIdFor: (hash, now) => ((s.sessionGet.get(hash, now) as Row | undefined)?.staff_id as string | undefined) ?? null,
      delete: (hash) => void s.sessionDelete.run(hash),
    },
  };
}
