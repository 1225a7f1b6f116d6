import { fiscalYearOf } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, next, send, serverPerTest, staffSocket, type ClientSocket, type TestServer } from './harness.js';

/**
 * 「いたずら・迷惑として終了」: the counselor ends the chat she holds as a nuisance; that caller's
 * network cannot start again until Tokyo midnight, a real woman from another network is served
 * meanwhile, and the fiscal-year report counts the nuisance apart from real consultations.
 */
describe('ending a chat as a nuisance', () => {
  const servers = serverPerTest();
  const script = { 'x-forwarded-for': '2001:db8:bad:1::1' };
  const sameNetwork = { 'x-forwarded-for': '2001:db8:bad:1::beef' };
  const realWoman = { 'x-forwarded-for': '203.0.113.20' };

  async function client(server: TestServer, headers: Record<string, string>): Promise<ClientSocket> {
    const socket = clientSocket(server, headers);
    servers.track(socket);
    await connected(socket);
    return socket;
  }
  async function staff(server: TestServer, who: 'sato' | 'boss'): Promise<ClientSocket> {
    const socket = staffSocket(server, await loginStaff(server, who));
    servers.track(socket);
    await connected(socket);
    return socket;
  }

  it('ends it (the other side hears only that it ended), blocks the network until Tokyo midnight, serves others, and the report counts it apart', async () => {
    const clock = manualClock('2026-11-30T05:00:00Z'); // 14:00 in Tokyo
    const server = await servers.start({ trustedProxyHops: 1, clock });
    const sato = await staff(server, 'sato');
    const prankster = await client(server, script);
    const prank = await call(prankster, 'consultation:start', {});
    await call(sato, 'consultation:take', { consultationId: prank.consultationId });
    const told = next(prankster, 'consultation:ended');
    expect(await send(sato, 'consultation:nuisance', { consultationId: prank.consultationId })).toMatchObject({ ok: true });
    expect(await told).toEqual({ consultationId: prank.consultationId, endedBy: 'counselor', reason: 'ended' });
    expect(server.db.prepare('SELECT status, end_reason AS r FROM consultation WHERE id = ?').get(prank.consultationId)).toEqual({ status: 'ended', r: 'nuisance' });

    // Any address of the same /64, on a fresh socket: turned away as the start limit would.
    expect(await send(await client(server, sameNetwork), 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    // A real woman from another network starts and is served.
    const her = await call(await client(server, realWoman), 'consultation:start', {});
    await call(sato, 'consultation:take', { consultationId: her.consultationId });
    // Today's board counts her, not the nuisance.
    expect(await call(await staff(server, 'boss'), 'stats:today', {})).toMatchObject({ answered: 1, leftWaiting: 0 });

    clock.set('2026-11-30T14:59:00Z'); // 23:59 in Tokyo: still today
    expect(await send(await client(server, sameNetwork), 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    // The day's key changes at Tokyo midnight too, so only a new day lets the network in again.
    clock.set('2026-11-30T15:00:00Z');
    expect(await send(await client(server, sameNetwork), 'consultation:start', {})).toMatchObject({ ok: true });

    const report = await call(await staff(server, 'boss'), 'report:year', { fiscalYear: fiscalYearOf(new Date('2026-11-30T05:00:00Z')) });
    const november = report.months.find((m) => m.month === '2026-11');
    // November (Tokyo) has her and the nuisance; the start after midnight is 1 December's.
    expect(november).toMatchObject({ nuisance: 1, started: 1, answered: 1 });
    expect(report.total).toMatchObject({ nuisance: 1, started: 2 });
    expect(november?.byCampaign).toEqual({ web: 1 });
  });

  it('is refused for a chat she does not hold, and for the client herself', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const woman = await client(server, realWoman);
    const c = await call(woman, 'consultation:start', {});
    const sato = await staff(server, 'sato');
    expect(await send(sato, 'consultation:nuisance', { consultationId: c.consultationId })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(woman, 'consultation:nuisance', { consultationId: c.consultationId })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(server.db.prepare('SELECT status FROM consultation WHERE id = ?').get(c.consultationId)).toEqual({ status: 'waiting' });
  });
});
