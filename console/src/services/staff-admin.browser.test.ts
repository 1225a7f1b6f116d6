import type { StaffListing } from '@tsunagari/shared';
import { createOrgKeyFile, serialiseOrgKeyFile, toB64 } from '@tsunagari/shared/crypto';
import { type PendingStatement, signRevocationList, signStaffStatement, staffKeysFingerprint, newStaffStatement, verifyRevocationList } from '@tsunagari/shared/trust';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ja } from '../i18n/ja.js';
import { StaffAdminController } from './staff-admin.controller.js';
import { loadSodium } from './staff-crypto.js';
import type { StaffSocketController } from './staff-socket.controller.js';
import { pinTrust, type StaffTrust } from './staff-trust.js';
import { ConsoleStore, type WorkspaceContext } from './workspace-context.js';

type Sodium = Awaited<ReturnType<typeof loadSodium>>;
const PASSPHRASE = 'ume no hana saku yamaguchi';
const RELAY = 'https://relay.test';
const DAY = 24 * 60 * 60 * 1000;

let sodium: Sodium;
let org: { text: string; publicKey: string; secretKey: Uint8Array };
let trust: StaffTrust;

beforeAll(async () => {
  sodium = await loadSodium();
  const file = createOrgKeyFile(sodium, PASSPHRASE);
  // The tests sign "what the organisation signed before" directly; the controller only ever gets the file.
  const { secretKey } = (await import('@tsunagari/shared/crypto')).openOrgKeyFile(sodium, file, PASSPHRASE);
  org = { text: serialiseOrgKeyFile(file), publicKey: file.publicKey, secretKey };
}, 60_000);

const keyFile = (text = org.text) => new File([text], 'org.key', { type: 'application/json' });

function pendingFor(staffId: string): PendingStatement {
  return {
    staffId,
    role: 'counselor',
    boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey),
    signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey),
    keyVersion: 1,
  };
}

function listing(staffId: string, over: Partial<StaffListing>): StaffListing {
  return { staffId, username: staffId, displayName: staffId, role: 'counselor', status: 'active', keyVersion: 1, pending: null, statement: null, lastSignInDay: null, inviteExpiresAt: null, ...over };
}

/** The relay as the admin's controller meets it: the directory it hands out, and what it was asked. */
function setUp(listings: StaffListing[], published: unknown = null) {
  trust = pinTrust(sodium, org.publicKey);
  const asked: { event: string; payload: unknown }[] = [];
  const request = (async (event: string, payload: unknown) => {
    asked.push({ event, payload });
    if (event === 'staff:directory') return { ok: true, data: { staff: listings } };
    if (event === 'trust:publish') return { ok: true, data: { issuedAt: 1 } };
    const target = listings.find((l) => l.staffId === (payload as { staffId: string }).staffId)!;
    return { ok: true, data: { ...target, status: event === 'staff:disable' ? 'disabled' : 'active' } };
  }) as StaffSocketController['request'];
  const realFetch = globalThis.fetch;
  // Stands in for the relay's published revocation list (GET /api/trust/revocations).
  globalThis.fetch = (async (url: RequestInfo | URL) =>
    String(url) === `${RELAY}/api/trust/revocations` ? new Response(JSON.stringify({ ok: true, data: published })) : realFetch(url)) as typeof fetch;
  restore = () => (globalThis.fetch = realFetch);
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const ctx: WorkspaceContext = {
    host,
    socket: { request, listen: () => {} },
    store: new ConsoleStore(host),
    session: () => ({ staff: { id: 'admin', username: 'admin', displayName: '管理者', role: 'admin' } }) as never,
    crypto: () => ({}) as never,
    trust: () => trust,
    locked: () => false,
    announce: () => {},
  };
  const admin = new StaffAdminController(ctx, () => RELAY);
  const sent = (event: string) => asked.filter((a) => a.event === event).map((a) => a.payload);
  return { admin, sent };
}
let restore = () => {};

