import { type Appointment, RESERVATION_CODE_ALPHABET } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, next, send, serverPerTest, signIn, staffSocket, type TestServer } from './harness.js';

const CODE = new RegExp(`^[${RESERVATION_CODE_ALPHABET}]{6}$`);

/**
 * Hand-off appointments (DESIGN "Hand-off", journey 2): the counselor who holds an active chat
 * books a phone appointment and gets a reservation code; staff list it, find it by the code she
 * quotes, and mark it. Every staff socket hears of each change. Nobody else may book, and a
 * refused event stores nothing.
 */
describe('hand-off appointments', () => {
  const servers = serverPerTest();

  /** Every appointment row: what a refused event must leave as it was. */
  const rows = (s: TestServer) => s.db.prepare('SELECT * FROM appointment ORDER BY id').all();

  /** A server at a Tokyo time with both counselors, the supervisor and two clients connected. */
  async function scene(start: string, opts: { retentionDays?: number } = {}) {
    const clock = manualClock(start);
    const server = await servers.start({ clock, ...opts });
    const satoLogin = await loginStaff(server, 'sato');
    const sato = staffSocket(server, satoLogin);
    const tanaka = staffSocket(server, await loginStaff(server, 'tanaka'));
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const [a, b] = [clientSocket(server), clientSocket(server)];
    servers.track(sato, tanaka, boss, a, b);
    await Promise.all([sato, tanaka, boss, a, b].map(connected));
    /** A chat of client `a` that sato holds. */
    const held = async () => {
      const id = (await call(a, 'consultation:start', {})).consultationId;
      await call(sato, 'consultation:take', { consultationId: id });
      return id;
    };
    /** Staff sign in again after the clock moved past their 12-hour sessions. */
    const nextShift = async () => {
      const fresh = { sato: await signIn(server, 'sato'), tanaka: await signIn(server, 'tanaka'), boss: await signIn(server, 'boss') };
      servers.track(fresh.sato, fresh.tanaka, fresh.boss);
      return fresh;
    };
    return { clock, server, sato, satoId: satoLogin.session.staff.id, tanaka, boss, a, b, held, nextShift };
  }

  it('she books a phone hand-off for her chat: a code is made, pushed to staff, listed, and found by code in either case', async () => {
    const { server, sato, satoId, tanaka, boss, held } = await scene('2026-06-05T12:00:00+09:00');
    const consultationId = await held();
    const pushedToBoss = next(boss, 'appointment:changed');
    const pushedToTanaka = next(tanaka, 'appointment:changed');
    const booked = await call(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-06-08T15:00:00+09:00' });
    expect(booked).toMatchObject({
      consultationId,
      kind: 'phone',
      startsAt: '2026-06-08T06:00:00.000Z',
      status: 'booked',
      staffId: satoId,
      staffName: '佐藤',
      createdAt: '2026-06-05T03:00:00.000Z',
    });
    expect(booked.code).toMatch(CODE);
    expect((await pushedToBoss).appointment).toEqual(booked);
    expect((await pushedToTanaka).appointment).toEqual(booked);

    expect(await call(tanaka, 'appointment:list', {})).toEqual({ appointments: [booked] });
    expect(await call(boss, 'appointment:find', { code: booked.code })).toEqual(booked);
    expect(await call(tanaka, 'appointment:find', { code: booked.code.toLowerCase() })).toEqual(booked);
    // The log says a hand-off was booked and its kind, never the code or the time.
    const log = server.logs.join('\n');
    expect(log).toContain('handoff.booked');
    expect(log).not.toContain(booked.code);
    expect(log).not.toContain('2026-06-08');
  });

  it('two bookings get different codes; the list is soonest first from a week ago, whatever the status', async () => {
    const { clock, sato, boss: firstBoss, held, nextShift } = await scene('2026-06-05T12:00:00+09:00');
    const id = await held();
    const later = await call(sato, 'handoff:book', { consultationId: id, kind: 'interview', startsAt: '2026-06-12T14:00:00+09:00' });
    const sooner = await call(sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt: '2026-06-06T10:00:00+09:00' });
    expect(later.code).not.toBe(sooner.code);
    expect((await call(firstBoss, 'appointment:list', {})).appointments.map((x) => x.id)).toEqual([sooner.id, later.id]);
    // Seven days after the sooner one it is still on the calendar (to be marked); a moment later it is not.
    clock.set('2026-06-13T10:00:00+09:00');
    const { boss } = await nextShift();
    expect((await call(boss, 'appointment:list', {})).appointments.map((x) => x.id)).toEqual([sooner.id, later.id]);
    clock.set('2026-06-13T10:00:00.001+09:00');
    expect((await call(boss, 'appointment:list', {})).appointments.map((x) => x.id)).toEqual([later.id]);
    // Found by code even once it is off the list.
    expect((await call(boss, 'appointment:find', { code: sooner.code })).id).toBe(sooner.id);
  });

  it('only the counselor holding the active chat may book; waiting, ended and unknown chats are refused; nothing is stored', async () => {
    const { server, sato, tanaka, boss, a, b, held } = await scene('2026-06-05T12:00:00+09:00');
    const startsAt = '2026-06-08T15:00:00+09:00';
    const id = await held();
    const waiting = (await call(b, 'consultation:start', {})).consultationId;
    const before = rows(server);
    expect(await send(tanaka, 'handoff:book', { consultationId: id, kind: 'phone', startsAt })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(sato, 'handoff:book', { consultationId: waiting, kind: 'phone', startsAt })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(await send(sato, 'handoff:book', { consultationId: 'ZZZZZZZZZZZZZZZZZZZZZZ', kind: 'phone', startsAt })).toEqual({
      ok: false,
      error: 'UNKNOWN_CONSULTATION',
    });
    // Supervisors do not book (the counselor in the chat does).
    expect(await send(boss, 'handoff:book', { consultationId: id, kind: 'phone', startsAt })).toEqual({ ok: false, error: 'FORBIDDEN' });
    await call(sato, 'consultation:end', { consultationId: id });
    expect(await send(sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt })).toEqual({ ok: false, error: 'INVALID_STATE' });
    // Ended, it is still not tanaka's.
    expect(await send(tanaka, 'handoff:book', { consultationId: id, kind: 'phone', startsAt })).toEqual({ ok: false, error: 'FORBIDDEN' });
    // Her own client may not book or read appointments at all.
    for (const [event, payload] of [
      ['handoff:book', { consultationId: id, kind: 'phone', startsAt }],
      ['appointment:list', {}],
      ['appointment:find', { code: 'ABCDEF' }],
      ['appointment:status', { appointmentId: 'ZZZZZZZZZZZZZZZZZZZZZZ', status: 'done' }],
    ] as const) {
      expect(await send(a, event, payload), event).toEqual({ ok: false, error: 'FORBIDDEN' });
    }
    expect(rows(server)).toEqual(before);
    expect(before).toEqual([]);
  });

  it('the time must be after now and at most 90 days ahead (Tokyo offset or UTC alike)', async () => {
    const { server, sato, held } = await scene('2026-06-05T12:00:00+09:00');
    const id = await held();
    const book = (startsAt: string) => send(sato, 'handoff:book', { consultationId: id, kind: 'remote', startsAt });
    for (const refused of ['2026-06-05T11:59:00+09:00', '2026-06-05T12:00:00+09:00', '2026-06-05T03:00:00Z', '2026-09-03T12:00:00.001+09:00', '2027-01-01T10:00:00+09:00']) {
      expect(await book(refused), refused).toEqual({ ok: false, error: 'INVALID_STATE' });
    }
    expect(rows(server)).toEqual([]);
    // A time without an offset is ambiguous (the machine runs in UTC, business time is Tokyo): refused by the schema.
    expect(await book('2026-06-08T15:00:00')).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    // Exactly 90 days ahead is allowed; so is a minute from now.
    expect((await book('2026-09-03T12:00:00+09:00')).ok).toBe(true);
    expect((await book('2026-06-05T03:01:00Z')).ok).toBe(true);
    expect(rows(server)).toHaveLength(2);
  });

  it('staff mark it done, no-show or cancelled; every staff socket hears; unknown ids and codes are UNKNOWN_APPOINTMENT', async () => {
    const first = await scene('2026-06-05T12:00:00+09:00');
    const { clock, server, held, nextShift } = first;
    const id = await held();
    const booked = await call(first.sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt: '2026-06-08T15:00:00+09:00' });
    clock.set('2026-06-08T15:30:00+09:00');
    const { sato, tanaka, boss } = await nextShift();
    for (const status of ['done', 'no_show', 'cancelled'] as const) {
      const heard = next(sato, 'appointment:changed', (p) => p.appointment.status === status);
      const set = await call(boss, 'appointment:status', { appointmentId: booked.id, status });
      expect(set).toEqual({ ...booked, status });
      expect((await heard).appointment).toEqual(set);
    }
    expect(server.db.prepare('SELECT updated_at FROM appointment').get()).toEqual({ updated_at: '2026-06-08T06:30:00.000Z' });
    // The counselor may set it too, back to booked after a mistake.
    expect((await call(tanaka, 'appointment:status', { appointmentId: booked.id, status: 'booked' })).status).toBe('booked');

    const before = rows(server);
    expect(await send(boss, 'appointment:status', { appointmentId: 'ZZZZZZZZZZZZZZZZZZZZZZ', status: 'done' })).toEqual({ ok: false, error: 'UNKNOWN_APPOINTMENT' });
    const unused = booked.code === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF';
    expect(await send(boss, 'appointment:find', { code: unused })).toEqual({ ok: false, error: 'UNKNOWN_APPOINTMENT' });
    // Not a code at all: look-alike letters (O, I, L), wrong length, padding.
    for (const code of ['ABCDEO', 'ABCDEI', 'ABCDE1', 'ABCDE', 'ABCDEFG', ' ABCDE']) {
      expect(await send(boss, 'appointment:find', { code }), code).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(rows(server)).toEqual(before);
  });

  it('a code handed out again after its appointment was cancelled: find gives the booked one, and the old one cannot be booked again', async () => {
    const { server, sato, boss, held } = await scene('2026-06-05T12:00:00+09:00');
    const id = await held();
    const old = await call(sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt: '2026-06-08T15:00:00+09:00' });
    await call(boss, 'appointment:status', { appointmentId: old.id, status: 'cancelled' });
    expect((await call(boss, 'appointment:find', { code: old.code })).status).toBe('cancelled');
    // A one-in-a-billion draw, made certain: a new booking that got the same code.
    server.db
      .prepare(`INSERT INTO appointment (id, consultation_id, kind, starts_at, code, status, staff_id, created_at, updated_at)
        SELECT 'NEWNEWNEWNEWNEWNEWNEWN', consultation_id, 'interview', '2026-06-12T05:00:00.000Z', code, 'booked', staff_id, '2026-06-05T04:00:00.000Z', '2026-06-05T04:00:00.000Z'
        FROM appointment WHERE id = ?`)
      .run(old.id);
    expect((await call(boss, 'appointment:find', { code: old.code })).id).toBe('NEWNEWNEWNEWNEWNEWNEWN');
    const before = rows(server);
    expect(await send(boss, 'appointment:status', { appointmentId: old.id, status: 'booked' })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(rows(server)).toEqual(before);
    // Closing the new one frees the code again; find then gives the most recent of the two.
    await call(boss, 'appointment:status', { appointmentId: 'NEWNEWNEWNEWNEWNEWNEWN', status: 'done' });
    expect((await call(boss, 'appointment:find', { code: old.code })).id).toBe('NEWNEWNEWNEWNEWNEWNEWN');
    expect((await call(boss, 'appointment:status', { appointmentId: old.id, status: 'booked' })).status).toBe('booked');
    // The database refuses two booked appointments with one code, whatever the domain does.
    expect(() => server.db.prepare("UPDATE appointment SET status = 'booked'").run()).toThrow(/UNIQUE/);
  });

  it('appointments follow the retention period of their chat; the report still counts them (issue 15)', async () => {
    const { clock, server, sato, held, nextShift } = await scene('2026-06-05T12:00:00+09:00', { retentionDays: 30 });
    const id = await held();
    const booked: Appointment = await call(sato, 'handoff:book', { consultationId: id, kind: 'accompaniment', startsAt: '2026-06-10T10:00:00+09:00' });
    // One booked further ahead, still to come when the chat's retention ends: it stays until it has passed.
    const later: Appointment = await call(sato, 'handoff:book', { consultationId: id, kind: 'interview', startsAt: '2026-07-20T10:00:00+09:00' });
    await call(sato, 'consultation:end', { consultationId: id });
    clock.set('2026-07-06T12:00:00+09:00');
    await server.app.services.retention.run();
    const { boss } = await nextShift();
    expect(await send(boss, 'appointment:find', { code: booked.code })).toEqual({ ok: false, error: 'UNKNOWN_APPOINTMENT' });
    expect(await call(boss, 'appointment:find', { code: later.code })).toEqual(later);
    clock.set('2026-07-21T12:00:00+09:00');
    await server.app.services.retention.run();
    const { boss: again } = await nextShift();
    expect(await send(again, 'appointment:find', { code: later.code })).toEqual({ ok: false, error: 'UNKNOWN_APPOINTMENT' });
    const report = await call(again, 'report:year', { fiscalYear: 2026 });
    expect(report.months[2]?.byHandoff).toEqual({ phone: 0, remote: 0, interview: 1, outreach: 0, accompaniment: 1 });
  });
  it('the fiscal-year report counts hand-offs by kind in the Tokyo month the chat came; cancelled ones do not count', async () => {
    // 00:30 on 1 June in Tokyo is still 31 May in UTC: the report must say June.
    const { sato, boss, held } = await scene('2026-06-01T00:30:00+09:00');
    const id = await held();
    await call(sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt: '2026-06-03T15:00:00+09:00' });
    await call(sato, 'handoff:book', { consultationId: id, kind: 'interview', startsAt: '2026-06-05T14:00:00+09:00' });
    const dropped = await call(sato, 'handoff:book', { consultationId: id, kind: 'outreach', startsAt: '2026-06-09T10:00:00+09:00' });
    await call(boss, 'appointment:status', { appointmentId: dropped.id, status: 'cancelled' });
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.months[1]?.byHandoff).toEqual({ phone: 0, remote: 0, interview: 0, outreach: 0, accompaniment: 0 });
    expect(report.months[2]?.byHandoff).toEqual({ phone: 1, remote: 0, interview: 1, outreach: 0, accompaniment: 0 });
    expect(report.total.byHandoff).toEqual(report.months[2]?.byHandoff);
  });
});
