import type { CaseLogAddPayload, CaseLogEntry } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, connected, manualClock, send, serverPerTest, signIn, type TestServer } from './harness.js';

/**
 * The case log of every channel but chat (issue 16): staff log a phone, mail, interview or remote
 * consultation with closed lists and a Tokyo day; its maker or a supervisor corrects or withdraws
 * it; the year report counts it as it stands. Bad input and the wrong staff member change nothing.
 */
describe('the case log of the other channels', () => {
  const servers = serverPerTest();

  /** Every stored case-log row: what a refused event must leave as it was. */
  const logState = async (s: TestServer) => s.rows('SELECT * FROM case_log ORDER BY id');

  async function scene(start: string) {
    const clock = manualClock(start);
    const server = await servers.start({ clock });
    const [sato, tanaka, boss, chief] = await Promise.all([signIn(server, 'sato'), signIn(server, 'tanaka'), signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(sato, tanaka, boss, chief);
    await Promise.all([sato, tanaka, boss, chief].map(connected));
    return { clock, server, sato, tanaka, boss, chief };
  }

  const phoneCall: CaseLogAddPayload = { channel: 'phone', date: '2026-06-15', durationBand: '15-30', contact: 'first', topics: ['虐待・DV'], outcome: 'referral' };

  it('logs a call, lists it as hers, and the report counts it by its Tokyo day and channel; a correction replaces it', async () => {
    const { server, sato, boss } = await scene('2026-06-15T19:30:00+09:00');
    const entry = await call(sato, 'caselog:add', { ...phoneCall, ageBand: '30s' });
    expect(entry).toMatchObject({ ...phoneCall, ageBand: '30s', correctedAt: null, recordedAt: '2026-06-15T10:30:00.000Z' });
    await call(sato, 'caselog:add', { ...phoneCall, channel: 'mail', contact: 'continuation', topics: ['孤独', '介護'], outcome: 'listened' });
    expect((await call(sato, 'caselog:mine', {})).entries.map((e: CaseLogEntry) => e.channel)).toEqual(['mail', 'phone']);

    let report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.months[2]).toMatchObject({ month: '2026-06', consultations: 2, started: 0, recorded: 2 });
    expect(report.total.byChannel).toEqual({ chat: 0, phone: 1, mail: 1, interview: 0, remote: 0 });
    expect(report.total.byOutcome).toMatchObject({ referral: 1, listened: 1 });

    // She picked the wrong channel: it was an interview, on the 12th.
    const fixed = await call(sato, 'caselog:correct', { entryId: entry.id, ...phoneCall, channel: 'interview', date: '2026-06-12', outcome: 'information' });
    expect(fixed).toMatchObject({ id: entry.id, channel: 'interview', date: '2026-06-12', ageBand: null, correctedAt: '2026-06-15T10:30:00.000Z' });
    report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.total).toMatchObject({ consultations: 2, recorded: 2 });
    expect(report.total.byChannel).toEqual({ chat: 0, phone: 0, mail: 1, interview: 1, remote: 0 });
    expect(report.total.byOutcome).toMatchObject({ referral: 0, information: 1, listened: 1 });
    expect(await logState(server)).toHaveLength(2);
    // Nothing she chose reaches the log but the channel.
    expect(server.logs.join('\n')).not.toContain('虐待');
  });

  it('lets its maker or a supervisor withdraw an entry, never another counselor; the report drops it', async () => {
    const { server, sato, tanaka, boss } = await scene('2026-06-15T12:00:00+09:00');
    const a = await call(sato, 'caselog:add', phoneCall);
    const b = await call(sato, 'caselog:add', { ...phoneCall, channel: 'remote' });
    const before = await logState(server);
    expect(await send(tanaka, 'caselog:withdraw', { entryId: a.id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(tanaka, 'caselog:correct', { entryId: a.id, ...phoneCall, outcome: 'other' })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await logState(server)).toEqual(before);

    // The supervisor may correct and withdraw anyone's; the maker her own.
    await call(boss, 'caselog:correct', { entryId: b.id, ...phoneCall, channel: 'remote', outcome: 'other' });
    expect(await call(sato, 'caselog:withdraw', { entryId: a.id })).toEqual({ withdrawn: true });
    expect(await send(sato, 'caselog:withdraw', { entryId: a.id })).toEqual({ ok: false, error: 'UNKNOWN_CASE_LOG' });
    expect(await send(sato, 'caselog:correct', { entryId: a.id, ...phoneCall })).toEqual({ ok: false, error: 'UNKNOWN_CASE_LOG' });
    expect((await call(sato, 'caselog:mine', {})).entries.map((e: CaseLogEntry) => e.id)).toEqual([b.id]);
    let report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.total).toMatchObject({ consultations: 1, byChannel: { phone: 0, remote: 1 }, byOutcome: { other: 1, referral: 0 } });
    await call(boss, 'caselog:withdraw', { entryId: b.id });
    report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.total).toMatchObject({ consultations: 0, recorded: 0 });
    // Withdrawn rows stay stored (marked), so a mistaken withdrawal can be seen in the database.
    expect((await server.rows('SELECT COUNT(*) AS n FROM case_log WHERE withdrawn_at IS NOT NULL'))[0]).toEqual({ n: 2 });
  });

  it('stores its times to 10 minutes, like every stored time about consultations (issue 15)', async () => {
    const { clock, server, sato } = await scene('2026-06-15T19:34:56.789+09:00');
    const entry = await call(sato, 'caselog:add', phoneCall);
    clock.set('2026-06-15T19:47:12.345+09:00');
    await call(sato, 'caselog:correct', { entryId: entry.id, ...phoneCall, outcome: 'other' });
    clock.set('2026-06-15T19:58:01.002+09:00');
    await call(sato, 'caselog:withdraw', { entryId: entry.id });
    expect(await server.rows('SELECT recorded_at, corrected_at, withdrawn_at FROM case_log')).toEqual([
      { recorded_at: '2026-06-15T10:30:00.000Z', corrected_at: '2026-06-15T10:40:00.000Z', withdrawn_at: '2026-06-15T10:50:00.000Z' },
    ]);
  });

  it('refuses unknown words, identifying fields, days ahead or outside the open year, and the wrong roles; nothing is stored', async () => {
    const { server, sato, chief } = await scene('2026-06-15T12:00:00+09:00');
    const ok = await call(sato, 'caselog:add', phoneCall);
    const before = await logState(server);
    for (const bad of [
      { ...phoneCall, channel: 'chat' },
      { ...phoneCall, channel: 'fax' },
      { ...phoneCall, topics: ['名前'] },
      { ...phoneCall, topics: [] },
      { ...phoneCall, topics: ['孤独', '孤独'] },
      { ...phoneCall, topics: ['孤独', '介護', '喪失', '医療費', '子育て', '生活不安'] },
      { ...phoneCall, outcome: 'solved' },
      { ...phoneCall, ageBand: '35' },
      { ...phoneCall, durationBand: '5' },
      { ...phoneCall, contact: 'third' },
      { ...phoneCall, date: '2026-02-30' },
      { ...phoneCall, date: '15/06/2026' },
      { ...phoneCall, name: '山田' },
      { ...phoneCall, phone: '090-0000-0000' },
      { ...phoneCall, note: 'free text' },
    ]) {
      expect(await send(sato, 'caselog:add', bad), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    // Tomorrow (Tokyo), last fiscal year (June is not April), next fiscal year.
    for (const date of ['2026-06-16', '2026-03-31', '2027-04-01']) {
      expect(await send(sato, 'caselog:add', { ...phoneCall, date }), date).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
      expect(await send(sato, 'caselog:correct', { entryId: ok.id, ...phoneCall, date }), date).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    }
    expect(await send(sato, 'caselog:correct', { entryId: 'Z'.repeat(22), ...phoneCall })).toEqual({ ok: false, error: 'UNKNOWN_CASE_LOG' });
    expect(await send(chief, 'caselog:add', phoneCall)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await logState(server)).toEqual(before);
  });

  it('in April still takes March of the year before, and the open year counts from 1 April Tokyo', async () => {
    const { clock, server, sato } = await scene('2027-04-10T10:00:00+09:00');
    expect(await call(sato, 'caselog:add', { ...phoneCall, date: '2027-03-31' })).toMatchObject({ date: '2027-03-31' });
    expect(await call(sato, 'caselog:add', { ...phoneCall, date: '2027-04-10' })).toMatchObject({ date: '2027-04-10' });
    expect(await send(sato, 'caselog:add', { ...phoneCall, date: '2026-03-31' })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    clock.set('2027-05-01T00:10:00+09:00');
    // A new shift: her 12-hour session ended with the old day.
    const later = await signIn(server, 'sato');
    servers.track(later);
    expect(await send(later, 'caselog:add', { ...phoneCall, date: '2027-03-31' })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    expect(await call(later, 'caselog:add', { ...phoneCall, date: '2027-04-30' })).toMatchObject({ date: '2027-04-30' });
  });
});

describe('targets of a fiscal year', () => {
  const servers = serverPerTest();

  it('only admins set them; a year is replaced as a whole; bad input stores nothing', async () => {
    const server = await servers.start({ clock: manualClock('2026-10-01T12:00:00+09:00') });
    const [boss, chief] = await Promise.all([signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(boss, chief);
    await Promise.all([boss, chief].map(connected));
    const rows = async () => server.rows('SELECT fiscal_year, key, value FROM fiscal_target ORDER BY key');

    expect(await send(boss, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 45 } })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await call(chief, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 45, accompaniments: 18 } })).toEqual({
      fiscalYear: 2026,
      targets: { homeVisits: 45, accompaniments: 18 },
    });
    await call(chief, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 40 } });
    const before = await rows();
    expect(before).toEqual([{ fiscal_year: 2026, key: 'homeVisits', value: 40 }]);
    for (const bad of [{ fiscalYear: 2026, targets: { homeVisits: -1 } }, { fiscalYear: 2026, targets: { flyers: 3 } }, { fiscalYear: 1999, targets: {} }]) {
      expect(await send(chief, 'targets:set', bad), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(await rows()).toEqual(before);
    // Half the year gone (1 April to 1 October in Tokyo: 183 of 365 days): pace 20 of 40.
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.kpis).toEqual([{ key: 'homeVisits', target: 40, result: 0, achievement: 0, expected: 20 }]);
    expect(report.asOf).toBe('2026-10-01');
  });
});
