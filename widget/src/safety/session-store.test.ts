import { describe, expect, it } from 'vitest';
import { fakeStore } from './fake-store.js';
import { loadSession, saveSession, SESSION_KEY, type SavedSession, wipeSession } from './session-store.js';

const saved: SavedSession = {
  v: 2,
  consultationId: 'c'.repeat(22),
  clientToken: 't'.repeat(43),
  keys: ['k'.repeat(43), '', 'j'.repeat(43)],
  seq: 3,
  unsent: [
    { consultationId: 'c'.repeat(22), keyEpoch: 2, seq: 1, nonce: 'n'.repeat(32), ciphertext: 'sealed-intake' },
    { consultationId: 'c'.repeat(22), keyEpoch: 2, seq: 3, nonce: 'n'.repeat(32), ciphertext: 'sealed-text' },
  ],
  grant: { staffId: 's'.repeat(22), assignedAt: '2026-11-30T01:00:00.000Z', done: false },
};

const NOW = Date.parse('2026-11-30T01:00:00.000Z');

describe('session store (sessionStorage only, for a reload)', () => {
  it('round-trips one entry under one key', () => {
    const kv = fakeStore();
    saveSession(saved, NOW + 1, kv);
    expect([...kv.map.keys()]).toEqual([SESSION_KEY]);
    expect(loadSession(NOW, kv)).toEqual(saved);
  });

  it('keeps it only until its expiry, then removes it before anyone sees it', () => {
    const kv = fakeStore();
    saveSession(saved, NOW + 60_000, kv);
    expect(JSON.parse(kv.getItem(SESSION_KEY) ?? '{}').until).toBe(NOW + 60_000);
    expect(loadSession(NOW + 59_999, kv)).toEqual(saved);
    expect(loadSession(NOW + 60_000, kv)).toBeNull();
    expect(kv.map.size).toBe(0);
    // A record without an expiry (written before issue 15) is not carried on either.
    kv.setItem(SESSION_KEY, JSON.stringify(saved));
    expect(loadSession(NOW, kv)).toBeNull();
    expect(kv.map.size).toBe(0);
  });

  it('wipes it', () => {
    const kv = fakeStore();
    saveSession(saved, NOW + 1, kv);
    wipeSession(kv);
    expect(kv.map.size).toBe(0);
    expect(loadSession(NOW, kv)).toBeNull();
  });

  it('drops a malformed entry', () => {
    const kv = fakeStore();
    kv.setItem(SESSION_KEY, '{"v":1,"consultationId":3}');
    expect(loadSession(NOW, kv)).toBeNull();
    expect(kv.map.size).toBe(0);
    kv.setItem(SESSION_KEY, 'not json');
    expect(loadSession(NOW, kv)).toBeNull();
    // A record from before the key epochs (one key, plaintext on its way) is not carried on.
    kv.setItem(SESSION_KEY, JSON.stringify({ v: 1, consultationId: 'c', clientToken: 't', key: 'k', seq: 1, unsent: [{ seq: 1, body: { kind: 'text', text: 'x' } }] }));
    expect(loadSession(NOW, kv)).toBeNull();
    expect(kv.map.size).toBe(0);
    // Nor one whose messages on their way are not sealed envelopes.
    kv.setItem(SESSION_KEY, JSON.stringify({ ...saved, unsent: [{ seq: 1, body: { kind: 'text', text: 'x' } }] }));
    expect(loadSession(NOW, kv)).toBeNull();
  });

  it('survives a store that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(() => saveSession(saved, NOW + 1, throwing)).not.toThrow();
    expect(loadSession(NOW, throwing)).toBeNull();
    expect(() => wipeSession(throwing)).not.toThrow();
  });
});
