import type { StoredMessage } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { decryptMissing, nextCounselorSeq } from './messages.js';

// Merging by id and the catch-up's last id are the shared client's (mergeById, lastId); their
// tests are in shared/src/client/messages.test.ts.

const msg = (id: number, senderRole: 'client' | 'counselor', seq: number): StoredMessage => ({
  id,
  consultationId: 'c1c1c1c1c1c1c1c1',
  senderRole,
  seq,
  nonce: 'n',
  ciphertext: `ct${id}`,
  sentAt: '2025-04-01T01:00:00.000Z',
});

describe('nextCounselorSeq', () => {
  it('starts at 1', () => {
    expect(nextCounselorSeq([])).toBe(1);
  });

  it('continues from the highest counselor seq, ignoring the client side', () => {
    expect(nextCounselorSeq([msg(1, 'client', 9), msg(2, 'counselor', 4), msg(3, 'counselor', 2)])).toBe(5);
  });

  it('skips seqs reserved for sends still in flight', () => {
    expect(nextCounselorSeq([msg(2, 'counselor', 4)], 6)).toBe(7);
    expect(nextCounselorSeq([msg(2, 'counselor', 4)], 2)).toBe(5);
  });
});

describe('decryptMissing', () => {
  it('decrypts only what is new and turns failures into null', () => {
    const calls: number[] = [];
    const open = (m: StoredMessage) => {
      calls.push(m.id);
      if (m.id === 2) throw new Error('bad');
      return `text${m.id}`;
    };
    const first = decryptMissing([msg(1, 'client', 1), msg(2, 'client', 2)], new Map(), open);
    expect([...first]).toEqual([
      [1, 'text1'],
      [2, null],
    ]);
    const second = decryptMissing([msg(1, 'client', 1), msg(2, 'client', 2), msg(3, 'client', 3)], first, open);
    expect(second.get(3)).toBe('text3');
    expect(calls).toEqual([1, 2, 3]);
    expect(decryptMissing([msg(1, 'client', 1)], second, open)).toBe(second);
  });
});
