import { describe, expect, it } from 'vitest';
import { type ReloadParts, ReloadRecord } from './reload-record.js';

const parts = (over: Partial<ReloadParts> = {}): ReloadParts => ({
  consultationId: 'c1',
  clientToken: 't1',
  live: true,
  crypto: { exportKey: () => 'k1' },
  conversation: { seq: 1, unsent: [] },
  ...over,
});

describe('ReloadRecord', () => {
  it('hands out what a reload needs, then nothing until it changes', () => {
    const r = new ReloadRecord();
    expect(r.changed(parts())).toEqual({ v: 1, consultationId: 'c1', clientToken: 't1', key: 'k1', seq: 1, unsent: [] });
    expect(r.changed(parts())).toBeNull();
    const more = parts({ conversation: { seq: 2, unsent: [{ seq: 2, body: { kind: 'text', text: 'まだ' } }] } });
    expect(r.changed(more)).toMatchObject({ seq: 2, unsent: [{ seq: 2 }] });
    expect(r.changed(parts({ crypto: { exportKey: () => 'k2' } }))).toMatchObject({ key: 'k2' });
  });

  it('keeps nothing while not waiting or chatting, without ids, or once the key is wiped', () => {
    const r = new ReloadRecord();
    expect(r.changed(parts({ live: false }))).toBeNull();
    expect(r.changed(parts({ clientToken: null }))).toBeNull();
    expect(r.changed(parts({ consultationId: null }))).toBeNull();
    const wiped = () => {
      throw new Error('session key wiped');
    };
    expect(r.changed(parts({ crypto: { exportKey: wiped } }))).toBeNull();
  });
});
