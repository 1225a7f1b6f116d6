import { type Appointment, PROGRAM_HOURS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, next, send, serverPerTest, staffSocket, type TestServer } from './harness.js';

/**
 * The calendar (issue 16) over real sockets on port 0 and a real SQLite file: the program's hours
 * (Monday–Friday 10:00–20:00 Tokyo, holidays and closure days shut), interviews on Fridays, no
 * double booking of one counselor, a supervisor's explicit override, and the week view. Every
 * refusal is a coded error and stores nothing. Setting an appointment back to 予約中 is a booking
 * again: the same overlap rule, atomically, and the hours while it is still ahead.
 */
describe('the calendar', () => {
  const servers = serverPerTest();
  const rows = async (s: TestServer) => s.rows('SELECT * FROM appointment ORDER BY id');

  /** Monday 30 November 2026, noon in Tokyo: the program is open, sato holds a chat. */
  async function scene() {
    const clock = manualClock('2026-11-30T12:00:00+09:00');
    const server = await servers.start({ clock, hours: PROGRAM_HOURS, interviewWeekday: 5 });
    const satoLogin = await loginStaff(server, 'sato');
    const bossLogin = await loginStaff(server, 'boss');
    const sato = staffSocket(server, satoLogin);
    const satoTab = staffSocket(server, satoLogin);
    const tanaka = staffSocket(server, await loginStaff(server, 'tanaka'));
    const boss = staffSocket(server, bossLogin);
    const a = clientSocket(server);
    servers.track(sato, satoTab, tanaka, boss, a);
    await Promise.all([sato, satoTab, tanaka, boss, a].map(connected));
    const consultationId = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId });
    return { server, clock, sato, satoTab, satoId: satoLogin.session.staff.id, bossId: bossLogin.session.staff.id, tanaka, boss, a, consultationId };
  }

  /** Setting an appointment back to 予約中 is a booking again (the rebooking tests below). */
  const statuses = async (s: TestServer) => (await s.rows('SELECT id, status, updated_at FROM appointment ORDER BY id')) as { id: string; status: string }[];
  const booker = (sato: ReturnType<typeof staffSocket>, consultationId: string) => (startsAt: string): Promise<Appointment> =>
    call(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt });
  const setStatus = (who: ReturnType<typeof staffSocket>, appointmentId: string, status: string) => send(who, 'appointment:status', { appointmentId, status });

  it('refuses a hand-off outside the hours, on a holiday or a closure day, and an interview off Friday, each with its code; nothing is stored', async () => {
    const { server, sato, consultationId } = await scene();
    const book = (startsAt: string, extra: Record<string, unknown> = {}) => send(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt, ...extra });
    const refused: [string, Record<string, unknown>, string][] = [
      ['2026-12-05T14:00:00+09:00', {}, 'BOOKING_OUTSIDE_HOURS'], // Saturday
      ['2026-12-04T09:30:00+09:00', {}, 'BOOKING_OUTSIDE_HOURS'], // before opening
      ['2026-12-04T19:30:00+09:00', {}, 'BOOKING_OUTSIDE_HOURS'], // an hour from 19:30 ends after closing
      ['2027-01-11T14:00:00+09:00', {}, 'BOOKING_HOLIDAY'], // 成人の日
      ['2026-12-29T14:00:00+09:00', {}, 'BOOKING_CLOSED_DAY'], // New Year closure
      ['2026-12-03T14:00:00+09:00', { kind: 'interview' }, 'NOT_INTERVIEW_DAY'], // Thursday
      ['2026-12-05T14:00:00+09:00', { kind: 'interview', offDayConfirmed: true }, 'BOOKING_OUTSIDE_HOURS'], // Saturday stays shut
    ];
    for (const [startsAt, extra, error] of refused) expect(await book(startsAt, extra), `${startsAt} ${JSON.stringify(extra)}`).toEqual({ ok: false, error });
    // A counselor cannot override: not in a hand-off (the schema knows no such field) …
    expect(await book('2026-12-05T14:00:00+09:00', { override: true })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    // … nor by the supervisor's event.
    expect(
      await send(sato, 'appointment:book', { consultationId, kind: 'phone', startsAt: '2026-12-05T14:00:00+09:00', counselorId: 'ZZZZZZZZZZZZZZZZZZZZZZ', override: true }),
    ).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await rows(server)).toEqual([]);
    // The edges that are inside: 19:00 for an hour ends at closing; a confirmed Thursday interview.
    expect((await book('2026-12-04T19:00:00+09:00')).ok).toBe(true);
    const thursday = await call(sato, 'handoff:book', { consultationId, kind: 'interview', startsAt: '2026-12-03T14:00:00+09:00', offDayConfirmed: true });
    expect(thursday).toMatchObject({ kind: 'interview', endsAt: '2026-12-03T06:00:00.000Z', overriddenBy: null });
    expect(await rows(server)).toHaveLength(2);
  });

  it('a supervisor overrides explicitly: recorded on the appointment, pushed to staff, logged without code or time', async () => {
    const { server, sato, boss, satoId, bossId, consultationId } = await scene();
    const saturday = { consultationId, kind: 'outreach' as const, startsAt: '2026-12-05T14:00:00+09:00', counselorId: satoId, minutes: 90 };
    // Without the override even a supervisor is held to the hours.
    expect(await send(boss, 'appointment:book', saturday)).toEqual({ ok: false, error: 'BOOKING_OUTSIDE_HOURS' });
    expect(await send(boss, 'appointment:book', { ...saturday, startsAt: '2027-01-11T14:00:00+09:00' })).toEqual({ ok: false, error: 'BOOKING_HOLIDAY' });
    // Only for an active counselor.
    expect(await send(boss, 'appointment:book', { ...saturday, counselorId: bossId, override: true })).toEqual({ ok: false, error: 'UNKNOWN_STAFF' });
    expect(await rows(server)).toEqual([]);
    const pushed = next(sato, 'appointment:changed');
    const booked = await call(boss, 'appointment:book', { ...saturday, override: true });
    expect(booked).toMatchObject({ staffId: satoId, staffName: '佐藤', overriddenBy: bossId, startsAt: '2026-12-05T05:00:00.000Z', endsAt: '2026-12-05T06:30:00.000Z', status: 'booked' });
    expect((await pushed).appointment).toEqual(booked);
    expect(await rows(server)).toEqual([expect.objectContaining({ id: booked.id, overridden_by: bossId, staff_id: satoId })]);
    // Its code works at the phone desk like any other.
    expect(await call(sato, 'appointment:find', { code: booked.code })).toEqual(booked);
    // What the lines say, without each line's own timestamp: that is the relay's real clock, and
    // on 5 December 2026 (UTC) it holds the booked day's date whatever was logged.
    const log = server.logs.map((line) => JSON.stringify({ ...JSON.parse(line), time: undefined })).join('\n');
    expect(log).toContain('"overridden":true');
    expect(log).not.toContain(booked.code);
    expect(log).not.toContain('2026-12-05');
  });

  it('two simultaneous bookings of one counselor at overlapping times: exactly one is stored, the other is DOUBLE_BOOKED', async () => {
    const { server, sato, satoTab, boss, satoId, consultationId } = await scene();
    // Every two of the three overlap, so exactly one fits whichever the database decides first (on
    // PostgreSQL they come back in any order; an interview at 13:30 would fit beside a remote at
    // 14:30 whenever both went before the 14:00 phone call).
    const results = await Promise.all([
      send(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-12-04T14:00:00+09:00' }),
      send(satoTab, 'handoff:book', { consultationId, kind: 'remote', startsAt: '2026-12-04T14:30:00+09:00' }),
      send(boss, 'appointment:book', { consultationId, kind: 'interview', startsAt: '2026-12-04T14:15:00+09:00', counselorId: satoId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, error: 'DOUBLE_BOOKED' },
      { ok: false, error: 'DOUBLE_BOOKED' },
    ]);
    expect(await rows(server)).toHaveLength(1);
    // Back to back is not an overlap, and another counselor's time is her own.
    expect((await send(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-12-04T16:00:00+09:00', minutes: 30 })).ok).toBe(true);
    expect((await send(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-12-04T16:30:00+09:00', minutes: 30 })).ok).toBe(true);
    expect(await rows(server)).toHaveLength(3);
  });

  it('a supervisor’s override bends the hours, never a double booking: DOUBLE_BOOKED with override too, and nothing stored', async () => {
    const { server, sato, boss, satoId, consultationId } = await scene();
    // A Saturday, booked for sato by the supervisor's override.
    const saturday = { consultationId, kind: 'outreach' as const, startsAt: '2026-12-05T14:00:00+09:00', counselorId: satoId, override: true };
    const first = await call(boss, 'appointment:book', saturday);
    // Overlapping it, override or not, in hours or out: refused.
    expect(await send(boss, 'appointment:book', { ...saturday, startsAt: '2026-12-05T14:30:00+09:00' })).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect(await send(boss, 'appointment:book', { ...saturday, kind: 'interview', offDayConfirmed: true })).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    const friday = await call(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-12-04T14:00:00+09:00' });
    expect(await send(boss, 'appointment:book', { ...saturday, startsAt: '2026-12-04T14:15:00+09:00', minutes: 30 })).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect((await rows(server)).map((r) => (r as { id: string }).id).sort()).toEqual([first.id, friday.id].sort());
  });

  it('the week view: Monday to Sunday with the closed days and the interview day, and the appointments starting in it', async () => {
    const { sato, tanaka, a, consultationId } = await scene();
    const inWeek: Appointment = await call(sato, 'handoff:book', { consultationId, kind: 'interview', startsAt: '2026-12-04T14:00:00+09:00' });
    const nextWeek: Appointment = await call(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt: '2026-12-07T10:00:00+09:00' });
    const week = await call(tanaka, 'calendar:week', { weekStart: '2026-11-30' });
    expect(week.days).toEqual([
      { date: '2026-11-30', closed: null, interviewDay: false },
      { date: '2026-12-01', closed: null, interviewDay: false },
      { date: '2026-12-02', closed: null, interviewDay: false },
      { date: '2026-12-03', closed: null, interviewDay: false },
      { date: '2026-12-04', closed: null, interviewDay: true },
      { date: '2026-12-05', closed: 'weekday', interviewDay: false },
      { date: '2026-12-06', closed: 'weekday', interviewDay: false },
    ]);
    expect(week.appointments).toEqual([inWeek]);
    expect((await call(tanaka, 'calendar:week', { weekStart: '2026-12-07' })).appointments).toEqual([nextWeek]);
    const newYear = await call(tanaka, 'calendar:week', { weekStart: '2026-12-28' });
    // 29–31 December and 2–3 January are closure days (told before the weekend); 元日 is a holiday.
    expect(newYear.days.map((d) => d.closed)).toEqual([null, 'closure', 'closure', 'closure', 'holiday', 'closure', 'closure']);
    // A week starts on a Monday; her client may not look at all.
    expect(await send(tanaka, 'calendar:week', { weekStart: '2026-12-01' })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(a, 'calendar:week', { weekStart: '2026-11-30' })).toEqual({ ok: false, error: 'FORBIDDEN' });
  });

  // Issue 16: setting an appointment back to 予約中 applies the booking rules again.
  it('refuses to book a cancelled one again over the booked one that took its hour, and changes nothing', async () => {
    const { server, sato, boss, consultationId } = await scene();
    const book = booker(sato, consultationId);
    const first = await book('2026-12-04T14:00:00+09:00');
    expect((await setStatus(sato, first.id, 'cancelled')).ok).toBe(true);
    const second = await book('2026-12-04T14:30:00+09:00'); // the hour the cancelled one gave up
    const before = await statuses(server);
    expect(await setStatus(sato, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    // Not the supervisor either, and not from no-show.
    expect(await setStatus(boss, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect((await setStatus(sato, first.id, 'no_show')).ok).toBe(true);
    const afterNoShow = await statuses(server);
    expect(await setStatus(sato, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect(await statuses(server)).toEqual(afterNoShow);
    expect(before.filter((r) => r.id === second.id)).toEqual(afterNoShow.filter((r) => r.id === second.id));
    // Once the other gives the hour back, booking it again works.
    expect((await setStatus(sato, second.id, 'cancelled')).ok).toBe(true);
    expect(await call(sato, 'appointment:status', { appointmentId: first.id, status: 'booked' })).toMatchObject({ id: first.id, status: 'booked' });
    // Back to back is no overlap.
    const after = await book('2026-12-04T15:00:00+09:00');
    expect((await setStatus(sato, after.id, 'cancelled')).ok).toBe(true);
    expect((await setStatus(sato, after.id, 'booked')).ok).toBe(true);
  });

  it('two at one hour, both cancelled, booked again at the same moment from two tabs: one is booked, the other DOUBLE_BOOKED', async () => {
    const { server, sato, satoTab, consultationId } = await scene();
    const book = booker(sato, consultationId);
    const one = await book('2026-12-03T14:00:00+09:00');
    expect((await setStatus(sato, one.id, 'cancelled')).ok).toBe(true);
    const two = await book('2026-12-03T14:00:00+09:00');
    expect((await setStatus(sato, two.id, 'cancelled')).ok).toBe(true);
    const results = await Promise.all([setStatus(sato, one.id, 'booked'), setStatus(satoTab, two.id, 'booked')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'DOUBLE_BOOKED' }]);
    expect((await statuses(server)).filter((r) => r.status === 'booked')).toHaveLength(1);
  });

  it('while it is still ahead the hours apply as to a new booking; an override stays; one that is over is set back to undo a mistake', async () => {
    const { server, clock, sato, boss, satoId, consultationId } = await scene();
    const book = booker(sato, consultationId);
    const chief = staffSocket(server, await loginStaff(server, 'chief'));
    servers.track(chief);
    await connected(chief);
    const late = await book('2026-12-04T18:00:00+09:00');
    const tonight = await book('2026-11-30T18:00:00+09:00');
    expect((await setStatus(sato, late.id, 'cancelled')).ok).toBe(true);
    // The admin closes at 17:00 from now on: 18:00 is outside the hours.
    const { settings } = await call(chief, 'settings:get', {});
    await call(chief, 'settings:save', { settings: { ...settings, hours: { ...PROGRAM_HOURS, close: '17:00' } as typeof settings.hours } });
    const before = await statuses(server);
    expect(await setStatus(sato, late.id, 'booked')).toEqual({ ok: false, error: 'BOOKING_OUTSIDE_HOURS' });
    expect(await statuses(server)).toEqual(before);
    // A Saturday the supervisor booked on purpose stays hers to book again.
    const saturday: Appointment = await call(boss, 'appointment:book', { consultationId, kind: 'outreach', startsAt: '2026-12-05T14:00:00+09:00', counselorId: satoId, override: true });
    expect((await setStatus(sato, saturday.id, 'cancelled')).ok).toBe(true);
    expect(await call(sato, 'appointment:status', { appointmentId: saturday.id, status: 'booked' })).toMatchObject({ status: 'booked', overriddenBy: saturday.overriddenBy });
    // Tonight's is over and marked no-show by mistake: set back although 18:00 is now outside the hours.
    clock.set('2026-11-30T19:30:00+09:00');
    expect((await setStatus(sato, tonight.id, 'no_show')).ok).toBe(true);
    expect((await setStatus(sato, tonight.id, 'booked')).ok).toBe(true);
    // Still ahead, the 4 December one is refused as before.
    expect(await setStatus(sato, late.id, 'booked')).toEqual({ ok: false, error: 'BOOKING_OUTSIDE_HOURS' });
  });
});
