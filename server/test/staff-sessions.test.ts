/**
 * Staff sessions on live sockets, and where staff may come from (issue 13): logout, expiry, a
 * password change and disable close her sockets; every staff event re-checks the session; the
 * cookie is Secure over HTTPS (through the trusted proxy) and in production; with a console on
 * its own origin, only that origin gets CORS with credentials, and staff sockets from elsewhere
 * are refused.
 */
import { API, type StaffSession } from '@tsunagari/shared';
import { KDF_FLOORS, deriveStaffPasswordKeys, toB64, unwrapStaffKeys, wrapKeysUnderPassword } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { STAFF, type LoggedInStaff, type TestServer, call, connected, loginStaff, manualClock, postJson, send, serverPerTest, staffSocket } from './harness.js';
import { api } from './staff-helpers.js';

const closedBy = (s: ReturnType<typeof staffSocket>) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));

/** Her console changing her password: the same keys, re-wrapped in the browser under the new one. */
function passwordChange(server: TestServer, staff: LoggedInStaff, current: string, next: string, kdf = KDF_FLOORS.min) {
  return async () => {
    const params = await api<{ salt: string; opslimit: number; memlimit: number }>(server, API.authParams, { username: staff.session.staff.username });
    if (!params.body.ok) throw new Error(params.body.error);
    const currentKey = deriveStaffPasswordKeys(server.sodium, current, params.body.data).authKey;
    const wrapped = wrapKeysUnderPassword(server.sodium, next, staff.keys, kdf, KDF_FLOORS.min);
    return {
      body: { authKey: toB64(server.sodium, currentKey), kdf: wrapped.kdf, newAuthKey: wrapped.loginValue, wrappedSecretKeys: wrapped.keys.wrappedSecretKeys },
    };
  };
}

