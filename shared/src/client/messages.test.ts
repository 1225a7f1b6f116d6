import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../protocol/events.js';
import { lastId, lastSeq, mergeById, nextSeq } from './messages.js';

const msg = (id: number, senderRole: 'client' | 'counselor', seq: number, ciphertext = `ct${id}`, keyEpoch = 0): StoredMessage => ({
  id,
  consultationId: 'c1c1c1c1c1c1c1c1',
  senderRole,
  keyEpoch,
  seq,
  nonce: 'n',
  ciphertext,
});

describe('mergeById', () => {
  it('keeps one copy per id and orders by id', () => {
    const merged = mergeById([msg(3, 'client', 2), msg(1, 'client', 1)], [msg(2, 'counselor', 1), msg(3, 'client', 2), msg(2, 'counselor', 1)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('the copy already held wins over a later one with the same id', () => {
    const merged = mergeById([msg(1, 'client', 1, 'held')], [msg(1, 'client', 1, 'later')]);
    expect(merged.map((m) => m.ciphertext)).toEqual(['held']);
  });

  it('returns the same list when nothing new comes in, and never mutates its input', () => {
    const list = [msg(1, 'client', 1)];
    expect(mergeById(list, [])).toBe(list);
    expect(mergeById(list, [msg(1, 'client', 1)])).toBe(list);
    const grown = mergeById(list, [msg(2, 'client', 2)]);
    expect(grown).not.toBe(list);
    expect(list).toHaveLength(1);
  });
});

describe('lastId', () => {
  it('is 0 for none and the highest id otherwise', () => {
    expect(lastId([])).toBe(0);
    expect(lastId([msg(7, 'client', 1), msg(3, 'client', 2)])).toBe(7);
  });
});

describe('seq', () => {
  it('lastSeq counts only the given sender', () => {
    expect(lastSeq([msg(1, 'client', 9), msg(2, 'counselor', 4)], 'counselor', 0)).toBe(4);
    expect(lastSeq([msg(2, 'counselor', 4)], 'client', 0)).toBe(0);
  });

  it('nextSeq starts at 1 and continues from the sender’s highest, ignoring the other side', () => {
    expect(nextSeq([], 'counselor', 0)).toBe(1);
    expect(nextSeq([msg(1, 'client', 9), msg(2, 'counselor', 4), msg(3, 'counselor', 2)], 'counselor', 0)).toBe(5);
  });

  it('never reuses a seq, whether the reserved counter or the list is ahead', () => {
    expect(nextSeq([msg(2, 'counselor', 4)], 'counselor', 0, 6)).toBe(7);
    expect(nextSeq([msg(2, 'counselor', 4)], 'counselor', 0, 2)).toBe(5);
  });

  it('counts each key epoch on its own: a new epoch starts again from 1', () => {
    const list = [msg(1, 'counselor', 7, 'a', 0), msg(2, 'counselor', 2, 'b', 1), msg(3, 'client', 9, 'c', 1)];
    expect(lastSeq(list, 'counselor', 0)).toBe(7);
    expect(lastSeq(list, 'counselor', 1)).toBe(2);
    expect(nextSeq(list, 'counselor', 2)).toBe(1);
    expect(nextSeq(list, 'client', 1)).toBe(10);
  });
});
