/**
 * A relay that lies (issue 13): tests rewrite the database behind a running server, as a
 * compromised relay or its operator could, and show what the server then hands out, and that
 * the widget's and the console's check (verifyStaffIdentity / verifyStaffStatement against the
 * organisation key PINNED where their code comes from) refuses it, with the reason. The widget
 * seals her session key only when that check says ok; the console transfers only then.
 */
import { API, type CounselorIdentity } from '@tsunagari/shared';
import { toB64 } from '@tsunagari/shared/crypto';
import {
  ROLES_THE_WIDGET_SEALS_TO,
  type StaffStatement,
  type VerifiedRevocationList,
  signStaffStatement,
  verifyRevocationList,
  verifyStaffIdentity,
  type SignedRevocationList,
} from '@tsunagari/shared/trust';
import { describe, expect, it } from 'vitest';
import { type TestServer, call, clientSocket, connected, loginStaff, next, serverPerTest, signIn } from './harness.js';
import { DAY_MS, listingOf, revocations } from './staff-helpers.js';

/** The widget's decision, with the key pinned in its snippet and the list it fetched (if any). */
const widgetCheck = (server: TestServer, identity: unknown, list: VerifiedRevocationList | null = null) =>
  verifyStaffIdentity(server.sodium, identity, { orgKey: server.org.pinned, acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: Date.now(), revocations: list });
/** The console's decision for a transfer target, with the key pinned in its console-config.json. */
const consoleCheck = (server: TestServer, identity: unknown, list: VerifiedRevocationList | null = null) =>
  verifyStaffIdentity(server.sodium, identity, { orgKey: server.org.pinned, acceptRoles: ['counselor'], now: Date.now(), revocations: list });

/** The list as the widget fetches it: from the relay, kept only if it verifies against the pinned key. */
async function fetchedList(server: TestServer): Promise<VerifiedRevocationList | null> {
  const body = (await (await fetch(server.url + API.revocations)).json()) as { data: SignedRevocationList | null };
  if (!body.data) return null;
  const verdict = verifyRevocationList(server.sodium, server.org.pinned, body.data);
  return verdict.ok ? verdict.list : null;
}

