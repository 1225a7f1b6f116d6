import type { StoredMessage } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { decryptMissing, lastMessageId, mergeMessages, nextCounselorSeq } from './messages.js';

const msg = (id: number, senderRole: 'client' | 'counselor', seq: number): StoredMessage => ({
  id,
  consultationId: 'c1c1c1c1c1c1c1c1',
  senderRole,
  seq,
  nonce: 'n',
  ciphertext: `ct${id}`,
  sentAt: '2025-04-01T01:00:00.000Z',
});

describe('mergeMessages', () => {
  it('dedupes by id and orders by id', () => {
    const merged = mergeMessages([msg(1, 'client', 1), msg(3, 'client', 2)], [msg(2, 'counselor', 1), msg(3, 'client', 2)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('returns the same list when nothing comes in', () => {
    const list = [msg(1, 'client', 1)];
    expect(mergeMessages(list, [])).toBe(list);
  });
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

describe('lastMessageId', () => {
  it('is 0 for none', () => {
    expect(lastMessageId([])).toBe(0);
    expect(lastMessageId([msg(7, 'client', 1), msg(3, 'client', 2)])).toBe(7);
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
