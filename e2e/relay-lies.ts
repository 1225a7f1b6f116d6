import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OpenedOrgKey, openOrgKeyFile, type SodiumSumo, toB64 } from '../shared/src/crypto/index.js';
import { type SignedStaffStatement, type StaffStatement, signRevocationList, signStaffStatement } from '../shared/src/trust/index.js';
import { demoPaths, openRelayDb } from './relay-db.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server');

/** The server's libsodium (sumo: the org key file is opened with Argon2id), as the admin's tools use it. */
async function sodium(): Promise<SodiumSumo> {
  const s = createRequire(path.join(serverDir, 'package.json'))('libsodium-wrappers-sumo') as SodiumSumo;
  await s.ready;
  return s;
}

/**
 * Opened demo organisation keys, by key file text. Opening one is an Argon2id derivation at
 * MODERATE (a second of a core), and the test servers copy one seeded key file (server.ts), so
 * a worker opens it once rather than for every lie.
 */
const openedKeys = new Map<string, OpenedOrgKey>();
function openDemoKey(s: SodiumSumo, fileText: string, passphrase: string): OpenedOrgKey {
  let key = openedKeys.get(fileText);
  if (!key) openedKeys.set(fileText, (key = openOrgKeyFile(s, JSON.parse(fileText), passphrase)));
  return key;
}

/** The lies a relay (its database, its operator) can tell about a counselor the widget is about to seal to. */
export type Lie = 'another-org' | 'role-admin' | 'expired' | 'revoked';

/**
 * Rewrites a running demo relay's database as a compromised relay could, about `username`:
 * - another-org: her statement swapped for one about a key of the relay's, signed with an
 *   organisation key the relay made (not the one pinned in the widget's snippet);
 * - role-admin: her statement re-signed by the REAL organisation key, with role admin;
 * - expired: re-signed by the real key, with notAfter in the past;
 * - revoked: the real organisation's signed revocation list, naming her key, published, while
 *   the relay keeps her active and routes to her.
 * The real organisation key is the demo's key file (the banner says where, and its passphrase).
 */
export async function tellLie(banner: string, username: string, lie: Lie): Promise<void> {
  const s = await sodium();
  const demo = demoPaths(banner);
  const db = openRelayDb(demo.db);
  try {
    const row = db.prepare('SELECT id, statement FROM staff WHERE username = ?').get(username) as { id: string; statement: string };
    const signed = JSON.parse(row.statement) as SignedStaffStatement;
    const real = () => openDemoKey(s, fs.readFileSync(demo.orgKeyFile, 'utf8'), demo.passphrase);
    const now = Date.now();
    const resign = (statement: StaffStatement, key = real().secretKey) => JSON.stringify(signStaffStatement(s, key, statement));
    if (lie === 'revoked') {
      const list = signRevocationList(s, real().secretKey, { issuedAt: now, entries: [{ staffId: row.id, keyVersion: signed.statement.keyVersion, revokedAt: now }] });
      db.prepare('INSERT INTO revocation_list (id, issued_at, signed, stored_at) VALUES (1, ?, ?, ?)').run(now, JSON.stringify(list), new Date(now).toISOString());
      return;
    }
    let statement: string;
    if (lie === 'another-org') {
      const relayOrg = s.crypto_sign_keypair();
      const relayBox = toB64(s, s.crypto_box_keypair().publicKey);
      statement = resign({ ...signed.statement, boxPublicKey: relayBox }, relayOrg.privateKey);
    } else if (lie === 'role-admin') {
      statement = resign({ ...signed.statement, role: 'admin' });
    } else {
      statement = resign({ ...signed.statement, notBefore: now - 400 * 86_400_000, notAfter: now - 30 * 86_400_000 });
    }
    db.prepare('UPDATE staff SET statement = ? WHERE id = ?').run(statement, row.id);
  } finally {
    db.close();
  }
}

/** Rows the relay holds about one consultation's keys and messages. */
export function keysAndMessages(banner: string, consultationId: string): { grants: { username: string; keyEpoch: number }[]; messages: { senderRole: string; keyEpoch: number; seq: number }[] } {
  const db = openRelayDb(demoPaths(banner).db);
  try {
    const grants = db
      .prepare('SELECT s.username AS username, g.key_epoch AS keyEpoch FROM key_grant g JOIN staff s ON s.id = g.staff_id WHERE g.consultation_id = ? ORDER BY s.username, g.key_epoch')
      .all(consultationId) as { username: string; keyEpoch: number }[];
    const messages = db
      .prepare('SELECT sender_role AS senderRole, key_epoch AS keyEpoch, seq FROM message WHERE consultation_id = ? ORDER BY id')
      .all(consultationId) as { senderRole: string; keyEpoch: number; seq: number }[];
    return { grants, messages };
  } finally {
    db.close();
  }
}

/** Deletes one stored message, as a relay that drops it would: nobody fetches it again. */
export function dropMessage(banner: string, consultationId: string, senderRole: 'client' | 'counselor', seq: number): void {
  const db = openRelayDb(demoPaths(banner).db);
  try {
    const gone = db.prepare('DELETE FROM message WHERE consultation_id = ? AND sender_role = ? AND seq = ?').run(consultationId, senderRole, seq).changes;
    if (gone !== 1) throw new Error(`no ${senderRole} message ${seq} in ${consultationId}`);
  } finally {
    db.close();
  }
}

/** The consultation the relay holds as the newest (the test's, on a server of its own). */
export function newestConsultation(banner: string): string {
  const db = openRelayDb(demoPaths(banner).db);
  try {
    return (db.prepare('SELECT id FROM consultation ORDER BY queued_at DESC, rowid DESC LIMIT 1').get() as { id: string }).id;
  } finally {
    db.close();
  }
}
