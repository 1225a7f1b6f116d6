import type { TodayFigures } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, next, send, serverPerTest, staffSocket } from './harness.js';

/**
 * The supervisors' board: how many were taken up today and how many left before anyone could,
 * pushed to staff as it changes and counted by the Tokyo day.
 */
/** The board's figures of a day: nothing counted yet unless given. */
const board = (day: string, more: Partial<TodayFigures> = {}): TodayFigures => ({
  day, started: 0, answered: 0, leftWaiting: 0, answerRate: null, waitP50Sec: null, waitP90Sec: null, opened: 0, closed: 0, refused: 0, ...more,
});

describe("today's figures", () => {
  const servers = serverPerTest();

  it('counts women taken up and women who left while waiting, pushed to staff as they change, and starts again at Tokyo midnight', async () => {
    const clock = manualClock('2026-11-30T23:50:00+09:00');
    const server = await servers.start({ clock });
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    const sato = staffSocket(server, await loginStaff(server, 'sato'));
    const [a, b, c] = [clientSocket(server), clientSocket(server), clientSocket(server)];
    servers.track(boss, sato, a, b, c);
    await Promise.all([boss, sato, a, b, c].map(connected));

    expect(await call(boss, 'stats:today', {})).toEqual(board('2026-11-30'));
    const first = await call(a, 'consultation:start', {});
    const second = await call(b, 'consultation:start', {});

    const taken = next(boss, 'stats:changed', (f) => f.answered === 1);
    await call(sato, 'consultation:take', { consultationId: first.consultationId });
    expect(await taken).toEqual(board('2026-11-30', { started: 2, answered: 1, answerRate: 100, waitP50Sec: 0, waitP90Sec: 0 }));

    const left = next(boss, 'stats:changed', (f) => f.leftWaiting === 1);
    await call(b, 'consultation:end', { consultationId: second.consultationId });
    expect(await left).toEqual(board('2026-11-30', { started: 2, answered: 1, leftWaiting: 1, answerRate: 50, waitP50Sec: 0, waitP90Sec: 0 }));

    // An answered chat that ends is still answered, not left.
    await call(a, 'consultation:end', { consultationId: first.consultationId });
    expect(await call(sato, 'stats:today', {})).toEqual(board('2026-11-30', { started: 2, answered: 1, leftWaiting: 1, answerRate: 50, waitP50Sec: 0, waitP90Sec: 0 }));

    // Past midnight in Tokyo (15:00 UTC) the board starts from nothing; today's rows count again.
    clock.set('2026-12-01T00:00:00+09:00');
    expect(await call(boss, 'stats:today', {})).toEqual(board('2026-12-01'));
    const third = await call(c, 'consultation:start', {});
    // The new day's push (a push of yesterday's figures, made before midnight, may still arrive:
    // on PostgreSQL the figures of the first chat's end came after the clock had moved).
    const quick = next(boss, 'stats:changed', (f) => f.day === '2026-12-01' && f.leftWaiting === 1);
    await call(c, 'consultation:quick-exit', { consultationId: third.consultationId });
    expect(await quick).toEqual(board('2026-12-01', { started: 1, leftWaiting: 1, answerRate: 0 }));
  });

  it('is not for her: a client asking gets FORBIDDEN', async () => {
    const server = await servers.start();
    const client = clientSocket(server);
    servers.track(client);
    await connected(client);
    expect(await send(client, 'stats:today', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
  });
});
