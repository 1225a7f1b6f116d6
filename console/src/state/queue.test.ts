import type { QueueEntry } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { addedEntries, formatClock, formatWait, LONG_WAIT_ALERT_MS, queueLoad, shortLabel, sortQueue, waitedMs } from './queue.js';

const entry = (id: string, over: Partial<QueueEntry> = {}): QueueEntry => ({
  consultationId: id,
  queuedAt: '2025-04-01T01:00:00.000Z',
  urgent: false,
  campaign: null,
  position: 1,
  ...over,
});

describe('sortQueue', () => {
  it('puts urgent entries first, then by position, then by wait', () => {
    const sorted = sortQueue([
      entry('a', { position: 1 }),
      entry('b', { position: 3, urgent: true }),
      entry('c', { position: 2, queuedAt: '2025-04-01T00:59:00.000Z' }),
      entry('d', { position: 2, queuedAt: '2025-04-01T00:58:00.000Z' }),
    ]);
    expect(sorted.map((e) => e.consultationId)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('does not mutate its input', () => {
    const input = [entry('a', { position: 2 }), entry('b', { position: 1 })];
    sortQueue(input);
    expect(input.map((e) => e.consultationId)).toEqual(['a', 'b']);
  });
});

describe('addedEntries', () => {
  it('returns only entries that are new', () => {
    expect(addedEntries([entry('a')], [entry('a'), entry('b')]).map((e) => e.consultationId)).toEqual(['b']);
    expect(addedEntries([entry('a'), entry('b')], [entry('b')])).toEqual([]);
  });
});

describe('formatWait', () => {
  it.each([
    [-5_000, '1分未満'],
    [0, '1分未満'],
    [59_999, '1分未満'],
    [60_000, '1分'],
    [59 * 60_000 + 59_999, '59分'],
    [60 * 60_000, '1時間'],
    [65 * 60_000, '1時間5分'],
    [25 * 60 * 60_000, '25時間'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});

describe('waitedMs', () => {
  it('measures from queuedAt, and treats a bad time as now', () => {
    expect(waitedMs('2025-04-01T01:00:00.000Z', Date.parse('2025-04-01T01:03:00.000Z'))).toBe(180_000);
    expect(waitedMs('not a date', 123)).toBe(0);
  });
});

describe('formatClock', () => {
  it('shows Tokyo time whatever the machine zone', () => {
    expect(formatClock('2025-04-01T01:05:00.000Z')).toBe('10:05');
    expect(formatClock('nope')).toBe('');
  });
});

describe('shortLabel', () => {
  it('uses the first six characters', () => {
    expect(shortLabel('AbCdEfGhIjKlMnOp')).toBe('#AbCdEf');
  });
});

describe('queueLoad (the supervisors board)', () => {
  const NOW = Date.parse('2026-11-30T03:00:00Z');
  const at = (minutesAgo: number, urgent = false): QueueEntry => ({
    consultationId: `c${minutesAgo}`,
    queuedAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    urgent,
    campaign: null,
    position: 1,
  });

  it('is calm with nobody waiting', () => {
    expect(queueLoad([], NOW)).toEqual({ waiting: 0, longestMs: null, urgentWaiting: false, longWait: false });
  });

  it('takes the longest wait, and alerts for an urgent client or a wait at the threshold', () => {
    expect(queueLoad([at(2), at(9)], NOW)).toEqual({ waiting: 2, longestMs: 9 * 60_000, urgentWaiting: false, longWait: false });
    expect(queueLoad([at(2), at(LONG_WAIT_ALERT_MS / 60_000)], NOW).longWait).toBe(true);
    expect(queueLoad([at(1, true)], NOW)).toMatchObject({ urgentWaiting: true, longWait: false });
    // The program's setting, when an admin changed it: 25 minutes.
    expect(queueLoad([at(24)], NOW, 25 * 60_000).longWait).toBe(false);
    expect(queueLoad([at(25)], NOW, 25 * 60_000).longWait).toBe(true);
  });
});
