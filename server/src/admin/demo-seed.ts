import fs from 'node:fs';
import path from 'node:path';
import {
  type KdfFloor,
  type SodiumSumo,
  type OpenedOrgKey,
  createOrgKey,
  createRecordsKeyFile,
  openOrgKeyFile,
  parseOrgKeyFile,
  parseRecordsKeyFile,
  serialiseOrgKeyFile,
  serialiseRecordsKeyFile,
} from '@tsunagari/shared/crypto';
import { pinOrgKey, verifyStaffStatement } from '@tsunagari/shared/trust';
import type { Clock } from '../clock.js';
import { StaffLifecycle } from '../domain/staff/lifecycle.js';
import { LiveSessions } from '../domain/staff/live-sessions.js';
import type { Repositories } from '../repositories/types.js';
import { realScheduler } from '../scheduler.js';
import { type NewStaff, enrolInProcess } from './enrol-in-process.js';

/**
 * The demo organisation `npm start` runs. DEMO ONLY: here the relay itself holds the
 * organisation key file and signs the demo staff's statements, and the banner prints the file's
 * passphrase and every password. In production the org key never touches the relay.
 */
export const DEMO_ORG_PASSPHRASE = 'demo-org-2026';
export const DEMO_ORG_NAME = 'つながりサポート（デモ）';

/** The demo logins. Passwords are printed in the banner, never used in production. */
export const DEMO_STAFF: readonly NewStaff[] = [
  { username: 'admin', displayName: '管理者（デモ）', role: 'admin', password: 'demo-admin-2026' },
  { username: 'supervisor', displayName: 'スーパーバイザー（デモ）', role: 'supervisor', password: 'demo-super-2026' },
  { username: 'sato', displayName: '佐藤', role: 'counselor', password: 'demo-sato-2026' },
  { username: 'tanaka', displayName: '田中', role: 'counselor', password: 'demo-tanaka-2026' },
];

/** Where the demo's org key file lives: beside the database. */
export const demoOrgKeyPath = (dbPath: string): string => path.join(path.dirname(dbPath), 'demo-org.key');

/**
 * The demo's records key (issue 16: case-log notes are sealed to it). DEMO ONLY: its file lies
 * beside the database and its passphrase is printed, so anyone trying the demo can read the
 * notes as a supervisor would. In production `records:init` makes it on the admin's machine.
 */
export const DEMO_RECORDS_PASSPHRASE = 'demo-records-2026';

/** Where the demo's records key file lives: beside the org key file. */
export const demoRecordsKeyPath = (dbPath: string): string => path.join(path.dirname(dbPath), 'demo-records.key');

/** Makes the demo records key file (with {@link DEMO_RECORDS_PASSPHRASE}) if missing; returns its public key for the demo's console config. */
export function seedDemoRecordsKey(sodium: SodiumSumo, keyFile: string): string {
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, serialiseRecordsKeyFile(createRecordsKeyFile(sodium, DEMO_RECORDS_PASSPHRASE)), { mode: 0o600, flag: 'wx' });
  }
  return parseRecordsKeyFile(sodium, fs.readFileSync(keyFile, 'utf8')).publicKey;
}

/** The campaign of the demo's QR landing page, on the demo's campaign list. */
export const DEMO_CAMPAIGN = 'flyer';

/**
 * Makes the demo whole: the org key file (created with {@link DEMO_ORG_PASSPHRASE} if missing),
 * the organisation with its public key, and every demo login active with a statement that
 * verifies under it (enrolled as a browser would, signed here). An older demo database (staff
 * from before signed statements) is re-enrolled. Returns the usernames it (re-)enrolled.
 */
