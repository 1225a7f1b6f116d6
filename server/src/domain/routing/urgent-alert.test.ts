import { describe, expect, it } from 'vitest';
import { defaultRoutingOptions } from './options.js';
import type { QueueItem } from './types.js';
import { urgentAlert } from './urgent-alert.js';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const item = (i: number, urgent: boolean, minutesAgo: number, requeued = false): QueueItem => ({
  consultationId: `c${i}`,
  urgent,
  requeued,
  queuedAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
  campaign: null,
});

describe('urgentAlert (defaults: more than half of at least 6 waiting were urgent starts in the last 10 minutes)', () => {
  it('stays quiet below 6 waiting, however many are urgent', () => {
    expect(urgentAlert([1, 2, 3, 4, 5].map((i) => item(i, true, 1)), NOW, defaultRoutingOptions)).toBeNull();
  });

  it('alerts when 4 of 6 are recent urgent starts, and says so in numbers', () => {
    const queue = [item(1, true, 1), item(2, true, 2), item(3, true, 3), item(4, true, 9), item(5, false, 1), item(6, false, 20)];
    expect(urgentAlert(queue, NOW, defaultRoutingOptions)).toEqual({ waiting: 6, urgentRecent: 4, windowMinutes: 10, sharePercent: 50 });
  });

  it('exactly half is not more than half; old urgent starts and requeued chats do not count', () => {
    const half = [item(1, true, 1), item(2, true, 1), item(3, true, 1), item(4, false, 1), item(5, false, 1), item(6, false, 1)];
    expect(urgentAlert(half, NOW, defaultRoutingOptions)).toBeNull();
    const old = [item(1, true, 1), item(2, true, 1), item(3, true, 1), item(4, true, 11), item(5, true, 1, true), item(6, false, 1)];
    expect(urgentAlert(old, NOW, defaultRoutingOptions)).toBeNull();
  });

  it('follows its settings', () => {
    const queue = [item(1, true, 1), item(2, false, 1), item(3, false, 1)];
    expect(urgentAlert(queue, NOW, { urgentAlertMinWaiting: 3, urgentAlertSharePercent: 30, urgentAlertWindowMs: 60_000 })).toMatchObject({ urgentRecent: 1 });
  });
});