describe('staff sessions on live sockets', () => {
  const servers = serverPerTest();

  it('logout closes the sockets of that session only', async () => {
    const server = await servers.start();
    const first = await loginStaff(server, 'sato');
    const second = await loginStaff(server, 'sato');
    const [a, b] = [staffSocket(server, first), staffSocket(server, second)];
    servers.track(a, b);
    await Promise.all([connected(a), connected(b)]);
    const closed = closedBy(a);
    expect((await postJson(server.url + API.logout, {}, { cookie: first.cookie })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect(b.connected).toBe(true);
    expect((await call(b, 'queue:list', {})).entries).toEqual([]);
  });

  it('the cookie lives 12 hours on her own computer’s clock (Max-Age, no Expires date), whatever the relay’s clock says', async () => {
    // A relay whose clock reads years behind the browser's: an Expires date from it would already
    // have passed on her computer, and the browser would drop the cookie at once (an e2e relay on
    // a fixed date signed nobody in once real time passed that date plus 12 hours).
    const server = await servers.start({ clock: manualClock('2020-01-06T09:00:00+09:00') });
    const staff = await loginStaff(server, 'sato');
    expect(staff.setCookie).toMatch(/; Max-Age=43200(;|$)/);
    expect(staff.setCookie).not.toMatch(/Expires=/i);
    const out = await postJson(server.url + API.logout, {}, { cookie: staff.cookie });
    expect(out.headers.get('set-cookie')).toMatch(/; Max-Age=0(;|$)/);
  });

  it('an expired session is refused at its next event and its socket closed', async () => {
    const clock = manualClock('2026-06-01T09:00:00+09:00');
    const server = await servers.start({ clock });
    const s = staffSocket(server, await loginStaff(server, 'tanaka'));
    servers.track(s);
    await connected(s);
    clock.set('2026-06-01T20:59:59+09:00');
    expect((await send(s, 'queue:list', {})).ok).toBe(true);
    clock.set('2026-06-01T21:00:00+09:00');
    const closed = closedBy(s);
    expect(await send(s, 'queue:list', {})).toEqual({ ok: false, error: 'NOT_AUTHENTICATED' });
    expect(await closed).toBe('io server disconnect');
  });

  it('a password change re-wraps the same keys: every session ends (its sockets close), the new cookie and password work, the old do not', async () => {
    const server = await servers.start();
    const here = await loginStaff(server, 'sato');
    const elsewhere = await loginStaff(server, 'sato');
    const [s1, s2] = [staffSocket(server, here), staffSocket(server, elsewhere)];
    servers.track(s1, s2);
    await Promise.all([connected(s1), connected(s2)]);
    const NEW = 'sato-changed-password-2026';
    const { body } = await passwordChange(server, here, STAFF.sato.password, NEW)();
    const closed = Promise.all([closedBy(s1), closedBy(s2)]);
    const res = await postJson(server.url + API.passwordChange, body, { cookie: here.cookie });
    const answer = (await res.json()) as { ok: true; data: StaffSession };
    expect(answer.ok).toBe(true);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    // Same keys and statement, new wrapping.
    expect(answer.data.keys).toMatchObject({ boxPublicKey: here.session.keys.boxPublicKey, statement: here.session.keys.statement, wrappedSecretKeys: body.wrappedSecretKeys });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).not.toBe(here.cookie);
    for (const old of [here, elsewhere]) await expect(connected(staffSocket(server, old))).rejects.toThrow('NOT_AUTHENTICATED');
    const fresh = staffSocket(server, { ...here, cookie });
    servers.track(fresh);
    await connected(fresh);
    await expect(loginStaff(server, 'sato')).rejects.toThrow('NOT_AUTHENTICATED');
    const params = await api<{ salt: string; opslimit: number; memlimit: number }>(server, API.authParams, { username: 'sato' });
    if (!params.body.ok) throw new Error('params');
    const derived = deriveStaffPasswordKeys(server.sodium, NEW, params.body.data);
    const login = await api<StaffSession>(server, API.login, { username: 'sato', authKey: toB64(server.sodium, derived.authKey) });
    if (!login.body.ok) throw new Error(login.body.error);
    expect(unwrapStaffKeys(server.sodium, derived.wrapKey, login.body.data.keys).boxSecretKey).toEqual(here.keys.boxSecretKey);
  });

  it('a password change with the wrong current password, weak parameters or no session changes nothing', async () => {
    const server = await servers.start({ kdfFloor: 'moderate' });
    const sato = await loginStaff(server, 'sato');
    const s = staffSocket(server, sato);
    servers.track(s);
    await connected(s);
    const row = async () => (await server.rows("SELECT kdf_salt, auth_hash, wrapped_secret_keys FROM staff WHERE username = 'sato'"))[0];
    const before = await row();
    const weak = (await passwordChange(server, sato, STAFF.sato.password, 'another-password-2026')()).body;
    expect(await api(server, API.passwordChange, weak, { cookie: sato.cookie })).toEqual({ status: 400, body: { ok: false, error: 'WEAK_KDF' } });
    const wrong = (await passwordChange(server, sato, 'not-her-password-at-all', 'another-password-2026', KDF_FLOORS.moderate)()).body;
    expect(await api(server, API.passwordChange, wrong, { cookie: sato.cookie })).toEqual({ status: 401, body: { ok: false, error: 'NOT_AUTHENTICATED' } });
    expect(await api(server, API.passwordChange, wrong, {})).toEqual({ status: 401, body: { ok: false, error: 'NOT_AUTHENTICATED' } });
    expect(await api(server, API.passwordChange, { ...wrong, extra: 1 }, { cookie: sato.cookie })).toEqual({ status: 400, body: { ok: false, error: 'INVALID_PAYLOAD' } });
    expect(await row()).toEqual(before);
    expect(s.connected).toBe(true);
  });
});

describe('where staff may come from', () => {
  const servers = serverPerTest();
  const CONSOLE = 'https://console.npo.example';

  it('with a console origin of its own: CORS with credentials for it alone; other origins refused; cookie SameSite=None; Secure', async () => {
    const server = await servers.start({ consoleOrigin: CONSOLE });
    const pre = await fetch(server.url + API.login, { method: 'OPTIONS', headers: { origin: CONSOLE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    const staff = await loginStaff(server, 'boss', { origin: CONSOLE });
    expect(staff.setCookie).toMatch(/; SameSite=None/);
    expect(staff.setCookie).toMatch(/; Secure/);
    for (const origin of ['https://evil.example', server.url, 'https://console.npo.example.evil.example']) {
      const res = await postJson(server.url + API.authParams, { username: 'boss' }, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await api(server, API.enrolInfo, { token: 'A'.repeat(43) }, { origin })).toEqual({ status: 403, body: { ok: false, error: 'FORBIDDEN' } });
    }
    const good = staffSocket(server, staff, CONSOLE);
    servers.track(good);
    await connected(good);
    await expect(connected(staffSocket(server, staff, server.url))).rejects.toThrow('NOT_AUTHENTICATED');
    // A cross-site request from a page (no Origin header but Sec-Fetch-Site says so) is refused too.
    expect((await postJson(server.url + API.logout, {}, { cookie: staff.cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('without one (the demo): the relay’s own origin only, SameSite=Strict, Secure when the proxy says HTTPS', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const plain = await loginStaff(server, 'sato');
    expect(plain.setCookie).toMatch(/; SameSite=Strict/);
    expect(plain.setCookie).not.toMatch(/; Secure/);
    const proxied = await loginStaff(server, 'tanaka', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.setCookie).toMatch(/; Secure/);
    expect((await postJson(server.url + API.authParams, { username: 'sato' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await postJson(server.url + API.authParams, { username: 'sato' }, { origin: server.url })).status).toBe(200);
  });

  it('in production every cookie is Secure', async () => {
    const server = await servers.start({ secureCookies: true });
    expect((await loginStaff(server, 'sato')).setCookie).toMatch(/; Secure/);
  });

  it('a staff socket without any origin is refused; a client socket needs none', async () => {
    const server = await servers.start();
    const staff = await loginStaff(server, 'sato');
    const bare = connect(server.url, { auth: { role: 'staff' }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: staff.cookie } });
    servers.track(bare);
    await expect(connected(bare)).rejects.toThrow('NOT_AUTHENTICATED');
  });
});
