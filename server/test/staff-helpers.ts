import {
  API,
  type AckResult,
  type EnrolInfo,
  type StaffListing,
  type StaffRole,
  type StaffSession,
} from '@tsunagari/shared';
import {
  KDF_FLOORS,
  type StaffKeyPairs,
  deriveStaffPasswordKeys,
  generateStaffKeyPairs,
  toB64,
  unwrapStaffKeys,
  wrapKeysUnderPassword,
} from '@tsunagari/shared/crypto';
import {
  type PendingStatement,
  type RevocationEntry,
  type SignedRevocationList,
  type SignedStaffStatement,
  newStaffStatement,
  signRevocationList,
  signStaffStatement,
  staffKeysFingerprint,
} from '@tsunagari/shared/trust';
import { type ClientSocket, type LoggedInStaff, type TestServer, call, postJson } from './harness.js';

/**
 * What tests do as a new staff member's browser and as an admin: enrol over HTTP with keys made
 * here, and sign with the test's organisation key (which the test holds, as an admin's own
 * machine would).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** POSTs JSON and returns the parsed answer with its status. */
export async function api<T>(server: Pick<TestServer, 'url'>, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: AckResult<T> }> {
  const res = await postJson(server.url + path, body, headers);
  return { status: res.status, body: (await res.json()) as AckResult<T> };
}

/** Her browser at enrolment: new key pairs, wrapped under her password at the given strength. */
export function browserEnrolment(server: TestServer, token: string, password: string, kdf: { opslimit: number; memlimit: number } = KDF_FLOORS.min) {
  const pairs: StaffKeyPairs = generateStaffKeyPairs(server.sodium);
  const wrapped = wrapKeysUnderPassword(server.sodium, password, pairs, kdf, KDF_FLOORS.min);
  const body = { token, kdf: wrapped.kdf, authKey: wrapped.loginValue, ...wrapped.keys };
  return { pairs, body, keys: wrapped.keys };
}

/** The invitation, her enrolment over HTTP, and the fingerprint her own console would show. */
export async function inviteAndEnrol(
  server: TestServer,
  admin: ClientSocket,
  who: { username: string; displayName: string; role: StaffRole; password: string },
): Promise<{ staffId: string; token: string; fingerprint: string; pairs: StaffKeyPairs }> {
  const { inviteToken: token } = await call(admin, 'staff:invite', { username: who.username, displayName: who.displayName, role: who.role });
  const info = await api<EnrolInfo>(server, API.enrolInfo, { token });
  if (!info.body.ok) throw new Error(`enrol/info: ${info.body.error}`);
  const enrolment = browserEnrolment(server, token, who.password);
  const done = await api<{ staffId: string }>(server, API.enrol, enrolment.body);
  if (!done.body.ok) throw new Error(`enrol: ${done.body.error}`);
  const fingerprint = staffKeysFingerprint(server.sodium, { staffId: info.body.data.staffId, ...enrolment.keys });
  return { staffId: info.body.data.staffId, token, fingerprint, pairs: enrolment.pairs };
}

/** One account's directory line. */
export async function listingOf(admin: ClientSocket, staffId: string): Promise<StaffListing> {
  const found = (await call(admin, 'staff:directory', {})).staff.find((s) => s.staffId === staffId);
  if (!found) throw new Error(`${staffId} not in the directory`);
  return found;
}

/** The admin signs a pending statement with the test org key (or another key, to attack). */
export function sign(server: TestServer, pending: PendingStatement, opts: { now?: number; validityMs?: number; secretKey?: Uint8Array } = {}): SignedStaffStatement {
  const statement = newStaffStatement(pending, opts.now ?? Date.now(), opts.validityMs);
  return signStaffStatement(server.sodium, opts.secretKey ?? server.org.secretKey, statement);
}

/** A revocation list signed with the test org key (or another key). */
export function revocations(
  server: TestServer,
  entries: Omit<RevocationEntry, 'revokedAt'>[],
  opts: { issuedAt?: number; secretKey?: Uint8Array } = {},
): SignedRevocationList {
  const issuedAt = opts.issuedAt ?? Date.now();
  return signRevocationList(server.sodium, opts.secretKey ?? server.org.secretKey, { issuedAt, entries: entries.map((e) => ({ ...e, revokedAt: issuedAt })) });
}

/**
 * Logs in as her browser would, with a password the harness does not know (someone enrolled in
 * the test). Throws the error code when refused.
 */
export async function loginWithPassword(server: Pick<TestServer, 'url' | 'sodium'>, username: string, password: string): Promise<LoggedInStaff> {
  const params = await api<{ salt: string; opslimit: number; memlimit: number }>(server, API.authParams, { username });
  if (!params.body.ok) throw new Error(params.body.error);
  const derived = deriveStaffPasswordKeys(server.sodium, password, params.body.data);
  const res = await postJson(server.url + API.login, { username, authKey: toB64(server.sodium, derived.authKey) });
  const body = (await res.json()) as AckResult<StaffSession>;
  if (!body.ok) throw new Error(body.error);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, session: body.data, keys: unwrapStaffKeys(server.sodium, derived.wrapKey, body.data.keys) };
}