describe('a relay that lies cannot make a browser seal a key to the wrong party', () => {
  const servers = serverPerTest();

  /** A woman waits; `who` signs in (after the rewrite) and takes her: what the server hands her widget, and the console's board. */
  async function handedOut(server: TestServer, who: 'sato' | 'chief'): Promise<{ widget: CounselorIdentity; board: CounselorIdentity | undefined }> {
    const a = clientSocket(server);
    servers.track(a);
    await connected(a);
    const id = (await call(a, 'consultation:start', {})).consultationId;
    const s = await signIn(server, who);
    const tanaka = await signIn(server, 'tanaka');
    servers.track(s, tanaka);
    const assigned = next(a, 'consultation:assigned');
    await call(s, 'consultation:take', { consultationId: id });
    const staffId = (await assigned).counselor.staffId;
    const board = (await call(tanaka, 'staff:list', {})).counselors.find((c) => c.staffId === staffId)?.identity;
    return { widget: (await assigned).counselor, board };
  }

  it('org public key replaced and a colleague’s keys re-signed with the relay’s own org key: bad-signature', async () => {
    // The demo relay, which serves pages of its own (a production relay serves none).
    const server = await servers.start({ demo: true });
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    // The relay makes an organisation key of its own, stores its public half as "the" org key
    // (so its own sanity checks pass), and swaps sato's keys for its own, signed with it.
    const relayOrg = server.sodium.crypto_sign_keypair();
    const relayBox = server.sodium.crypto_box_keypair();
    const forged = signStaffStatement(server.sodium, relayOrg.privateKey, {
      staffId: satoId, role: 'counselor', boxPublicKey: toB64(server.sodium, relayBox.publicKey),
      signPublicKey: toB64(server.sodium, server.sodium.crypto_sign_keypair().publicKey), keyVersion: 1, notBefore: Date.now() - DAY_MS, notAfter: Date.now() + DAY_MS,
    });
    server.db.prepare('UPDATE organisation SET sign_public_key = ?').run(toB64(server.sodium, relayOrg.publicKey));
    server.db.prepare('UPDATE staff SET statement = ?, box_public_key = ? WHERE id = ?').run(JSON.stringify(forged), forged.statement.boxPublicKey, satoId);

    // What the server now hands out: its own pages carry the relay's key, and the forged statement.
    expect(await (await fetch(`${server.url}/demo/`)).text()).toContain(`org-key="${toB64(server.sodium, relayOrg.publicKey)}"`);
    const { widget, board } = await handedOut(server, 'sato');
    expect(widget).toEqual({ staffId: satoId, statement: forged });
    expect(board).toEqual(widget);
    // The browsers check against the key pinned in the snippet / console-config.json.
    expect(widgetCheck(server, widget)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(consoleCheck(server, board)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('an admin’s validly signed statement passed off as a counselor’s (role rewritten): wrong-role', async () => {
    const server = await servers.start();
    const chiefId = (await loginStaff(server, 'chief')).session.staff.id;
    // The relay routes the admin account as a counselor, hoping the widget seals to it.
    server.db.prepare("UPDATE staff SET role = 'counselor' WHERE id = ?").run(chiefId);
    const { widget, board } = await handedOut(server, 'chief');
    expect(widget.staffId).toBe(chiefId);
    expect(widget.statement.statement.role).toBe('admin');
    expect(widgetCheck(server, widget)).toEqual({ ok: false, reason: 'wrong-role' });
    expect(consoleCheck(server, board)).toEqual({ ok: false, reason: 'wrong-role' });
  });

  it('a colleague’s statement served under another counselor’s id: wrong-staff', async () => {
    const server = await servers.start();
    const admin = await signIn(server, 'chief');
    servers.track(admin);
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    const tanakaId = (await loginStaff(server, 'tanaka')).session.staff.id;
    // Tanaka's valid counselor statement, copied onto sato's row: the relay hopes for a seal to tanaka's key under sato's name.
    const tanakaStatement = (await listingOf(admin, tanakaId)).statement;
    server.db.prepare('UPDATE staff SET statement = ? WHERE id = ?').run(JSON.stringify(tanakaStatement), satoId);
    const { widget } = await handedOut(server, 'sato');
    expect(widget).toEqual({ staffId: satoId, statement: tanakaStatement });
    expect(widgetCheck(server, widget)).toEqual({ ok: false, reason: 'wrong-staff' });
  });

  it('a statement whose validity ended (notAfter in the past), served as current: expired', async () => {
    const server = await servers.start();
    const admin = await signIn(server, 'chief');
    servers.track(admin);
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    const current = (await listingOf(admin, satoId)).statement!.statement;
    // A statement the organisation really signed, for her real keys, that ran out 35 days ago.
    const old: StaffStatement = { ...current, notBefore: Date.now() - 400 * DAY_MS, notAfter: Date.now() - 35 * DAY_MS };
    const expired = signStaffStatement(server.sodium, server.org.secretKey, old);
    server.db.prepare('UPDATE staff SET statement = ? WHERE id = ?').run(JSON.stringify(expired), satoId);
    const { widget, board } = await handedOut(server, 'sato');
    expect(widget.statement).toEqual(expired);
    expect(widgetCheck(server, widget)).toEqual({ ok: false, reason: 'expired' });
    expect(consoleCheck(server, board)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a disabled counselor brought back by the relay (row set active again): revoked by the published list; a withheld list is bounded by notAfter', async () => {
    const server = await servers.start();
    const admin = await signIn(server, 'chief');
    servers.track(admin);
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    const kept = server.db.prepare('SELECT kdf_salt, kdf_opslimit, kdf_memlimit, auth_hash, wrapped_secret_keys FROM staff WHERE id = ?').get(satoId) as Record<string, unknown>;
    await call(admin, 'staff:disable', { staffId: satoId, revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }]) });
    // The relay had kept her credentials and puts her row back as it was.
    server.db
      .prepare("UPDATE staff SET status = 'active', kdf_salt = @kdf_salt, kdf_opslimit = @kdf_opslimit, kdf_memlimit = @kdf_memlimit, auth_hash = @auth_hash, wrapped_secret_keys = @wrapped_secret_keys WHERE id = @id")
      .run({ ...kept, id: satoId });
    // Her password works again and routing takes her back: the relay does what it likes.
    const { widget, board } = await handedOut(server, 'sato');
    const list = await fetchedList(server);
    expect(list?.entries.map((e) => [e.staffId, e.keyVersion])).toEqual([[satoId, 1]]);
    expect(widgetCheck(server, widget, list)).toEqual({ ok: false, reason: 'revoked' });
    expect(consoleCheck(server, board, list)).toEqual({ ok: false, reason: 'revoked' });

    // A relay that also withholds the list: the widget that never had one accepts, but says the
    // list is missing, and only until her statement's notAfter (at most a year); one that serves a
    // list it signed itself is refused, so the widget keeps the last one that verified.
    server.db.prepare('DELETE FROM revocation_list').run();
    expect(await fetchedList(server)).toBeNull();
    expect(widgetCheck(server, widget, null)).toMatchObject({ ok: true, revocation: 'missing' });
    const own = revocations(server, [], { secretKey: server.sodium.crypto_sign_keypair().privateKey, issuedAt: Date.now() + 1000 });
    server.db.prepare('INSERT INTO revocation_list (id, issued_at, signed, stored_at) VALUES (1, ?, ?, ?)').run(own.list.issuedAt, JSON.stringify(own), new Date().toISOString());
    expect(await fetchedList(server)).toBeNull();
    expect(widgetCheck(server, widget, list)).toEqual({ ok: false, reason: 'revoked' });
  });
});
