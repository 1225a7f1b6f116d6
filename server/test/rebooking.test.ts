import { type Appointment, PROGRAM_HOURS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, send, serverPerTest, staffSocket, type TestServer } from './harness.js';

/**
 * Issue 16: setting an appointment back to 予約中 is a booking again — the no-overlap rule
 * (DOUBLE_BOOKED, checked atomically with the write) and the program's hours apply, over real
 * sockets on port 0 and a real SQLite file. A refusal changes nothing.
 */
describe('booking an appointment again', () => {
  const servers = serverPerTest();
  const statuses = (s: TestServer) => s.db.prepare('SELECT id, status, updated_at FROM appointment ORDER BY id').all();

  /** Monday 30 November 2026, noon in Tokyo: sato holds a chat; two of her tabs, the supervisor and an admin are signed in. */
  async function scene() {
    const clock = manualClock('2026-11-30T12:00:00+09:00');
    const server = await servers.start({ clock, hours: PROGRAM_HOURS, interviewWeekday: 5 });
    const satoLogin = await loginStaff(server, 'sato');
    const sato = staffSocket(server, satoLogin);
    const satoTab = staffSocket(server, satoLogin);
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const chief = staffSocket(server, await loginStaff(server, 'chief'));
    const a = clientSocket(server);
    servers.track(sato, satoTab, boss, chief, a);
    await Promise.all([sato, satoTab, boss, chief, a].map(connected));
    const consultationId = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId });
    const book = (startsAt: string): Promise<Appointment> => call(sato, 'handoff:book', { consultationId, kind: 'phone', startsAt });
    const setStatus = (who: typeof sato, appointmentId: string, status: string) => send(who, 'appointment:status', { appointmentId, status });
    return { server, clock, sato, satoTab, boss, chief, satoId: satoLogin.session.staff.id, consultationId, book, setStatus };
  }

  it('refuses to book a cancelled one again over the booked one that took its hour, and changes nothing', async () => {
    const { server, sato, boss, book, setStatus } = await scene();
    const first = await book('2026-12-04T14:00:00+09:00');
    expect((await setStatus(sato, first.id, 'cancelled')).ok).toBe(true);
    const second = await book('2026-12-04T14:30:00+09:00'); // the hour the cancelled one gave up
    const before = statuses(server);
    expect(await setStatus(sato, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    // Not the supervisor either, and not from no-show.
    expect(await setStatus(boss, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect((await setStatus(sato, first.id, 'no_show')).ok).toBe(true);
    const afterNoShow = statuses(server);
    expect(await setStatus(sato, first.id, 'booked')).toEqual({ ok: false, error: 'DOUBLE_BOOKED' });
    expect(statuses(server)).toEqual(afterNoShow);
    expect(before.filter((r) => (r as { id: string }).id === second.id)).toEqual(afterNoShow.filter((r) => (r as { id: string }).id === second.id));
    // Once the other gives the hour back, booking it again works.
    expect((await setStatus(sato, second.id, 'cancelled')).ok).toBe(true);
    expect(await call(sato, 'appointment:status', { appointmentId: first.id, status: 'booked' })).toMatchObject({ id: first.id, status: 'booked' });
    // Back to back is no overlap.
    const after = await book('2026-12-04T15:00:00+09:00');
    expect((await setStatus(sato, after.id, 'cancelled')).ok).toBe(true);
    expect((await setStatus(sato, after.id, 'booked')).ok).toBe(true);
  });

  it('two at one hour, both cancelled, booked again at the same moment from two tabs: one is booked, the other DOUBLE_BOOKED', async () => {
    const { server, sato, satoTab, book, setStatus } = await scene();
    const one = await book('2026-12-03T14:00:00+09:00');
    expect((await setStatus(sato, one.id, 'cancelled')).ok).toBe(true);
    const two = await book('2026-12-03T14:00:00+09:00');
    expect((await setStatus(sato, two.id, 'cancelled')).ok).toBe(true);
    const results = await Promise.all([setStatus(sato, one.id, 'booked'), setStatus(satoTab, two.id, 'booked')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'DOUBLE_BOOKED' }]);
    expect(statuses(server).filter((r) => (r as { status: string }).status === 'booked')).toHaveLength(1);
  });

  it('while it is still ahead the hours apply as to a new booking; an override stays; one that is over is set back to undo a mistake', async () => {
    const { server, clock, sato, boss, chief, satoId, consultationId, book, setStatus } = await scene();
    const late = await book('2026-12-04T18:00:00+09:00');
    const tonight = await book('2026-11-30T18:00:00+09:00');
    expect((await setStatus(sato, late.id, 'cancelled')).ok).toBe(true);
    // The admin closes at 17:00 from now on: 18:00 is outside the hours.
    const { settings } = await call(chief, 'settings:get', {});
    await call(chief, 'settings:save', { settings: { ...settings, hours: { ...PROGRAM_HOURS, close: '17:00' } as typeof settings.hours } });
    const before = statuses(server);
    expect(await setStatus(sato, late.id, 'booked')).toEqual({ ok: false, error: 'BOOKING_OUTSIDE_HOURS' });
    expect(statuses(server)).toEqual(before);
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
