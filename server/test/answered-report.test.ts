import { fiscalYearOf } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { call, type ClientSocket, clientSocket, connected, loginStaff, manualClock, manualScheduler, next, signIn, staffSocket, startTestServer, type TestServer } from './harness.js';

// The lead's decision (issue 17): a consultation in which a counselor took her up counts as
// answered (対応済み) in the fiscal-year report whatever its ending; its end stays as recorded.
// Before, a woman requeued when her counselor's grace ran out, who then left, was counted as
// unanswered (left waiting), although she had talked with a counselor.
const servers: TestServer[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of servers.splice(0)) {
    await s.stop();
    s.cleanup();
  }
});

describe('the report: a woman a counselor took up, requeued when her grace ran out, who then left', () => {
  it('is answered in the months and the waits, not left waiting; her end is still abandoned (left)', async () => {
    const clock = manualClock('2026-11-30T01:00:00Z');
    const scheduler = manualScheduler(clock);
    const server = await startTestServer({ clock, scheduler, routing: { counselorGraceMs: 60_000 } });
    servers.push(server);
    const woman = clientSocket(server);
    sockets.push(woman);
    await connected(woman);
    const chat = await call(woman, 'consultation:start', {});
    const login = await loginStaff(server, 'sato');
    const sato = staffSocket(server, login);
    sockets.push(sato);
    await connected(sato);
    clock.set('2026-11-30T01:05:00Z');
    await call(sato, 'consultation:take', { consultationId: chat.consultationId });

    // Her counselor drops; once routing has seen her go, her grace runs out: the chat is requeued.
    sato.disconnect();
    const offline = async () => (await server.app.services.routing.router.view()).counselors.find((c) => c.staffId === login.session.staff.id)?.connected;
    await expect.poll(offline).toBe(false);
    const requeued = next(woman, 'consultation:requeued');
    scheduler.advance(60_000);
    await requeued;
    // She leaves while waiting again.
    clock.set('2026-11-30T01:20:00Z');
    await call(woman, 'consultation:end', { consultationId: chat.consultationId });

    const boss = await signIn(server, 'boss');
    sockets.push(boss);
    const report = await call(boss, 'report:year', { fiscalYear: fiscalYearOf(clock.now()) });
    const november = report.months.find((m) => m.month === '2026-11');
    expect(november).toMatchObject({ started: 1, answered: 1, leftWaiting: 0 });
    expect(report.total).toMatchObject({ started: 1, answered: 1, leftWaiting: 0 });
    // The waits section counts her the same way, with her first wait (5 minutes), not the requeued one.
    expect(report.waits.total).toMatchObject({ started: 1, answered: 1, leftWaiting: 0, waitP50Sec: 300 });
    // Her end is kept as it happened: she left (abandoned) after the requeue.
    expect(await server.rows('SELECT status, end_reason, abandon_cause FROM consultation WHERE id = ?', chat.consultationId)).toEqual([
      { status: 'ended', end_reason: 'abandoned', abandon_cause: 'left' },
    ]);
  });
});
