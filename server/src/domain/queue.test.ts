import { describe, expect, it } from 'vitest';
import { queueEntries } from './queue.js';

describe('queue order', () => {
  it('puts urgent clients first, then the longest waiting, with 1-based positions', () => {
    const entries = queueEntries([
      { id: 'a', urgent: false, queuedAt: '2026-01-01T01:00:00.000Z', campaign: null },
      { id: 'b', urgent: true, queuedAt: '2026-01-01T03:00:00.000Z', campaign: 'flyer' },
      { id: 'c', urgent: false, queuedAt: '2026-01-01T00:30:00.000Z', campaign: null },
      { id: 'd', urgent: true, queuedAt: '2026-01-01T02:00:00.000Z', campaign: null },
    ]);
    expect(entries.map((e) => [e.consultationId, e.position])).toEqual([['d', 1], ['b', 2], ['c', 3], ['a', 4]]);
  });
});
