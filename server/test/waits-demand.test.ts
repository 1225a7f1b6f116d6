import fs from 'node:fs';
import { API, DEMAND_KINDS, DEMAND_PER_CALLER_PER_DAY, PROGRAM_HOURS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { FIGURES_EVERY_MS } from '../src/socket/queue-pusher.js';
import { call, clientSocket, connected, loginStaff, manualClock, manualScheduler, next, send, serverPerTest, staffSocket, type TestServer } from './harness.js';

/**
 * Waiting and missed contacts (issue 16) through real sockets and HTTP: the waits and the women
 * who left while waiting reach the year report and the board; openings of the widget and starts
 * turned away are counted per Tokyo day, a script cannot push them up, and nothing stored names
 * anyone.
 */
describe('waiting figures and the demand that went unserved', () => {
  const servers = serverPerTest();
  const rows = (s: TestServer) => s.db.prepare('SELECT day, kind, n FROM demand_day ORDER BY day, kind').all() as { day: string; kind: string; n: number }[];
  const openWidget = async (s: TestServer) => expect((await fetch(s.url + API.widgetStatus)).status).toBe(200);

  it('counts the woman taken up and the woman who left while waiting, with her wait, in the report and on the board', async () => {
    const clock = manualClock('2026-05-01T10:00:00+09:00');
    const server = await servers.start({ clock });
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const sato = staffSocket(server, await loginStaff(server, 'sato'));
    const [a, b] = [clientSocket(server), clientSocket(server)];
    servers.track(boss, sato, a, b);
    await Promise.all([boss, sato, a, b].map(connected));

    const first = await call(a, 'consultation:start', {});
    const second = await call(b, 'consultation:start', {});
    clock.set('2026-05-01T10:01:30+09:00');
    await call(sato, 'consultation:take', { consultationId: first.consultationId });
    clock.set('2026-05-01T10:04:00+09:00');
    const left = next(boss, 'stats:changed', (f) => f.leftWaiting === 1);
    await call(b, 'consultation:end', { consultationId: second.consultationId });
    const expected = { started: 2, answered: 1, leftWaiting: 1, answerRate: 50, waitP50Sec: 90, waitP90Sec: 90, opened: 0, closed: 0, refused: 0 };
    expect(await left).toEqual({ day: '2026-05-01', ...expected });

    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.waits.days).toEqual([{ period: '2026-05-01', ...expected }]);
    expect(report.waits.months[1]).toEqual({ period: '2026-05', ...expected });
    expect(report.waits.total).toEqual({ period: 'total', ...expected });
    // The one who left waited 4 minutes: stored, but not a wait for an answer.
    expect(server.db.prepare('SELECT wait_ms, abandon_cause FROM consultation WHERE id = ?').get(second.consultationId)).toEqual({ wait_ms: 240_000, abandon_cause: 'left' });
  });

  it('counts starts tried while closed once per socket, and openings of the widget per request within a network’s share of the day', async () => {
    const clock = manualClock('2026-11-28T23:59:00+09:00'); // a Saturday: closed
    const server = await servers.start({ clock, hours: PROGRAM_HOURS });
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const [a, b] = [clientSocket(server), clientSocket(server)];
    servers.track(boss, a, b);
    await Promise.all([boss, a, b].map(connected));

    await openWidget(server);
    expect(await send(a, 'consultation:start', {})).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(await send(a, 'consultation:start', {})).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(await send(b, 'consultation:start', {})).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(rows(server)).toEqual([
      { day: '2026-11-28', kind: 'closed', n: 2 },
      { day: '2026-11-28', kind: 'opened', n: 1 },
    ]);

    // Tokyo midnight (15:00 UTC): a new day, and the network's share starts again.
    clock.set('2026-11-29T00:00:00+09:00');
    for (let i = 0; i < DEMAND_PER_CALLER_PER_DAY + 3; i++) await openWidget(server);
    expect(rows(server)).toContainEqual({ day: '2026-11-29', kind: 'opened', n: DEMAND_PER_CALLER_PER_DAY });
    const today = await call(boss, 'stats:today', {});
    expect(today).toMatchObject({ day: '2026-11-29', opened: DEMAND_PER_CALLER_PER_DAY, closed: 0, refused: 0, started: 0 });
    const report = await call(boss, 'report:year', { fiscalYear: 2026 });
    expect(report.waits.days.map((d) => [d.period, d.opened, d.closed])).toEqual([
      ['2026-11-28', 1, 2],
      ['2026-11-29', DEMAND_PER_CALLER_PER_DAY, 0],
    ]);
    expect(report.waits.months[7]).toMatchObject({ period: '2026-11', opened: DEMAND_PER_CALLER_PER_DAY + 1, closed: 2, started: 0, answerRate: null });
  });

  it('counts starts the limits refused, once per socket', async () => {
    const clock = manualClock('2026-05-01T10:00:00+09:00');
    const server = await servers.start({ clock, startsPerHour: 1 });
    const [a, b, c] = [clientSocket(server), clientSocket(server), clientSocket(server)];
    servers.track(a, b, c);
    await Promise.all([a, b, c].map(connected));
    expect(await send(a, 'consultation:start', {})).toMatchObject({ ok: true });
    expect(await send(b, 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await send(b, 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await send(c, 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    await openWidget(server);
    expect(rows(server)).toEqual([
      { day: '2026-05-01', kind: 'opened', n: 1 },
      { day: '2026-05-01', kind: 'refused', n: 2 },
    ]);
  });

  it('tells the board of openings and starts turned away with one push per interval, not one per count', async () => {
    const clock = manualClock('2026-05-01T10:00:00+09:00');
    const scheduler = manualScheduler(clock);
    const server = await servers.start({ clock, scheduler });
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    servers.track(boss);
    await connected(boss);
    const pushes: number[] = [];
    boss.on('stats:changed', (f) => pushes.push(f.opened));
    for (let i = 0; i < 5; i++) await openWidget(server);
    const pushed = next(boss, 'stats:changed', (f) => f.opened === 5);
    scheduler.advance(FIGURES_EVERY_MS);
    expect(await pushed).toMatchObject({ day: '2026-05-01', opened: 5 });
    // Round trip to the server and back: any second push would have arrived before this answer.
    await call(boss, 'stats:today', {});
    expect(pushes).toEqual([5]);
  });

  it('does not count a start without its proof of work (a script or a broken client, not a woman turned away)', async () => {
    const server = await servers.start({ powCounter: 200 });
    const a = clientSocket(server);
    servers.track(a);
    await connected(a);
    expect(await send(a, 'consultation:start', {})).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    expect(rows(server)).toEqual([]);
  });

  it('stores a day, a kind and a number only: no column or byte that could tell a caller apart', async () => {
    const clock = manualClock('2026-05-01T10:00:00+09:00');
    const server = await servers.start({ clock, startsPerHour: 1, hours: PROGRAM_HOURS });
    const [a, b] = [clientSocket(server), clientSocket(server)];
    servers.track(a, b);
    await Promise.all([a, b].map(connected));
    await openWidget(server);
    expect(await send(a, 'consultation:start', {})).toMatchObject({ ok: true });
    expect(await send(b, 'consultation:start', {})).toEqual({ ok: false, error: 'RATE_LIMITED' });
    clock.set('2026-05-02T23:00:00+09:00'); // a Saturday night: closed
    expect(await send(b, 'consultation:start', {})).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(rows(server)).toHaveLength(3);

    // Nothing that could tell a caller apart: three columns, a date, a word of the closed list, a count.
    const columns = (server.db.prepare('PRAGMA table_info(demand_day)').all() as { name: string }[]).map((col) => col.name);
    expect(columns).toEqual(['day', 'kind', 'n']);
    for (const r of rows(server)) {
      expect(r.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(DEMAND_KINDS).toContain(r.kind);
      expect(Number.isInteger(r.n)).toBe(true);
    }
    server.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(server.dbPath);
    expect(file.includes('127.0.0.1')).toBe(false);
  });
});
