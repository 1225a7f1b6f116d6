import { describe, expect, it } from 'vitest';
import { type ReloadParts, ReloadRecord } from './reload-record.js';

const envelope = { consultationId: 'c1', keyEpoch: 1, seq: 2, nonce: 'n'.repeat(32), ciphertext: 'sealed' };
const grant = { staffId: 's1', assignedAt: '2026-11-30T01:00:00.000Z', done: true };

const parts = (over: Partial<ReloadParts> = {}): ReloadParts => ({
  consultationId: 'c1',
  clientToken: 't1',
  live: true,
  crypto: { exportKeys: () => ['k0'] },
  conversation: { seq: 1, unsent: [] },
  grant: null,
  ...over,
});

describe('ReloadRecord', () => {
  it('hands out what a reload needs, then nothing until it changes', () => {
    const r = new ReloadRecord();
    expect(r.changed(parts())).toEqual({ v: 2, consultationId: 'c1', clientToken: 't1', keys: ['k0'], seq: 1, unsent: [], grant: null });
    expect(r.changed(parts())).toBeNull();
    expect(r.changed(parts({ conversation: { seq: 2, unsent: [envelope] } }))).toMatchObject({ seq: 2, unsent: [envelope] });
    expect(r.changed(parts({ crypto: { exportKeys: () => ['k0', 'k1'] } }))).toMatchObject({ keys: ['k0', 'k1'] });
    expect(r.changed(parts({ crypto: { exportKeys: () => ['k0', 'k1'] }, grant }))).toMatchObject({ grant });
  });

  it('keeps no plaintext: her messages on their way are the sealed envelopes', () => {
    const record = new ReloadRecord().changed(parts({ conversation: { seq: 2, unsent: [envelope] } }));
    expect(JSON.stringify(record)).not.toMatch(/"body"|"text"/);
  });

  it('keeps nothing while not waiting or chatting, without ids, or once the keys are wiped', () => {
    const r = new ReloadRecord();
    expect(r.changed(parts({ live: false }))).toBeNull();
    expect(r.changed(parts({ clientToken: null }))).toBeNull();
    expect(r.changed(parts({ consultationId: null }))).toBeNull();
    expect(r.changed(parts({ crypto: { exportKeys: () => [] } }))).toBeNull();
  });
});
