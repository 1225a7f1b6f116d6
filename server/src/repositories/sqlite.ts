import type { EndReason, SenderRole, StoredMessage } from '@tsunagari/shared';
import type { Db } from '../db/database.js';
import { createSqliteAppointments } from './appointments.js';
import { createSqliteCaseRecords } from './case-records.js';
import { consultationCache } from './consultation-cache.js';
import type { Consultation, KeyGrant, NewMessage, Repositories, StaffRecord } from './types.js';

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

const consultationFromRow = (r: Row): Consultation => ({
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

const messageFromRow = (r: Row): StoredMessage => ({
  id: r.id as number,
  consultationId: r.consultation_id as string,
  senderRole: r.sender_role as SenderRole,
  seq: r.seq as number,
  nonce: r.nonce as string,
  ciphertext: r.ciphertext as string,
  sentAt: r.sent_at as string,
});

/** SQLite implementations of every repository, with statements prepared once. */
export function createSqliteRepositories(db: Db): Repositories {
  const cache = consultationCache(db);
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
    cInsert: db.prepare(`INSERT INTO consultation (id, client_token_hash, status, campaign, urgent, queued_at)
      VALUES (@id, @clientTokenHash, @status, @campaign, @urgent, @queuedAt)`),
    cById: db.prepare('SELECT * FROM consultation WHERE id = ?'),
    cAssign: db.prepare("UPDATE consultation SET status = 'active', assigned_staff_id = ?, assigned_at = ? WHERE id = ? AND status = 'waiting'"),
    cEnd: db.prepare("UPDATE consultation SET status = 'ended', ended_at = ?, end_reason = ?, ended_by = ? WHERE id = ? AND status != 'ended'"),
    cToken: db.prepare('UPDATE consultation SET client_token_hash = ? WHERE id = ?'),
    cAnsweredSince: db.prepare('SELECT COUNT(*) AS n FROM consultation WHERE assigned_at >= ?'),
    cLeftSince: db.prepare('SELECT COUNT(*) AS n FROM consultation WHERE ended_at >= ? AND assigned_at IS NULL'),
    cForStaff: db.prepare("SELECT * FROM consultation WHERE assigned_staff_id = ? AND status = 'active' ORDER BY assigned_at"),
    // Runs once per (re)connect of a counselor. Plan: consultation_staff (assigned_staff_id, status)
    // finds her ended rows, ended_at is checked on each and the record looked up by primary key.
    // That is at most a few thousand rows a year per counselor, so no new index (migration) for it.
    cEndedUnrecorded: db.prepare(`SELECT c.* FROM consultation c
      WHERE c.assigned_staff_id = ? AND c.status = 'ended' AND c.ended_at >= ?
        AND NOT EXISTS (SELECT 1 FROM case_record r WHERE r.consultation_id = c.id)
      ORDER BY c.ended_at`),
    grantInsert: db.prepare(`INSERT INTO key_grant (consultation_id, staff_id, sealed_key, granted_by, granted_at)
      VALUES (@consultationId, @staffId, @sealedKey, @grantedBy, @grantedAt)`),
    grantLatest: db.prepare('SELECT * FROM key_grant WHERE consultation_id = ? AND staff_id = ? ORDER BY id DESC LIMIT 1'),
    mInsert: db.prepare(`INSERT INTO message (consultation_id, sender_role, sender_staff_id, seq, nonce, ciphertext, sent_at)
      VALUES (@consultationId, @senderRole, @senderStaffId, @seq, @nonce, @ciphertext, @sentAt)
      ON CONFLICT (consultation_id, sender_role, seq) DO NOTHING`),
    mBySeq: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND sender_role = ? AND seq = ?'),
    mAfter: db.prepare('SELECT * FROM message WHERE consultation_id = ? AND id > ? ORDER BY id LIMIT ?'),
  };

  const messageBySeq = (cid: string, role: SenderRole, seq: number): StoredMessage | null => {
    const r = s.mBySeq.get(cid, role, seq) as Row | undefined;
    return r ? messageFromRow(r) : null;
  };

  /** Inserts unless (consultation, sender, seq) exists; only a conflict costs a second query. */
  const insertOne = (m: NewMessage): { message: StoredMessage; created: boolean } => {
    const info = s.mInsert.run(m);
    if (info.changes === 1) {
      const { senderStaffId: _staff, ...fields } = m;
      return { message: { id: Number(info.lastInsertRowid), ...fields }, created: true };
    }
    return { message: messageBySeq(m.consultationId, m.senderRole, m.seq) as StoredMessage, created: false };
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
    consultations: {
      insert: (c: Consultation) =>
        cache.writing(c.id, () => void s.cInsert.run({ id: c.id, clientTokenHash: c.clientTokenHash, status: c.status, campaign: c.campaign, urgent: c.urgent ? 1 : 0, queuedAt: c.queuedAt })),
      byId: (id) => {
        const kept = cache.get(id);
        if (kept) return kept;
        const r = s.cById.get(id) as Row | undefined;
        return r ? cache.set(consultationFromRow(r)) : null;
      },
      assign: (id, staffId, at) => cache.writing(id, () => s.cAssign.run(staffId, at, id).changes === 1),
      end: (id, at, reason, by) => cache.writing(id, () => s.cEnd.run(at, reason, by, id).changes === 1),
      openForStaff: (staffId) => (s.cForStaff.all(staffId) as Row[]).map(consultationFromRow),
      endedUnrecordedForStaff: (staffId, since) => (s.cEndedUnrecorded.all(staffId, since) as Row[]).map(consultationFromRow),
      setClientTokenHash: (id, hash) => cache.writing(id, () => void s.cToken.run(hash, id)),
      countSince: (startIso) => ({
        answered: (s.cAnsweredSince.get(startIso) as { n: number }).n,
        leftWaiting: (s.cLeftSince.get(startIso) as { n: number }).n,
      }),
    },
    keyGrants: {
      insert: (g: KeyGrant) => void s.grantInsert.run(g),
      latestFor: (cid, staffId) => {
        const r = s.grantLatest.get(cid, staffId) as Row | undefined;
        return r
          ? { consultationId: cid, staffId, sealedKey: r.sealed_key as string, grantedBy: r.granted_by as SenderRole, grantedAt: r.granted_at as string }
          : null;
      },
    },
    messages: {
      insertOnce: (m: NewMessage) => insertOne(m),
      insertMany: db.transaction((batch: readonly NewMessage[]) => batch.map(insertOne)),
      after: (cid, afterId, limit) => (s.mAfter.all(cid, afterId, limit) as Row[]).map(messageFromRow),
      bySeq: messageBySeq,
    },
    caseRecords: createSqliteCaseRecords(db),
    appointments: createSqliteAppointments(db),
  };
}
