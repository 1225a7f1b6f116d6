import { describe, expect, it } from 'vitest';
import type { Scheduler } from '../../scheduler.js';
import { LiveSessions } from './live-sessions.js';

/** A scheduler that only counts its timers (none fires here). */
function countingScheduler(): Scheduler & { pending: Set<number> } {
  let next = 0;
  const pending = new Set<number>();
  return {
    pending,
    set: (_ms: number, _fn: () => void) => {
      next += 1;
      pending.add(next);
      return next;
    },
    clear: (t: unknown) => void pending.delete(t as number),
  } as Scheduler & { pending: Set<number> };
}

describe('live staff sessions', () => {
  it('at shutdown the timers stop but the sessions stay live: an event in flight is not answered NOT_AUTHENTICATED', () => {
    const scheduler = countingScheduler();
    const now = Date.parse('2026-11-30T10:00:00Z');
    const live = new LiveSessions(scheduler, { now: () => new Date(now) });
    live.track('hash-a', 'staff-1', now + 3600_000);
    expect(scheduler.pending.size).toBe(1);
    live.stop();
    expect(scheduler.pending.size).toBe(0);
    expect(live.isLive('hash-a')).toBe(true);
  });

  it('a session that ended is not live, and its sockets are told', () => {
    const scheduler = countingScheduler();
    const now = Date.parse('2026-11-30T10:00:00Z');
    const live = new LiveSessions(scheduler, { now: () => new Date(now) });
    const ended: string[] = [];
    live.onEnded((h) => ended.push(h));
    live.track('hash-a', 'staff-1', now + 3600_000);
    live.endAllOf('staff-1');
    expect(live.isLive('hash-a')).toBe(false);
    expect(ended).toEqual(['hash-a']);
  });
});