describe('the admin signs in her browser, with what this console verified', { timeout: 60_000 }, () => {
  afterEach(() => restore());

  it('activates a pending enrolment only when the typed digits match; the statement is for exactly the pending keys', async () => {
    const pending = pendingFor('staff-new');
    const { admin, sent } = setUp([listing('staff-new', { status: 'pending', pending })]);
    await admin.load();
    const fingerprint = staffKeysFingerprint(sodium, pending);
    expect(admin.rows?.[0]?.pending?.fingerprint).toBe(fingerprint);

    const wrong = fingerprint.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    expect(await admin.activate({ staffId: 'staff-new', typedFingerprint: wrong, file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.noMatch });
    expect(sent('staff:activate')).toEqual([]);

    // Typed as an IME gives it: full-width digits and hyphens between the groups.
    const typed = fingerprint.replace(/ /g, '-').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await admin.activate({ staffId: 'staff-new', typedFingerprint: typed, file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: true });
    const [payload] = sent('staff:activate') as { staffId: string; signed: { statement: object } }[];
    expect(payload?.staffId).toBe('staff-new');
    expect(payload?.signed.statement).toMatchObject(pending);
    expect(trust.verify({ staffId: 'staff-new', statement: payload!.signed }, ['counselor']).ok).toBe(true);
  });

  it('refuses another organisation’s key file and a wrong passphrase; nothing is sent', async () => {
    const pending = pendingFor('staff-new');
    const { admin, sent } = setUp([listing('staff-new', { status: 'pending', pending })]);
    await admin.load();
    const digits = staffKeysFingerprint(sodium, pending);
    const other = serialiseOrgKeyFile(createOrgKeyFile(sodium, PASSPHRASE));
    expect(await admin.activate({ staffId: 'staff-new', typedFingerprint: digits, file: keyFile(other), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.keyProblems.NOT_THIS_ORG });
    expect(await admin.activate({ staffId: 'staff-new', typedFingerprint: digits, file: keyFile(), passphrase: 'not the passphrase' })).toEqual({ ok: false, error: ja.sign.keyProblems.WRONG_PASSPHRASE });
    expect(await admin.activate({ staffId: 'staff-new', typedFingerprint: digits, file: keyFile('{}'), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.keyProblems.KEY_FILE_MALFORMED });
    expect(sent('staff:activate')).toEqual([]);
  });

  it('renews only a statement that verifies against the pinned key: same keys, a new year', async () => {
    const good = signStaffStatement(sodium, org.secretKey, newStaffStatement(pendingFor('staff-a'), Date.now() - 340 * DAY));
    const forged = signStaffStatement(sodium, sodium.crypto_sign_keypair().privateKey, newStaffStatement(pendingFor('staff-b'), Date.now() - DAY));
    const { admin, sent } = setUp([listing('staff-a', { statement: good }), listing('staff-b', { statement: forged })]);
    await admin.load();
    expect(admin.rows?.map((r) => r.check)).toEqual([
      { ok: true, notAfter: good.statement.notAfter },
      { ok: false, reason: 'bad-signature' },
    ]);
    expect(await admin.renew({ staffId: 'staff-b', file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.cannotRenew });
    expect(await admin.renew({ staffId: 'staff-a', file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: true });
    const [payload] = sent('staff:resign') as { signed: { statement: { notAfter: number; boxPublicKey: string } } }[];
    expect(payload?.signed.statement.boxPublicKey).toBe(good.statement.boxPublicKey);
    expect(payload!.signed.statement.notAfter).toBeGreaterThan(Date.now() + 364 * DAY);
    expect(sent('staff:resign')).toHaveLength(1);
  });

  it('disables with the published list plus her entry, signed and newer; a list it cannot verify stops it', async () => {
    const statement = signStaffStatement(sodium, org.secretKey, newStaffStatement(pendingFor('staff-a'), Date.now() - DAY));
    const earlier = signRevocationList(sodium, org.secretKey, { issuedAt: Date.now() - DAY, entries: [{ staffId: 'staff-old', keyVersion: 2, revokedAt: 1 }] });
    const { admin, sent } = setUp([listing('staff-a', { statement })], earlier);
    await admin.load();
    expect(await admin.disable({ staffId: 'staff-a', file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: true });
    const [payload] = sent('staff:disable') as { revocations: unknown }[];
    const verdict = verifyRevocationList(sodium, trust.orgKey, payload?.revocations);
    if (!verdict.ok) throw new Error('the list sent does not verify');
    expect(verdict.list.entries.map((e) => [e.staffId, e.keyVersion])).toEqual([['staff-a', 1], ['staff-old', 2]]);
    expect(verdict.list.issuedAt).toBeGreaterThan(earlier.list.issuedAt);
    expect(trust.revocations?.issuedAt).toBe(verdict.list.issuedAt);

    const forgedList = signRevocationList(sodium, sodium.crypto_sign_keypair().privateKey, { issuedAt: Date.now(), entries: [] });
    const second = setUp([listing('staff-a', { statement })], forgedList);
    await second.admin.load();
    expect(await second.admin.disable({ staffId: 'staff-a', file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.revocationsUnverified });
    expect(second.sent('staff:disable')).toEqual([]);
  });

  it('re-publishes the newest verified list with today’s date and the same entries', async () => {
    const earlier = signRevocationList(sodium, org.secretKey, { issuedAt: Date.now() - 9 * DAY, entries: [{ staffId: 'staff-old', keyVersion: 2, revokedAt: 1 }] });
    const { admin, sent } = setUp([], earlier);
    expect(await admin.republish({ file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: true });
    const [payload] = sent('trust:publish') as { revocations: unknown }[];
    const verdict = verifyRevocationList(sodium, trust.orgKey, payload?.revocations);
    if (!verdict.ok) throw new Error('the list sent does not verify');
    expect(verdict.list.entries).toEqual(earlier.list.entries);
    expect(verdict.list.issuedAt).toBeGreaterThan(Date.now() - DAY);
    expect(admin.list).toEqual({ issuedAt: verdict.list.issuedAt, entries: 1 });
  });

  it('a pending row whose keys the relay mangled, or whose staff id differs, has no fingerprint and cannot be signed', async () => {
    const mangled = { ...pendingFor('staff-x'), boxPublicKey: 'not-a-key' };
    const elsewhere = pendingFor('staff-other');
    const { admin, sent } = setUp([listing('staff-x', { status: 'pending', pending: mangled }), listing('staff-y', { status: 'pending', pending: elsewhere })]);
    await admin.load();
    expect(admin.rows?.map((r) => r.pending)).toEqual([null, null]);
    const digits = staffKeysFingerprint(sodium, elsewhere);
    expect(await admin.activate({ staffId: 'staff-y', typedFingerprint: digits, file: keyFile(), passphrase: PASSPHRASE })).toEqual({ ok: false, error: ja.sign.badPending });
    expect(sent('staff:activate')).toEqual([]);
  });
});
