import type { DistributionAddPayload, DistributionEvent } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, type ClientSocket, connected, manualClock, send, serverPerTest, signIn, type TestServer } from './harness.js';

/**
 * Distribution events (生理用品配布会, issue 16) over real sockets: a supervisor records, corrects
 * and withdraws them, counselors see the list; the year report counts events, sets and flyers,
 * sets the sets against the target, and per event counts the chats started under its campaign
 * from its Tokyo day through the 30th day after. Every bad input is refused with a code and
 * changes nothing.
 */
describe('distribution events', () => {
  const servers = serverPerTest();

  /** Every stored event row: what a refused event must leave as it was. */
  const stored = (s: TestServer) => s.db.prepare('SELECT * FROM distribution_event ORDER BY id').all();

  async function scene(start: string) {
    const clock = manualClock(start);
    const server = await servers.start({ clock, campaigns: ['ube-2026', 'hagi-2026'], startsPerHour: 100 });
    const [sato, boss, chief] = await Promise.all([signIn(server, 'sato'), signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(sato, boss, chief);
    await Promise.all([sato, boss, chief].map(connected));
    // A staff session ends after hours without use: after the clock jumps weeks, she signs in again.
    const again = async (who: 'sato' | 'boss') => {
      const socket = await signIn(server, who);
      servers.track(socket);
      await connected(socket);
      return socket;
    };
    return { clock, server, sato, boss, chief, again };
  }

  /** A woman starts a chat through a flyer's QR code (or the NPO's page, without a campaign). */
  async function startChat(server: TestServer, campaign?: string): Promise<{ her: ClientSocket; id: string }> {
    const her = clientSocket(server);
    servers.track(her);
    await connected(her);
    const { consultationId } = await call(her, 'consultation:start', campaign ? { campaign } : {});
    return { her, id: consultationId };
  }

  const ube: DistributionAddPayload = { date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂うべ', sets: 64, flyers: 80, campaign: 'ube-2026' };

  it('records an event, lists it to counselors, and the report counts it; a correction replaces it, a withdrawal drops it', async () => {
    const { server, sato, boss, chief } = await scene('2026-06-12T15:00:00+09:00');
    await call(chief, 'targets:set', { fiscalYear: 2026, targets: { distributionSets: 800 } });
    const event = await call(boss, 'distribution:add', ube);
    expect(event).toMatchObject({ ...ube, correctedAt: null, recordedAt: '2026-06-12T06:00:00.000Z' });
    const hagi = await call(boss, 'distribution:add', { date: '2026-06-11', municipality: '萩市', partner: '.Style（ドットスタイル）', sets: 40, flyers: 0 });
    expect(hagi.campaign).toBeNull();
    // Counselors may look (newest day first); only supervisors record.
    expect((await call(sato, 'distribution:list', {})).events.map((e: DistributionEvent) => e.municipality)).toEqual(['萩市', '宇部市']);

    let report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.distribution.total).toEqual({ events: 2, sets: 104, flyers: 80, chatsAfter: 0 });
    expect(report.distribution.events).toEqual([
      { date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂うべ', sets: 64, flyers: 80, campaign: 'ube-2026', chatsAfter: 0 },
      { date: '2026-06-11', municipality: '萩市', partner: '.Style（ドットスタイル）', sets: 40, flyers: 0, campaign: null, chatsAfter: null },
    ]);
    expect(report.kpis).toEqual([{ key: 'distributionSets', target: 800, result: 104, achievement: 13, expected: expect.any(Number) }]);

    // The place and the count were wrong: 周南市, 70 sets. The partner is trimmed.
    const fixed = await call(boss, 'distribution:correct', { eventId: event.id, ...ube, municipality: '周南市', sets: 70, partner: '  こども食堂うべ ' });
    expect(fixed).toMatchObject({ id: event.id, municipality: '周南市', sets: 70, partner: 'こども食堂うべ', correctedAt: '2026-06-12T06:00:00.000Z' });
    report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.distribution.total).toMatchObject({ events: 2, sets: 110 });
    expect(report.kpis[0]).toMatchObject({ result: 110, achievement: 13.8 });

    expect(await call(boss, 'distribution:withdraw', { eventId: hagi.id })).toEqual({ withdrawn: true });
    expect(await send(boss, 'distribution:withdraw', { eventId: hagi.id })).toEqual({ ok: false, error: 'UNKNOWN_DISTRIBUTION_EVENT' });
    expect(await send(boss, 'distribution:correct', { eventId: hagi.id, ...ube })).toEqual({ ok: false, error: 'UNKNOWN_DISTRIBUTION_EVENT' });
    expect((await call(boss, 'distribution:list', {})).events.map((e: DistributionEvent) => e.id)).toEqual([event.id]);
    report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.distribution.total).toMatchObject({ events: 1, sets: 70, flyers: 80 });
    // Withdrawn rows stay stored, marked; the log names the place, never the partner.
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM distribution_event WHERE withdrawn_at IS NOT NULL').get()).toEqual({ n: 1 });
    expect(server.logs.join('\n')).toContain('distribution.added');
    expect(server.logs.join('\n')).not.toContain('こども食堂');
  });

  it('lets only supervisors record, correct and withdraw; counselors list; admins neither', async () => {
    const { server, sato, boss, chief } = await scene('2026-06-12T15:00:00+09:00');
    const event = await call(boss, 'distribution:add', ube);
    const before = stored(server);
    expect(await send(sato, 'distribution:add', ube)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(sato, 'distribution:correct', { eventId: event.id, ...ube, sets: 1 })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(sato, 'distribution:withdraw', { eventId: event.id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(chief, 'distribution:add', ube)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(chief, 'distribution:list', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    const her = clientSocket(server);
    servers.track(her);
    await connected(her);
    expect(await send(her, 'distribution:list', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(her, 'distribution:add', ube)).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(stored(server)).toEqual(before);
  });

  it('refuses every bad input with a code and stores nothing, on add and on correct', async () => {
    const { server, boss } = await scene('2026-06-12T15:00:00+09:00');
    const event = await call(boss, 'distribution:add', ube);
    const before = stored(server);
    const bad: [Record<string, unknown>, string][] = [
      [{ municipality: '北九州市' }, 'INVALID_PAYLOAD'], // not in Yamaguchi
      [{ municipality: 'Ube' }, 'INVALID_PAYLOAD'],
      [{ municipality: '' }, 'INVALID_PAYLOAD'],
      [{ campaign: 'nowhere' }, 'UNKNOWN_CAMPAIGN'], // well formed, not on the admin's list
      [{ campaign: 'web' }, 'UNKNOWN_CAMPAIGN'],
      [{ campaign: 'Ube 2026' }, 'INVALID_PAYLOAD'],
      [{ campaign: null }, 'INVALID_PAYLOAD'],
      [{ date: '2026-06-13' }, 'DATE_OUT_OF_RANGE'], // tomorrow in Tokyo
      [{ date: '2026-03-31' }, 'DATE_OUT_OF_RANGE'], // last fiscal year, closed in June
      [{ date: '2027-04-01' }, 'DATE_OUT_OF_RANGE'],
      [{ date: '2026-02-30' }, 'INVALID_PAYLOAD'],
      [{ date: '2026/06/10' }, 'INVALID_PAYLOAD'],
      [{ sets: -1 }, 'INVALID_PAYLOAD'],
      [{ sets: 5001 }, 'INVALID_PAYLOAD'], // absurd for one event
      [{ sets: 1.5 }, 'INVALID_PAYLOAD'],
      [{ sets: '64' }, 'INVALID_PAYLOAD'],
      [{ flyers: -3 }, 'INVALID_PAYLOAD'],
      [{ flyers: 10_001 }, 'INVALID_PAYLOAD'],
      [{ flyers: Number.NaN }, 'INVALID_PAYLOAD'],
      [{ partner: '' }, 'INVALID_PAYLOAD'],
      [{ partner: '   ' }, 'INVALID_PAYLOAD'],
      [{ partner: 'あ'.repeat(41) }, 'INVALID_PAYLOAD'], // a name, not a note
      [{ partner: 'こども食堂\nうべ' }, 'INVALID_PAYLOAD'],
      [{ partner: 'こども\u202e食堂' }, 'INVALID_PAYLOAD'],
      [{ partner: 42 }, 'INVALID_PAYLOAD'],
      [{ note: '来た人の名前' }, 'INVALID_PAYLOAD'], // nothing rides along
      [{ participants: 12 }, 'INVALID_PAYLOAD'],
    ];
    for (const [change, code] of bad) {
      expect(await send(boss, 'distribution:add', { ...ube, ...change }), JSON.stringify(change)).toEqual({ ok: false, error: code });
      expect(await send(boss, 'distribution:correct', { eventId: event.id, ...ube, ...change }), JSON.stringify(change)).toEqual({ ok: false, error: code });
    }
    const { sets: _sets, ...noSets } = ube;
    expect(await send(boss, 'distribution:add', noSets)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(boss, 'distribution:correct', { ...ube })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(boss, 'distribution:correct', { eventId: 'x', ...ube })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(boss, 'distribution:correct', { eventId: 'A'.repeat(22), ...ube })).toEqual({ ok: false, error: 'UNKNOWN_DISTRIBUTION_EVENT' });
    expect(await send(boss, 'distribution:withdraw', { eventId: 'A'.repeat(22) })).toEqual({ ok: false, error: 'UNKNOWN_DISTRIBUTION_EVENT' });
    expect(await send(boss, 'distribution:list', { year: 2026 })).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(stored(server)).toEqual(before);
    // The edges themselves are fine: 0 and the ceilings, 40 characters, every one of the 19 places.
    expect(await call(boss, 'distribution:add', { ...ube, sets: 0, flyers: 10_000, partner: 'あ'.repeat(40), municipality: '阿武町' })).toMatchObject({ sets: 0 });
    expect(await call(boss, 'distribution:add', { ...ube, sets: 5000, campaign: undefined })).toMatchObject({ sets: 5000, campaign: null });
  });

  it('takes last year in April only, and keeps a closed year as it was reported', async () => {
    const { clock, server, boss: april, again } = await scene('2026-04-20T10:00:00+09:00');
    const march = await call(april, 'distribution:add', { ...ube, date: '2026-03-28' });
    expect((await call(april, 'distribution:list', {})).events.map((e: DistributionEvent) => e.date)).toEqual(['2026-03-28']);
    clock.set('2026-05-01T10:00:00+09:00');
    const boss = await again('boss');
    const before = stored(server);
    expect(await send(boss, 'distribution:add', { ...ube, date: '2026-03-28' })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    expect(await send(boss, 'distribution:correct', { eventId: march.id, ...ube, date: '2026-04-28' })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    expect(await send(boss, 'distribution:withdraw', { eventId: march.id })).toEqual({ ok: false, error: 'DATE_OUT_OF_RANGE' });
    expect(stored(server)).toEqual(before);
    expect((await call(boss, 'distribution:list', {})).events).toEqual([]);
    expect((await call(boss, 'report:year', { fiscalYear: 2025 })).distribution.total).toMatchObject({ events: 1, sets: 64 });
  });

  it("counts the chats started under an event's campaign from its Tokyo day through the 30th day after, at the edges", async () => {
    const { clock, server, again } = await scene('2026-06-09T23:50:00+09:00');
    const at = async (tokyo: string, campaign?: string) => {
      clock.set(tokyo);
      return startChat(server, campaign);
    };
    await at('2026-06-09T23:50:00+09:00', 'ube-2026'); // the evening before: not counted
    await at('2026-06-10T00:00:00+09:00', 'ube-2026'); // the event's day: counted
    await at('2026-06-15T12:00:00+09:00', 'hagi-2026'); // another campaign
    await at('2026-06-15T12:00:00+09:00'); // the NPO's own page
    await at('2026-06-15T12:00:00+09:00', 'gone-2025'); // not on the list: recorded as 'other'
    const prank = await at('2026-06-16T12:00:00+09:00', 'ube-2026'); // ended as a nuisance: no consultation
    const sato = await again('sato');
    await call(sato, 'consultation:take', { consultationId: prank.id });
    await call(sato, 'consultation:nuisance', { consultationId: prank.id });
    await at('2026-07-10T23:50:00+09:00', 'ube-2026'); // the 30th day after: counted
    await at('2026-07-11T00:00:00+09:00', 'ube-2026'); // the 31st: not for the first event
    await at('2026-07-20T23:59:59+09:00', 'ube-2026'); // the second event's last day
    await at('2026-07-21T00:00:00+09:00', 'ube-2026'); // after both

    clock.set('2026-07-25T12:00:00+09:00');
    const boss = await again('boss');
    await call(boss, 'distribution:add', ube);
    await call(boss, 'distribution:add', { ...ube, date: '2026-06-20', municipality: '山陽小野田市' });
    await call(boss, 'distribution:add', { ...ube, date: '2026-06-15', municipality: '萩市', campaign: 'hagi-2026' });
    await call(boss, 'distribution:add', { ...ube, date: '2026-06-15', municipality: '光市', campaign: undefined });
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.distribution.events.map((e: { municipality: string; chatsAfter: number | null }) => [e.municipality, e.chatsAfter])).toEqual([
      ['宇部市', 2], // 6/10 00:00 and 7/10 23:50
      ['萩市', 1],
      ['光市', null],
      ['山陽小野田市', 3], // 7/10, 7/11 and 7/20 (6/10 was before it)
    ]);
    // Each chat once: the two ube events share 7/10 23:50.
    expect(report.distribution.total.chatsAfter).toBe(5);
    // The report's own campaign counts are untouched by this section.
    expect(report.total.byCampaign).toMatchObject({ 'ube-2026': 6, 'hagi-2026': 1, web: 1, other: 1 });
  });

  it("counts an event late in March with its campaign's April chats, in the year of the event", async () => {
    const { clock, server, boss: march, again } = await scene('2027-03-25T12:00:00+09:00');
    await call(march, 'distribution:add', { ...ube, date: '2027-03-25' });
    clock.set('2027-04-05T09:00:00+09:00');
    await startChat(server, 'ube-2026');
    const boss = await again('boss');
    const fy2026 = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(fy2026.distribution.events.map((e: { chatsAfter: number | null }) => e.chatsAfter)).toEqual([1]);
    expect((await call(boss, 'report:year', { fiscalYear: 2027 })).distribution).toEqual({ events: [], total: { events: 0, sets: 0, flyers: 0, chatsAfter: 0 } });
  });
});
