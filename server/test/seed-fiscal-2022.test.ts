import { AGENCY_KINDS, type CaseLogAddPayload, type LoggedChannel, OUTCOMES, type OutreachLogPayload, TOPICS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from '../../console/src/state/report-csv.js';
import { call, clientSocket, type ClientSocket, connected, manualClock, serverPerTest, signIn } from './harness.js';

/**
 * The seed's own figures (つながりサポート事業, 令和4年度 = fiscal 2022): 2,618 consultations —
 * phone 2,085, SNS 96, mail 390, interviews 47 — entered through the same protocol the console
 * uses: the SNS ones as chats (she starts, a counselor takes, ends and records), the rest as
 * case-log entries over real sockets. The report and its CSV must show the total and the split,
 * and, against the targets an admin set (45 home visits, 18 accompaniments, 800 sets), the home
 * visits and accompaniments done (43 and 9 appointments marked 済み: 95.6 % and 50.0 %); and the
 * 8 distribution events with 527 sets a supervisor records (65.9 %), in their own test below.
 * (No timing asserted: the run's duration is in vitest's output.)
 */
describe('the seed check: fiscal 2022 through the protocol', () => {
  const servers = serverPerTest();

  /** Sends `jobs` in waves of `width` at once: real concurrency without thousands of pending acks. */
  async function inWaves<T>(jobs: readonly T[], width: number, run: (job: T, i: number) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < jobs.length; i += width) await Promise.all(jobs.slice(i, i + width).map((job, k) => run(job, i + k)));
  }

  /** The i-th logged consultation of a channel: spread over the twelve months and the lists. */
  function entry(channel: LoggedChannel, i: number): CaseLogAddPayload {
    const month = i % 12; // 0 = April 2022
    const year = month >= 9 ? 2023 : 2022;
    const date = `${year}-${String(((3 + month) % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    return {
      channel,
      date,
      durationBand: i % 3 === 0 ? '30-60' : '15-30',
      contact: i % 4 === 0 ? 'first' : 'continuation',
      topics: [TOPICS[i % TOPICS.length]!],
      outcome: OUTCOMES[i % OUTCOMES.length]!,
    };
  }

  it('enters 2,522 logged consultations and 96 chats; the report and its CSV show 2,618 and the channel split', async () => {
    // The last evening of fiscal 2022 in Tokyo: every day of the year is open and none is ahead.
    const clock = manualClock('2023-03-31T18:00:00+09:00');
    // Two counselors enter 2,522 entries at machine speed and 96 women start from this one
    // address: the event and per-caller socket budgets are lifted (they have their own tests).
    const server = await servers.start({ clock, startsPerHour: 1000, limits: { events: { burst: 1_000_000 }, socketsPerCaller: 1000 } });
    const [sato, tanaka, boss, chief] = await Promise.all([signIn(server, 'sato'), signIn(server, 'tanaka'), signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(sato, tanaka, boss, chief);
    await Promise.all([sato, tanaka, boss, chief].map(connected));
    await call(chief, 'targets:set', { fiscalYear: 2022, targets: { homeVisits: 45, accompaniments: 18, distributionSets: 800, phone: 2000 } });

    const logged = [
      ...Array.from({ length: 2085 }, (_, i) => entry('phone', i)),
      ...Array.from({ length: 390 }, (_, i) => entry('mail', i)),
      ...Array.from({ length: 47 }, (_, i) => entry('interview', i)),
    ];
    // Two counselors at once, as two phones ring.
    await inWaves(logged, 100, (payload, i) => call(i % 2 === 0 ? sato : tanaka, 'caselog:add', payload));

    // SNS: 96 chats, each started by her widget's socket, taken, ended and recorded. A wave gives
    // each counselor six chats at once, and in which order two of her events land is the relay's:
    // room for all six, so the figures below do not hang on that order.
    const { counselors } = await call(boss, 'staff:list', {});
    for (const c of counselors) await call(boss, 'staff:capacity', { staffId: c.staffId, capacity: 6 });
    await inWaves(
      Array.from({ length: 96 }, (_, i) => i),
      12,
      async (i) => {
        const counselor = i % 2 === 0 ? sato : tanaka;
        const her: ClientSocket = clientSocket(server);
        servers.track(her);
        await connected(her);
        const id = (await call(her, 'consultation:start', {})).consultationId;
        await call(counselor, 'consultation:take', { consultationId: id });
        // From 55 of the chats an outreach or accompaniment is booked for this evening: 43 home
        // visits and 9 accompaniments happen (済み); 3 more visits are no-shows and do not count.
        if (i < 55) {
          const kind = i < 43 || i >= 52 ? 'outreach' : 'accompaniment';
          // A quarter hour of its own among her wave's six bookings: one still booked (it is marked
          // within its chat) never overlaps another of hers.
          const slot = 30 + (Math.floor(i / 2) % 8) * 15;
          const startsAt = `2023-03-31T${String(19 + Math.floor(slot / 60)).padStart(2, '0')}:${String(slot % 60).padStart(2, '0')}:00+09:00`;
          const booked = await call(counselor, 'handoff:book', { consultationId: id, kind, startsAt, minutes: 15 });
          const visit = kind === 'outreach' ? { durationBand: '60-plus' as const } : { durationBand: '60-plus' as const, agency: 'city-office' as const };
          await call(counselor, 'appointment:status', i < 52 ? { appointmentId: booked.id, status: 'done', visit } : { appointmentId: booked.id, status: 'no_show' });
        }
        await call(counselor, 'consultation:end', { consultationId: id });
        await call(counselor, 'consultation:record', { consultationId: id, topics: ['孤独'], outcome: 'listened' });
        her.disconnect();
      },
    );

    const report = await call(boss, 'report:year', { fiscalYear: 2022 });
    expect(report.total.consultations).toBe(2618);
    expect(report.total.byChannel).toEqual({ chat: 96, phone: 2085, mail: 390, interview: 47, remote: 0 });
    expect(report.total).toMatchObject({ started: 96, answered: 96, recorded: 2618 });
    expect(report.months.reduce((sum, m) => sum + m.consultations, 0)).toBe(2618);
    // Phone calls spread over the months: 2,085 = 12 × 173 + 9 (April to December get one more).
    expect(report.months[0]?.byChannel.phone).toBe(174);
    expect(report.months[11]?.byChannel).toMatchObject({ phone: 173, chat: 96 });

    expect(report.asOf).toBe('2023-03-31');
    expect(report.kpis).toEqual([
      { key: 'homeVisits', target: 45, result: 43, achievement: 95.6, expected: 45 },
      { key: 'accompaniments', target: 18, result: 9, achievement: 50, expected: 18 },
      { key: 'distributionSets', target: 800, result: 0, achievement: 0, expected: 800 },
      { key: 'phone', target: 2000, result: 2085, achievement: 104.3, expected: 2000 },
    ]);

    const csv = reportToCsv(report).slice(1).split('\r\n');
    const header = csv[0]!.split(',');
    const total = csv[13]!.split(',');
    const cell = (name: string) => total[header.indexOf(name)];
    expect(total[0]).toBe('合計');
    expect(cell('相談件数（全チャネル）')).toBe('2618');
    expect(cell('チャネル：SNS（チャット）')).toBe('96');
    expect(cell('チャネル：電話')).toBe('2085');
    expect(cell('チャネル：メール')).toBe('390');
    expect(cell('チャネル：面接')).toBe('47');
    expect(cell('チャネル：リモート')).toBe('0');
  });

  it('enters 43 home visits and 9 accompaniments done through both routes; the report and its CSV show 95.6 % and 50.0 % against 45 and 18', async () => {
    const clock = manualClock('2023-03-31T12:00:00+09:00');
    const server = await servers.start({ clock, limits: { events: { burst: 1_000_000 }, socketsPerCaller: 1000 } });
    const [sato, tanaka, boss, chief] = await Promise.all([signIn(server, 'sato'), signIn(server, 'tanaka'), signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(sato, tanaka, boss, chief);
    await Promise.all([sato, tanaka, boss, chief].map(connected));
    await call(chief, 'targets:set', { fiscalYear: 2022, targets: { homeVisits: 45, accompaniments: 18 } });

    // 20 home visits and 4 accompaniments from appointments booked in chats this afternoon and
    // marked 済み in the evening; 2 more are no-shows and one is marked twice (it counts once).
    const her = clientSocket(server);
    servers.track(her);
    await connected(her);
    const consultationId = (await call(her, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId });
    const appointments = await Promise.all(
      Array.from({ length: 26 }, (_, i) =>
        // A quarter of an hour each, one after another: one counselor cannot be booked twice at once.
        call(sato, 'handoff:book', { consultationId, kind: i < 20 || i >= 24 ? 'outreach' : 'accompaniment', startsAt: new Date(Date.parse('2023-03-31T12:15:00+09:00') + i * 15 * 60_000).toISOString(), minutes: 15 }),
      ),
    );
    clock.set('2023-03-31T18:00:00+09:00');
    await inWaves(appointments, 13, (a, i) => {
      if (i >= 24) return call(sato, 'appointment:status', { appointmentId: a.id, status: 'no_show' });
      const visit = a.kind === 'outreach' ? { durationBand: '60-plus' as const } : { durationBand: '60-plus' as const, agency: AGENCY_KINDS[i % 2]! };
      return call(sato, 'appointment:status', { appointmentId: a.id, status: 'done', visit });
    });
    await call(sato, 'appointment:status', { appointmentId: appointments[0]!.id, status: 'done', visit: { durationBand: '30-60' } });

    // 23 home visits and 5 accompaniments logged without an appointment over the year, by two
    // counselors; one more logged by mistake and withdrawn.
    const logged: OutreachLogPayload[] = Array.from({ length: 28 }, (_, i) => {
      const date = `${i % 12 >= 9 ? 2023 : 2022}-${String(((3 + (i % 12)) % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      return i < 23 ? { kind: 'outreach', date, durationBand: '30-60' } : { kind: 'accompaniment', date, durationBand: '15-30', agency: AGENCY_KINDS[(i % 4) + 2]! };
    });
    await inWaves(logged, 14, (payload, i) => call(i % 2 === 0 ? sato : tanaka, 'outreach:log', payload));
    const mistake = await call(tanaka, 'outreach:log', { kind: 'outreach', date: '2023-03-30', durationBand: 'under-15' });
    await call(tanaka, 'outreach:withdraw', { entryId: mistake.id });

    const report = await call(boss, 'report:year', { fiscalYear: 2022 });
    expect(report.outreach.total).toEqual({ month: 'total', outreach: 43, accompaniment: 9 });
    expect(report.outreach.byAgency).toEqual({ 'city-office': 2, police: 2, hospital: 1, 'legal-aid': 1, 'dv-center': 1, other: 2, unknown: 0 });
    expect(report.kpis).toEqual([
      { key: 'homeVisits', target: 45, result: 43, achievement: 95.6, expected: 45 },
      { key: 'accompaniments', target: 18, result: 9, achievement: 50, expected: 18 },
    ]);

    const blocks = reportToCsv(report).slice(1).trimEnd().split('\r\n\r\n').map((b) => b.split('\r\n'));
    const kpis = blocks.find((b) => b[0]!.startsWith('【目標と実績】'))!;
    expect(kpis.slice(1)).toEqual([
      '項目キー,項目,目標,実績,達成率（%）,この時点の目安',
      'homeVisits,家庭訪問（回）,45,43,95.6,45',
      'accompaniments,同行支援（回）,18,9,50.0,18',
    ]);
    const visits = blocks.find((b) => b[0] === '【家庭訪問・同行支援（実施）】')!;
    expect(visits.at(-1)).toBe('合計,43,9');
  });

  it('records the 8 distribution events with 527 sets; the report and its CSV show 65.9 % of the 800 target', async () => {
    const clock = manualClock('2023-03-31T18:00:00+09:00');
    const server = await servers.start({ clock });
    const [boss, chief] = await Promise.all([signIn(server, 'boss'), signIn(server, 'chief')]);
    servers.track(boss, chief);
    await Promise.all([boss, chief].map(connected));
    await call(chief, 'targets:set', { fiscalYear: 2022, targets: { homeVisits: 45, accompaniments: 18, distributionSets: 800 } });
    // The flyers handed out with the sets carry the program's QR code (seed: チラシと一緒に配付).
    await call(chief, 'campaign:save', { name: 'haifu-2022', label: '配布会のチラシ', active: true });

    // Monthly from May 2022, in 8 places, run with the partner group .Style (seed: 3 (3)).
    const places = ['下関市', '宇部市', '山口市', '萩市', '防府市', '周南市', '岩国市', '長門市'] as const;
    const sets = [66, 66, 66, 66, 66, 66, 66, 65];
    for (const [i, municipality] of places.entries()) {
      const month = String(5 + i).padStart(2, '0');
      await call(boss, 'distribution:add', { date: `2022-${month}-14`, municipality, partner: '.Style（ドットスタイル）', sets: sets[i]!, flyers: 100, campaign: 'haifu-2022' });
    }

    const report = await call(boss, 'report:year', { fiscalYear: 2022 });
    expect(report.distribution.total).toEqual({ events: 8, sets: 527, flyers: 800, chatsAfter: 0 });
    expect(report.distribution.events.map((e) => e.municipality)).toEqual([...places]);
    expect(report.kpis).toContainEqual({ key: 'distributionSets', target: 800, result: 527, achievement: 65.9, expected: 800 });

    const lines = reportToCsv(report).slice(1).split('\r\n');
    const block = lines.slice(lines.indexOf('生理用品配布会'));
    expect(block[1]).toBe('開催日,市町,連携団体,配ったセット数,配ったチラシの数,チラシのキャンペーン,その後30日のチャット');
    expect(block[2]).toBe('2022-05-14,下関市,.Style（ドットスタイル）,66,100,haifu-2022,0');
    expect(block[10]).toBe('合計（8回）,,,527,800,,0');
    expect(block[11]).toBe('セット数の目標,,,800,,,');
    expect(block[12]).toBe('達成率,,,65.9%,,,');
  });
});
