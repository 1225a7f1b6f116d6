import { describe, expect, it } from 'vitest';
import { type CallerLedgerStore, MemoryCallerLedgerStore } from './caller-ledger-store.js';

describe('MemoryCallerLedgerStore: nuisance blocks', () => {
  it('keeps a block for its own day, and a later day\'s block drops the blocks of earlier days', async () => {
    const store: CallerLedgerStore = new MemoryCallerLedgerStore();
    await store.block('network-a', '2026-12-01', 1000);
    await store.block('network-b', '2026-12-01', 1000);
    expect(await store.blockedDay('network-a')).toBe('2026-12-01');
    await store.block('network-c', '2026-12-02', 1000);
    // Yesterday's blocks are over: memory holds only today's.
    expect(await store.blockedDay('network-a')).toBeNull();
    expect(await store.blockedDay('network-b')).toBeNull();
    expect(await store.blockedDay('network-c')).toBe('2026-12-02');
  });
});