export async function seedDemo(sodium: SodiumSumo, repos: Repositories, keyFile: string, kdf: KdfFloor, clock: Clock): Promise<string[]> {
  // The old demo kept the org's secret key in plain text beside the database; the relay never reads it now.
  const legacy = path.join(path.dirname(keyFile), 'org-signing.key');
  if (fs.existsSync(legacy)) fs.rmSync(legacy);
  // A file made here hands back its key: opening it again would derive the passphrase key twice.
  let made: OpenedOrgKey | null = null;
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    const { file, key } = createOrgKey(sodium, DEMO_ORG_PASSPHRASE);
    made = key;
    try {
      fs.writeFileSync(keyFile, serialiseOrgKeyFile(file), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      sodium.memzero(key.secretKey);
      throw err;
    }
  }
  try {
    return await enrolDemo(sodium, repos, keyFile, kdf, clock, made);
  } finally {
    if (made) sodium.memzero(made.secretKey);
  }
}

async function enrolDemo(sodium: SodiumSumo, repos: Repositories, keyFile: string, kdf: KdfFloor, clock: Clock, made: OpenedOrgKey | null): Promise<string[]> {
  const fileText = fs.readFileSync(keyFile, 'utf8');
  const { publicKey } = parseOrgKeyFile(sodium, fileText);
  const org = await repos.organisation.get();
  if (!org) await repos.organisation.create(DEMO_ORG_NAME, publicKey, clock.now().toISOString());
  else if (org.signPublicKey !== publicKey) await repos.organisation.replaceKey(publicKey);

  // The banner's QR landing page (/c/flyer) counts under its own name in the demo's report.
  if (!(await repos.campaigns.all()).some((c) => c.name === DEMO_CAMPAIGN)) {
    await repos.campaigns.save({ name: DEMO_CAMPAIGN, label: 'デモのチラシ', active: true, updatedAt: clock.now().toISOString() });
  }

  const pinned = pinOrgKey(sodium, publicKey);
  const now = clock.now().getTime();
  const needed = [];
  for (const s of DEMO_STAFF) {
    const r = await repos.staff.byUsername(s.username);
    if (r?.status !== 'active') {
      needed.push(s);
      continue;
    }
    if (verifyStaffStatement(sodium, r.statement, { orgKey: pinned, acceptRoles: [r.role], now, revocations: null }).ok) continue;
    throw new Error(`demo login ${s.username} is active under another organisation key: delete the demo database (${keyFile} was made anew) to start afresh`);
  }
  if (needed.length === 0) return [];
  const lifecycle = new StaffLifecycle(repos, sodium, clock, new LiveSessions(realScheduler, clock), kdf);
  const key = made ?? openOrgKeyFile(sodium, fileText, DEMO_ORG_PASSPHRASE);
  try {
    for (const s of needed) await enrolInProcess(sodium, lifecycle, key.secretKey, s, { kdf, now });
  } finally {
    // The caller wipes the key it made.
    if (key !== made) sodium.memzero(key.secretKey);
  }
  return needed.map((s) => s.username);
}

/**
 * True when the database holds the demo organisation or a login only the demo has (their
 * passwords are printed in every demo banner and in the README). A real counselor may well be
 * sato / 佐藤, so only the names marked （デモ） count.
 */
export async function holdsDemoAccounts(repos: Pick<Repositories, 'organisation' | 'staff'>): Promise<boolean> {
  if ((await repos.organisation.get())?.name === DEMO_ORG_NAME) return true;
  for (const s of DEMO_STAFF) {
    if (s.displayName.includes('（デモ）') && (await repos.staff.byUsername(s.username))?.displayName === s.displayName) return true;
  }
  return false;
}

/** Stops a relay started without DEMO=1 on a demo database, saying what to do instead. */
export async function refuseDemoDatabase(repos: Pick<Repositories, 'organisation' | 'staff'>, dbPath: string): Promise<void> {
  if (!(await holdsDemoAccounts(repos))) return;
  throw new Error(
    `${dbPath} is a demo database: it holds the demo organisation and logins, whose passwords are public. ` +
      'A relay without DEMO=1 refuses it. For production, point TSUNAGARI_DB at a new file and set up the organisation ' +
      '(README, "Production set-up"); to run the demo, start with DEMO=1 (npm start uses data/demo.sqlite).',
  );
}
