import { API } from '@tsunagari/shared';
import { verifyStaffStatement } from '@tsunagari/shared/trust';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSocket, connected, loginStaff, postJson, staffSocket, startTestServer, type TestServer } from './harness.js';

const WRONG_KEY = 'A'.repeat(43);

describe('staff login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it('sets an httpOnly, SameSite=Strict session cookie and returns the wrapped keys', async () => {
    const staff = await loginStaff(server, 'sato');
    expect(staff.session.staff).toMatchObject({ username: 'sato', role: 'counselor' });
    // No organisation key in the answer (the console pins its own); the statement about her keys verifies against it.
    expect(Object.keys(staff.session).sort()).toEqual(['keys', 'staff']);
    const verdict = verifyStaffStatement(server.sodium, staff.session.keys.statement, { orgKey: server.org.pinned, acceptRoles: ['counselor'], now: Date.now(), revocations: null });
    expect(verdict).toMatchObject({ ok: true, statement: { staffId: staff.session.staff.id, boxPublicKey: staff.session.keys.boxPublicKey } });
    expect(staff.keys.boxSecretKey.length).toBe(32);
    const res = await postJson(server.url + API.authParams, { username: 'sato' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('sends the cookie with the right flags', async () => {
    const params = (await (await postJson(server.url + API.authParams, { username: 'tanaka' })).json()) as { data: unknown };
    expect(params.data).toBeTruthy();
    const { session, cookie, setCookie } = await loginStaff(server, 'tanaka');
    expect(session.staff.username).toBe('tanaka');
    expect(cookie).toMatch(/^tsg_staff=[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
  });

  it('gives unknown usernames stable, plausible KDF parameters (no username probing)', async () => {
    const a = await (await postJson(server.url + API.authParams, { username: 'nobody' })).json();
    const b = await (await postJson(server.url + API.authParams, { username: 'nobody' })).json();
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true, data: { salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
  });

  it('refuses a wrong auth key without saying whether the name exists', async () => {
    const known = await postJson(server.url + API.login, { username: 'boss', authKey: WRONG_KEY });
    const unknown = await postJson(server.url + API.login, { username: 'ghost', authKey: WRONG_KEY });
    expect(known.status).toBe(401);
    expect(await known.json()).toEqual({ ok: false, error: 'NOT_AUTHENTICATED' });
    expect(await unknown.json()).toEqual({ ok: false, error: 'NOT_AUTHENTICATED' });
    expect(known.headers.get('set-cookie')).toBeNull();
  });

  it('rate-limits failed logins for a username, even when the right password follows', async () => {
    for (let i = 0; i < 5; i++) await postJson(server.url + API.login, { username: 'tanaka', authKey: WRONG_KEY });
    const blocked = await postJson(server.url + API.login, { username: 'tanaka', authKey: WRONG_KEY });
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ ok: false, error: 'RATE_LIMITED' });
    await expect(loginStaff(server, 'tanaka')).rejects.toThrow('RATE_LIMITED');
  });

  it('answers malformed and oversized bodies with codes', async () => {
    const bad = await fetch(server.url + API.login, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    const big = await postJson(server.url + API.login, { username: 'x'.repeat(40_000), authKey: WRONG_KEY });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ ok: false, error: 'PAYLOAD_TOO_LARGE' });
    const shape = await postJson(server.url + API.login, { username: 'sato' });
    expect(await shape.json()).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
  });

  it('admits staff sockets only with a live session from the console origin', async () => {
    const staff = await loginStaff(server, 'sato');
    const good = staffSocket(server, staff);
    await connected(good);
    good.disconnect();
    await expect(connected(staffSocket(server, { ...staff, cookie: 'tsg_staff=forged' }))).rejects.toThrow('NOT_AUTHENTICATED');
    await expect(connected(staffSocket(server, staff, 'https://evil.example'))).rejects.toThrow('NOT_AUTHENTICATED');
    const anon = clientSocket(server);
    await connected(anon); // an anonymous client needs nothing
    anon.disconnect();
  });

  it('logout ends the session', async () => {
    const staff = await loginStaff(server, 'boss');
    const out = await postJson(server.url + API.logout, {}, { cookie: staff.cookie });
    expect(out.status).toBe(204);
    await expect(connected(staffSocket(server, staff))).rejects.toThrow('NOT_AUTHENTICATED');
  });
});
