import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, send, serverPerTest, signIn, staffSocket, type TestServer } from './harness.js';

/**
 * Case records and the fiscal-year report (DESIGN journeys 2 and 3): the counselor who held a
 * chat records topics and outcome, usually once it has ended; supervisors read the year's
 * figures by Tokyo month. Nobody else may do either, and bad input changes nothing.
 */
describe('case records and the fiscal-year report', () => {
  const servers = serverPerTest();

  /** Rows of the record tables: what a refused event must leave as it was. */
  const recordState = (s: TestServer) =>
    ['case_record', 'case_record_topic'].map((t) => s.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());

  /** A server at a given Tokyo time with both counselors, the supervisor and three clients connected. */
  async function scene(start: string, opts: { retentionDays?: number } = {}) {
    const clock = manualClock(start);
    const server = await servers.start({ clock, campaigns: ['flyer-ube'], ...opts });
    const sato = staffSocket(server, await loginStaff(server, 'sato'));
    const tanaka = staffSocket(server, await loginStaff(server, 'tanaka'));
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const [a, b, c] = [clientSocket(server), clientSocket(server), clientSocket(server)];
    servers.track(sato, tanaka, boss, a, b, c);
    await Promise.all([sato, tanaka, boss, a, b, c].map(connected));
    /** Staff sign in again after the clock moved past their 12-hour sessions. */
    const nextShift = async () => {
      const fresh = { sato: await signIn(server, 'sato'), boss: await signIn(server, 'boss') };
      servers.track(fresh.sato, fresh.boss);
      return fresh;
    };
    return { clock, server, sato, tanaka, boss, a, b, c, nextShift };
  }

  it('the counselor records a chat after it ended and the report counts it in her Tokyo month; re-recording replaces', async () => {
    // 00:10 on 1 May in Tokyo is still 30 April in UTC: the report must say May.
    const { clock, server, sato, boss, a, b, nextShift } = await scene('2026-05-01T00:10:00+09:00');
    const held = (await call(a, 'consultation:start', { campaign: 'flyer-ube' })).consultationId;
    await call(sato, 'consultation:take', { consultationId: held });
    await call(sato, 'consultation:end', { consultationId: held });
    const left = (await call(b, 'consultation:start', {})).consultationId;
    await call(b, 'consultation:quick-exit', { consultationId: left });

    clock.set('2026-05-01T00:40:00+09:00');
    expect(await call(sato, 'consultation:record', { consultationId: held, topics: ['虐待・DV', '子育て'], outcome: 'referral', ageBand: '30s' })).toEqual({
      recordedAt: '2026-04-30T15:40:00.000Z',
    });
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.months[0]).toMatchObject({ month: '2026-04', started: 0 });
    expect(report.months[1]).toMatchObject({ month: '2026-05', started: 2, answered: 1, leftWaiting: 1, recorded: 1 });
    expect(report.months[1]?.byTopic).toMatchObject({ '虐待・DV': 1, 子育て: 1 });
    expect(report.months[1]?.byOutcome.referral).toBe(1);
    expect(report.months[1]?.byAgeBand['30s']).toBe(1);
    expect(report.months[1]?.byCampaign).toEqual({ 'flyer-ube': 1, web: 1 });
    expect(report.total).toMatchObject({ month: 'total', started: 2, answered: 1, leftWaiting: 1, recorded: 1 });

    // She corrects it later: the new record replaces the old one, topics included, and counts once.
    clock.set('2026-05-02T10:00:00+09:00');
    const nextDay = await nextShift();
    await call(nextDay.sato, 'consultation:record', { consultationId: held, topics: ['生活困窮'], outcome: 'listened' });
    const again = await call(nextDay.boss, 'report:year', { fiscalYear: 2026 });
    expect(again.total).toMatchObject({ recorded: 1 });
    expect(again.total.byTopic).toMatchObject({ '虐待・DV': 0, 子育て: 0, 生活困窮: 1 });
    expect(again.total.byOutcome).toMatchObject({ referral: 0, listened: 1 });
    expect(again.total.byAgeBand).toMatchObject({ '30s': 0, unknown: 1 });
    expect(recordState(server)[1]).toHaveLength(1);
    // Nothing of what she chose reaches the log.
    expect(server.logs.join('\n')).not.toContain('生活困窮');
  });

  it('may be recorded while the chat is still open, by its counselor only', async () => {
    const { server, sato, tanaka, a } = await scene('2026-07-01T12:00:00+09:00');
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: id });
    const before = recordState(server);
    expect(await send(tanaka, 'consultation:record', { consultationId: id, topics: ['孤独'], outcome: 'other' })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(recordState(server)).toEqual(before);
    await call(sato, 'consultation:record', { consultationId: id, topics: ['孤独'], outcome: 'information' });
    // Ended, it is still not tanaka's.
    await call(sato, 'consultation:end', { consultationId: id });
    expect(await send(tanaka, 'consultation:record', { consultationId: id, topics: ['孤独'], outcome: 'other' })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(server.db.prepare('SELECT outcome FROM case_record').all()).toEqual([{ outcome: 'information' }]);
  });

  it('refuses a waiting consultation, one nobody took up, an unknown one, and the wrong roles; nothing changes', async () => {
    const { server, sato, boss, a, b } = await scene('2026-08-03T12:00:00+09:00');
    const waiting = (await call(a, 'consultation:start', {})).consultationId;
    const gone = (await call(b, 'consultation:start', {})).consultationId;
    await call(b, 'consultation:end', { consultationId: gone });
    const record = { topics: ['孤独'], outcome: 'listened' };
    const before = recordState(server);

    expect(await send(sato, 'consultation:record', { consultationId: waiting, ...record })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(await send(sato, 'consultation:record', { consultationId: gone, ...record })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(await send(sato, 'consultation:record', { consultationId: 'Z'.repeat(22), ...record })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    // Her own socket may do neither; a counselor may not read the report, a supervisor may not record.
    expect(await send(a, 'consultation:record', { consultationId: waiting, ...record })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(a, 'report:year', { fiscalYear: 2026 })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(sato, 'report:year', { fiscalYear: 2026 })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(boss, 'consultation:record', { consultationId: waiting, ...record })).toEqual({ ok: false, error: 'FORBIDDEN' });
    // Bad input: repeated or unknown topics, too many, an unknown outcome or age band, a silly year.
    for (const bad of [
      { consultationId: waiting, topics: ['孤独', '孤独'], outcome: 'listened' },
      { consultationId: waiting, topics: [], outcome: 'listened' },
      { consultationId: waiting, topics: ['名前'], outcome: 'listened' },
      { consultationId: waiting, topics: ['孤独', '介護', '喪失', '医療費', '子育て', '生活不安'], outcome: 'listened' },
      { consultationId: waiting, topics: ['孤独'], outcome: 'solved' },
      { consultationId: waiting, topics: ['孤独'], outcome: 'listened', ageBand: '35' },
      { consultationId: waiting, topics: ['孤独'], outcome: 'listened', note: 'her name' },
    ]) {
      expect(await send(sato, 'consultation:record', bad), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    for (const bad of [{ fiscalYear: 1999 }, { fiscalYear: 2026.5 }, { fiscalYear: '2026' }, {}]) {
      expect(await send(boss, 'report:year', bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(recordState(server)).toEqual(before);
    // The one she left while waiting is counted as such; the one still waiting only as started.
    expect((await call(boss, 'report:year', { fiscalYear: 2026 })).total).toMatchObject({ started: 2, answered: 0, leftWaiting: 1, recorded: 0 });
  });

  it('outlives the retention purge: the transcript goes, the record and the report stay', async () => {
    const { clock, server, sato, a, nextShift } = await scene('2026-09-01T10:00:00+09:00', { retentionDays: 30 });
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: id });
    await call(sato, 'consultation:end', { consultationId: id });
    await call(sato, 'consultation:record', { consultationId: id, topics: ['介護'], outcome: 'handoff', ageBand: '50s' });
    const kept = recordState(server);

    clock.set('2026-10-15T10:00:00+09:00');
    await server.app.services.retention.run();
    expect(server.db.prepare('SELECT purged_at IS NOT NULL AS purged FROM consultation WHERE id = ?').get(id)).toEqual({ purged: 1 });
    // Issue 15: past retention the record keeps its month, topics, outcome and age band, and no staff member.
    const [[record], topics] = kept as [[Record<string, unknown>], unknown[]];
    expect(recordState(server)).toEqual([[{ ...record, staff_id: null, recorded_at: '2026-09' }], topics]);
    const { boss } = await nextShift();
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.months[5]).toMatchObject({ month: '2026-09', answered: 1, recorded: 1 });
    expect(report.months[5]?.byOutcome.handoff).toBe(1);
  });
});
