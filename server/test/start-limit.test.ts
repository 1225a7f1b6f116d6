import { API } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { clientSocket, connected, loginStaff, postJson, send, serverPerTest, type TestServer } from './harness.js';

/**
 * The start limit: one caller (a daily key of her address) may start only so many consultations
 * an hour, so a script cannot fill the queue in front of real women. Behind our own reverse proxy
 * the limit must still tell callers apart, or it would be one limit for everybody.
 */
describe('start limit per caller', () => {
  const servers = serverPerTest();

  async function start(s: TestServer, headers: Record<string, string> = {}) {
    const client = clientSocket(s, headers);
    servers.track(client);
    await connected(client);
    return send(client, 'consultation:start', {});
  }
  const waitingRows = async (s: TestServer) => ((await s.rows("SELECT COUNT(*) AS n FROM consultation WHERE status = 'waiting'"))[0] as { n: number }).n;

  it('refuses the start past the limit with RATE_LIMITED, and that start leaves nothing behind', async () => {
    const server = await servers.start({ startsPerHour: 3 });
    for (let i = 0; i < 3; i++) expect(await start(server)).toMatchObject({ ok: true });
    expect(await start(server)).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await start(server)).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await waitingRows(server)).toBe(3);
    expect((await server.app.services.routing.router.queue()).map((e) => e.consultationId)).toHaveLength(3);
    const logged = server.logs.join('\n');
    // One line for the first refusal; the second is only counted (a flood cannot flood the log).
    expect(server.logs.filter((l) => l.includes('consultation.start_limited'))).toHaveLength(1);
    expect(logged).not.toContain('127.0.0.1');
  });

  it('counts two starts sent at once on one socket as one consultation', async () => {
    const server = await servers.start({ startsPerHour: 5 });
    const client = clientSocket(server);
    servers.track(client);
    await connected(client);
    const [a, b] = await Promise.all([send(client, 'consultation:start', {}), send(client, 'consultation:start', {})]);
    // The second is the same start again (start-retry.test.ts): answered with the same consultation.
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(await waitingRows(server)).toBe(1);
  });

  it('behind one trusted proxy, tells callers apart by their forwarded address', async () => {
    const server = await servers.start({ startsPerHour: 1, trustedProxyHops: 1 });
    expect(await start(server, { 'x-forwarded-for': '203.0.113.7' })).toMatchObject({ ok: true });
    expect(await start(server, { 'x-forwarded-for': '203.0.113.7' })).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await start(server, { 'x-forwarded-for': '203.0.113.8' })).toMatchObject({ ok: true });
    expect(await waitingRows(server)).toBe(2);
  });

  it('without a trusted proxy, a forged X-Forwarded-For does not get round the limit', async () => {
    const server = await servers.start({ startsPerHour: 1 });
    expect(await start(server, { 'x-forwarded-for': '203.0.113.7' })).toMatchObject({ ok: true });
    expect(await start(server, { 'x-forwarded-for': '203.0.113.8' })).toEqual({ ok: false, error: 'RATE_LIMITED' });
  });

  it("behind a trusted proxy, a stranger's failed logins do not lock out staff elsewhere", async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const stranger = { 'x-forwarded-for': '198.51.100.9' };
    // 20 failed logins per caller per 15 minutes, spread over names so the per-name limit stays out of it.
    for (let i = 0; i < 20; i++) await postJson(server.url + API.login, { username: `guess${i}`, authKey: 'A'.repeat(43) }, stranger);
    const blocked = await postJson(server.url + API.login, { username: 'sato', authKey: 'A'.repeat(43) }, stranger);
    expect(blocked.status).toBe(429);
    // Everyone else comes through the same proxy, from their own address.
    const staff = await loginStaff(server, 'sato');
    expect(staff.session.staff.username).toBe('sato');
  });
});
