import fs from 'node:fs';
import path from 'node:path';
import type { StaffRole } from '@tsunagari/shared';
import {
  type SodiumSumo,
  deriveStaffPasswordKeys,
  fromB64,
  generateStaffKeyPairs,
  kdfLimits,
  newKdfSalt,
  randomId,
  signStaffKeys,
  toB64,
  wrapStaffKeys,
} from '@tsunagari/shared/crypto';
import type { KdfLevel } from '../config.js';
import type { StaffRecord } from '../domain/types.js';
import type { Repositories } from '../repositories/types.js';
import { hashAuthKey } from '../domain/staff-auth.js';

/** The organisation's signing key as kept on disk by the admin tool (never by the relay's tables). */
interface OrgKeyFile {
  name: string;
  signPublicKey: string;
  signSecretKey: string;
}

/**
 * Creates the organisation's Ed25519 key, writes its secret half to `keyFile` (mode 0600) and
 * its public half to the database. The public key is what the NPO pins in its embed snippet.
 */
export function createOrganisation(sodium: SodiumSumo, repos: Repositories, keyFile: string, name: string, now: Date): string {
  if (repos.organisation.get()) throw new Error('organisation already exists');
  const kp = sodium.crypto_sign_keypair();
  const file: OrgKeyFile = { name, signPublicKey: toB64(sodium, kp.publicKey), signSecretKey: toB64(sodium, kp.privateKey) };
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, JSON.stringify(file), { mode: 0o600, flag: 'wx' });
  repos.organisation.create(name, file.signPublicKey, now.toISOString());
  return file.signPublicKey;
}

function readOrgKey(sodium: SodiumSumo, keyFile: string, repos: Repositories): Uint8Array {
  const file = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as OrgKeyFile;
  if (repos.organisation.get()?.signPublicKey !== file.signPublicKey) {
    throw new Error(`${keyFile} does not hold this organisation's key`);
  }
  return fromB64(sodium, file.signSecretKey);
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
  kdf: KdfLevel;
  capacity?: number;
}

/**
 * Creates a staff account as her own browser would: derives keys from the password, makes her
 * key pairs, wraps the secret halves, signs the public halves with the organisation key, and
 * stores only the wrapped keys and a hash of the auth key. The demo seed uses this same path.
 */
export function provisionStaff(sodium: SodiumSumo, repos: Repositories, keyFile: string, input: NewStaff, now: Date): StaffRecord {
  const orgSecret = readOrgKey(sodium, keyFile, repos);
  const limits = kdfLimits(sodium, input.kdf);
  const salt = newKdfSalt(sodium);
  const { authKey, wrapKey } = deriveStaffPasswordKeys(sodium, input.password, { salt, ...limits });
  const pairs = generateStaffKeyPairs(sodium);
  const wrapped = wrapStaffKeys(sodium, wrapKey, pairs);
  const id = randomId(sodium);
  const record: StaffRecord = {
    id,
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    kdfSalt: salt,
    kdfOpslimit: limits.opslimit,
    kdfMemlimit: limits.memlimit,
    authHash: hashAuthKey(sodium, authKey),
    ...wrapped,
    orgSignature: signStaffKeys(sodium, orgSecret, id, wrapped.boxPublicKey, wrapped.signPublicKey),
    capacity: input.capacity ?? 3,
    createdAt: now.toISOString(),
  };
  for (const secret of [orgSecret, authKey, wrapKey, pairs.boxSecretKey, pairs.signSecretKey]) sodium.memzero(secret);
  repos.staff.insert(record);
  return record;
}

/** The demo organisation `npm start` seeds on first run. Passwords are printed, never used in production. */
export const DEMO_STAFF: readonly Omit<NewStaff, 'kdf'>[] = [
  { username: 'admin', displayName: '管理者（デモ）', role: 'admin', password: 'demo-admin-2026' },
  { username: 'supervisor', displayName: 'スーパーバイザー（デモ）', role: 'supervisor', password: 'demo-super-2026' },
  { username: 'sato', displayName: '佐藤', role: 'counselor', password: 'demo-sato-2026' },
  { username: 'tanaka', displayName: '田中', role: 'counselor', password: 'demo-tanaka-2026' },
];

/** Seeds the demo organisation and staff when the database has none. Returns true when it seeded. */
export function seedDemo(sodium: SodiumSumo, repos: Repositories, keyFile: string, kdf: KdfLevel, now: Date): boolean {
  if (repos.organisation.get()) return false;
  if (fs.existsSync(keyFile)) fs.rmSync(keyFile); // a key file left from a deleted demo database
  createOrganisation(sodium, repos, keyFile, 'つながりサポート（デモ）', now);
  for (const s of DEMO_STAFF) provisionStaff(sodium, repos, keyFile, { ...s, kdf }, now);
  return true;
}
