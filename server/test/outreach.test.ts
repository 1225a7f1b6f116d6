import type { HandoffKind, OutreachLogPayload, OutreachVisit } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, manualClock, send, serverPerTest, signIn, type TestServer } from './harness.js';

/**
 * Outreach done, not just booked (issue 16): a home visit or accompaniment appointment marked 済み
 * records a visit with its duration band (and for an accompaniment the kind of agency); a visit can
 * be logged without an appointment; the report counts each visit once, and the targets use them.
 * Bad input and the wrong staff member are refused with a coded error and change nothing.
 */
describe('outreach and accompaniment done', () => {
  const servers = serverPerTest();

  /** Every stored visit and appointment: what a refused event must leave as it was. */
  const stored = (s: TestServer) => [s.db.prepare('SELECT * FROM outreach_visit ORDER BY id').all(), s.db.prepare('SELECT * FROM appointment ORDER BY id').all()];

  /** 5 June 2026, noon in Tokyo: two counselors, a supervisor, an admin and one woman connected. */
  async function scene() {
    const clock = manualClock('2026-06-05T12:00:00+09:00');
    const server = await servers.start({ clock });
    const [sato, tanaka, boss, chief] = await Promise.all([signIn(server, 'sato'), signIn(server, 'tanaka'), signIn(server, 'boss'), signIn(server, 'chief')]);
    const her = clientSocket(server);
    servers.track(sato, tanaka, boss, chief, her);
    await Promise.all([sato, tanaka, boss, chief, her].map(connected));
    const consultationId = (await call(her, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId });
    /** Sato books a hand-off of this kind from her chat. */
    // Each booking an hour after the one before (from 13:00, after the test's noon), unless given: one counselor cannot be booked twice at once.
    let nextHour = 13;
    const book = (kind: HandoffKind, startsAt = `2026-06-05T${String(nextHour++).padStart(2, '0')}:00:00+09:00`) => call(sato, 'handoff:book', { consultationId, kind, startsAt });
    await call(chief, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 4, accompaniments: 2 } });
    /** The year's KPI results for home visits and accompaniments, and the outreach section. */
    const figures = async () => {
      const report = await call(boss, 'report:year', { fiscalYear: 2026 });
      const result = (key: string) => report.kpis.find((k: { key: string }) => k.key === key)?.result;
      return { homeVisits: result('homeVisits'), accompaniments: result('accompaniments'), outreach: report.outreach };
    };
    return { clock, server, sato, tanaka, boss, chief, book, figures };
  }

  const homeVisit: OutreachLogPayload = { kind: 'outreach', date: '2026-06-04', durationBand: '30-60' };
  const toPolice: OutreachLogPayload = { kind: 'accompaniment', date: '2026-06-03', durationBand: '60-plus', agency: 'police' };

  it('marking a visit appointment 済み records the visit once; marked again it is corrected; set back it is withdrawn', async () => {
    const { clock, server, sato, book, figures } = await scene();
    const going = await book('accompaniment');
    const visiting = await book('outreach', '2026-06-05T16:00:00+09:00');
    clock.set('2026-06-05T18:00:00+09:00');
    const done = await call(sato, 'appointment:status', { appointmentId: going.id, status: 'done', visit: { durationBand: '30-60', agency: 'legal-aid' } });
    expect(done.status).toBe('done');
    await call(sato, 'appointment:status', { appointmentId: visiting.id, status: 'done', visit: { durationBand: '15-30' } });
    const mine: OutreachVisit[] = (await call(sato, 'outreach:mine', {})).visits;
    expect(mine.map((v) => [v.kind, v.date, v.durationBand, v.agency, v.appointmentId])).toEqual([
      ['outreach', '2026-06-05', '15-30', null, visiting.id],
      ['accompaniment', '2026-06-05', '30-60', 'legal-aid', going.id],
    ]);
    let f = await figures();
    expect([f.homeVisits, f.accompaniments]).toEqual([1, 1]);
    expect(f.outreach.months[2]).toEqual({ month: '2026-06', outreach: 1, accompaniment: 1 });
    expect(f.outreach.byAgency).toMatchObject({ 'legal-aid': 1, police: 0 });

    // It was the DV centre, and longer: marking it again corrects the one visit.
    await call(sato, 'appointment:status', { appointmentId: going.id, status: 'done', visit: { durationBand: '60-plus', agency: 'dv-center' } });
    f = await figures();
    expect(f.accompaniments).toBe(1);
    expect(f.outreach.byAgency).toMatchObject({ 'legal-aid': 0, 'dv-center': 1 });
    expect(f.outreach.byDuration).toMatchObject({ '15-30': 1, '30-60': 0, '60-plus': 1 });

    // She did not come after all: the visit goes out of every count, kept in the table as withdrawn.
    await call(sato, 'appointment:status', { appointmentId: visiting.id, status: 'no_show' });
    f = await figures();
    expect([f.homeVisits, f.accompaniments]).toEqual([0, 1]);
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM outreach_visit WHERE withdrawn_at IS NOT NULL').get()).toEqual({ n: 1 });
    // Done again after all: a new visit, still one.
    await call(sato, 'appointment:status', { appointmentId: visiting.id, status: 'done', visit: { durationBand: '15-30' } });
    expect((await figures()).homeVisits).toBe(1);
  });

  it('logs a visit without an appointment; both routes count once each; its maker or a supervisor corrects or withdraws it', async () => {
    const { clock, server, sato, tanaka, boss, book, figures } = await scene();
    const logged = await call(sato, 'outreach:log', homeVisit);
    expect(logged).toMatchObject({ ...homeVisit, agency: null, appointmentId: null, correctedAt: null });
    const police = await call(tanaka, 'outreach:log', toPolice);
    const booked = await book('outreach');
    clock.set('2026-06-05T18:00:00+09:00');
    await call(sato, 'appointment:status', { appointmentId: booked.id, status: 'done', visit: { durationBand: 'under-15' } });
    let f = await figures();
    expect([f.homeVisits, f.accompaniments]).toEqual([2, 1]);
    expect(f.outreach.total).toEqual({ month: 'total', outreach: 2, accompaniment: 1 });
    expect(f.outreach.byAgency).toMatchObject({ police: 1, unknown: 0 });

    const before = stored(server);
    expect(await send(tanaka, 'outreach:correct', { entryId: logged.id, ...homeVisit, durationBand: '60-plus' })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(tanaka, 'outreach:withdraw', { entryId: logged.id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    // Tanaka may not undo Sato's 済み either.
    expect(await send(tanaka, 'appointment:status', { appointmentId: booked.id, status: 'booked' })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(tanaka, 'appointment:status', { appointmentId: booked.id, status: 'done', visit: { durationBand: '60-plus' } })).toEqual({ ok: false, error: 'FORBIDDEN' });
    // A visit marked on an appointment is changed through the appointment.
    const fromAppointment = (await call(sato, 'outreach:mine', {})).visits.find((v: OutreachVisit) => v.appointmentId === booked.id) as OutreachVisit;
    expect(await send(sato, 'outreach:withdraw', { entryId: fromAppointment.id })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(await send(sato, 'outreach:correct', { entryId: fromAppointment.id, ...homeVisit })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(stored(server)).toEqual(before);

    // She went with her to the city office, the day before: corrected, kind and all.
    const fixed = await call(sato, 'outreach:correct', { entryId: logged.id, kind: 'accompaniment', date: '2026-06-03', durationBand: '30-60', agency: 'city-office' });
    expect(fixed).toMatchObject({ id: logged.id, kind: 'accompaniment', agency: 'city-office', correctedAt: '2026-06-05T09:00:00.000Z' });
    f = await figures();
    expect([f.homeVisits, f.accompaniments]).toEqual([1, 2]);
    // The supervisor withdraws Tanaka's by mistake entry; a second withdrawal finds nothing.
    expect(await call(boss, 'outreach:withdraw', { entryId: police.id })).toEqual({ withdrawn: true });
    expect(await send(boss, 'outreach:withdraw', { entryId: police.id })).toEqual({ ok: false, error: 'UNKNOWN_VISIT' });
    expect(await send(tanaka, 'outreach:correct', { entryId: police.id, ...toPolice })).toEqual({ ok: false, error: 'UNKNOWN_VISIT' });
    // The supervisor may also set Sato's appointment back.
    await call(boss, 'appointment:status', { appointmentId: booked.id, status: 'no_show' });
    f = await figures();
    expect([f.homeVisits, f.accompaniments]).toEqual([0, 1]);
    expect((await call(tanaka, 'outreach:mine', {})).visits).toEqual([]);
    // Nothing she said, no agency, no day reaches the log.
    expect(server.logs.join('\n')).not.toMatch(/police|city-office|2026-06-0[34]/);
  });

  it('refuses a 済み without how it went, the wrong agency, a visit ahead of today, and details where none belong; nothing is stored', async () => {
    const { server, sato, boss, book } = await scene();
    const going = await book('accompaniment');
    const visiting = await book('outreach');
    const phone = await book('phone');
    const later = await book('outreach', '2026-06-08T15:00:00+09:00');
    const before = stored(server);
    const status = (appointmentId: string, extra: Record<string, unknown>) => send(sato, 'appointment:status', { appointmentId, status: 'done', ...extra });
    expect(await status(going.id, {})).toEqual({ ok: false, error: 'VISIT_DETAILS_INVALID' });
    expect(await status(going.id, { visit: { durationBand: '30-60' } })).toEqual({ ok: false, error: 'VISIT_DETAILS_INVALID' });
    expect(await status(visiting.id, {})).toEqual({ ok: false, error: 'VISIT_DETAILS_INVALID' });
    expect(await status(visiting.id, { visit: { durationBand: '30-60', agency: 'police' } })).toEqual({ ok: false, error: 'VISIT_DETAILS_INVALID' });
    expect(await status(phone.id, { visit: { durationBand: '30-60' } })).toEqual({ ok: false, error: 'VISIT_DETAILS_INVALID' });
    // Its day (Tokyo) is ahead of today.
    expect(await status(later.id, { visit: { durationBand: '30-60' } })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    for (const visit of [
      { durationBand: '30-60', agency: 'shrine' },
      { durationBand: '30-60', agency: '警察' },
      { durationBand: '600-plus', agency: 'police' },
      { durationBand: 45, agency: 'police' },
      { durationBand: '30-60', agency: 'police', place: '山口市役所' },
      { durationBand: '30-60', agency: 'police', note: 'free text' },
    ]) {
      expect(await status(going.id, { visit }), JSON.stringify(visit)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    // Details belong to 済み only.
    expect(await send(sato, 'appointment:status', { appointmentId: going.id, status: 'no_show', visit: { durationBand: '30-60', agency: 'police' } })).toEqual({
      ok: false,
      error: 'INVALID_PAYLOAD',
    });
    expect(await send(boss, 'appointment:status', { appointmentId: 'Z'.repeat(22), status: 'done', visit: { durationBand: '30-60' } })).toEqual({
      ok: false,
      error: 'UNKNOWN_APPOINTMENT',
    });
    expect(stored(server)).toEqual(before);
  });

  it('refuses a logged visit with unknown words, identifying fields, a day ahead or outside the open year, or from an admin; nothing is stored', async () => {
    const { server, sato, chief } = await scene();
    const ok = await call(sato, 'outreach:log', homeVisit);
    const before = stored(server);
    for (const bad of [
      { ...homeVisit, kind: 'phone' },
      { ...homeVisit, kind: 'visit' },
      { ...homeVisit, agency: 'police' },
      { ...toPolice, agency: undefined },
      { ...toPolice, agency: 'court' },
      { ...homeVisit, durationBand: '8-hours' },
      { ...homeVisit, durationBand: -30 },
      { ...homeVisit, date: '2026-06-31' },
      { ...homeVisit, date: '04/06/2026' },
      { ...homeVisit, address: '山口市' },
      { ...homeVisit, name: '山田' },
      { ...homeVisit, note: 'free text' },
    ]) {
      expect(await send(sato, 'outreach:log', bad), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
      expect(await send(sato, 'outreach:correct', { entryId: ok.id, ...bad }), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    // Tomorrow (Tokyo), the last fiscal year (June is not April), the next.
    for (const date of ['2026-06-06', '2026-03-31', '2027-04-01']) {
      expect(await send(sato, 'outreach:log', { ...homeVisit, date }), date).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
      expect(await send(sato, 'outreach:correct', { entryId: ok.id, ...homeVisit, date }), date).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    }
    expect(await send(sato, 'outreach:correct', { entryId: 'Z'.repeat(22), ...homeVisit })).toEqual({ ok: false, error: 'UNKNOWN_VISIT' });
    expect(await send(sato, 'outreach:withdraw', { entryId: 'not an id' })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(chief, 'outreach:log', homeVisit)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(chief, 'outreach:mine', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(stored(server)).toEqual(before);
  });

  it('counts an appointment marked done before visits had details once, as unknown band and agency', async () => {
    const { clock, server, sato, book, figures } = await scene();
    const going = await book('accompaniment');
    clock.set('2026-06-05T18:00:00+09:00');
    // As migration left it: done, with a visit row with no band and no agency.
    server.db.prepare("UPDATE appointment SET status = 'done' WHERE id = ?").run(going.id);
    server.db
      .prepare("INSERT INTO outreach_visit (id, staff_id, kind, day, appointment_id, recorded_at) SELECT 'v' || id, staff_id, kind, '2026-06-05', id, updated_at FROM appointment WHERE id = ?")
      .run(going.id);
    let f = await figures();
    expect(f.accompaniments).toBe(1);
    expect(f.outreach.byAgency.unknown).toBe(1);
    expect(f.outreach.byDuration.unknown).toBe(1);
    // Marked again with its details, the same visit is completed, not counted twice.
    await call(sato, 'appointment:status', { appointmentId: going.id, status: 'done', visit: { durationBand: '30-60', agency: 'hospital' } });
    f = await figures();
    expect(f.accompaniments).toBe(1);
    expect(f.outreach.byAgency).toMatchObject({ unknown: 0, hospital: 1 });
  });
});
