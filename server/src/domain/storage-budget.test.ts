import { describe, expect, it } from 'vitest';
import type { ClientTally } from '../repositories/types.js';
import { StorageBudget } from './storage-budget.js';
import type { Consultation } from './types.js';

const waiting = (id: string): Consultation => ({
  id, clientTokenHash: 'h', status: 'waiting', campaign: null, urgent: false, queuedAt: '2026-12-01T00:00:00.000Z',
  assignedStaffId: null, assignedAt: null, endedAt: null, endReason: null, endedBy: null,
});

describe('a consultation just started here (issue 17)', () => {
  it('is checked in memory from its first message, without reading a tally, and her waiting limit holds the same', async () => {
    const reads: string[] = [];
    const stored: ClientTally = { bytes: 0, messages: 0, unanswered: 0 };
    const budget = new StorageBudget({ clientTally: async (id) => (reads.push(id), { ...stored }) }, { waitingMessages: 2, consultationBytes: 1_000, consultationMessages: 100 });
    budget.begun('new');
    // Synchronous: no promise, so no read on its way.
    for (let i = 0; i < 3; i++) expect(budget.reserve(waiting('new'), 10)).toBeUndefined();
    expect(() => budget.reserve(waiting('new'), 10)).toThrow(expect.objectContaining({ code: 'WAITING_LIMIT' }));
    expect(reads).toEqual([]);
    // One not begun here (a resume on this node) is read once, as before.
    await budget.reserve(waiting('resumed'), 10);
    expect(reads).toEqual(['resumed']);
  });

  it('a tally already kept or on its way is not reset by a late begun', async () => {
    let answer: (t: ClientTally) => void = () => undefined;
    const budget = new StorageBudget({ clientTally: () => new Promise<ClientTally>((r) => (answer = r)) }, { waitingMessages: 1, consultationBytes: 1_000, consultationMessages: 100 });
    const first = budget.reserve(waiting('c'), 10);
    budget.begun('c');
    answer({ bytes: 20, messages: 2, unanswered: 2 });
    await expect(first).rejects.toMatchObject({ code: 'WAITING_LIMIT' });
    budget.begun('c');
    expect(() => budget.reserve(waiting('c'), 10)).toThrow(expect.objectContaining({ code: 'WAITING_LIMIT' }));
  });
});
