import { describe, expect, test } from 'vitest';
import type { ChatMessage } from './consultation-types.js';
import { addPending, lastClientSeq, lastStoredId, markFailed, markPending, mergeStored, pendingKey, storedKey } from './messages.js';

const stored = (id: number, from: 'client' | 'counselor', seq: number, text: string | null = `m${id}`): ChatMessage => ({
  key: storedKey(id),
  id,
  from,
  seq,
  text,
  state: 'sent',
});
const pending = (seq: number, text = `p${seq}`): ChatMessage => ({
  key: pendingKey(seq),
  id: null,
  from: 'client',
  seq,
  text,
  state: 'pending',
  envelope: { consultationId: 'c'.repeat(22), seq, nonce: 'n'.repeat(32), ciphertext: 'x'.repeat(22) },
});

describe('mergeStored', () => {
  test('keeps one copy per id and orders by id', () => {
    const list = mergeStored([stored(2, 'counselor', 2)], [stored(1, 'counselor', 1), stored(2, 'counselor', 2), stored(3, 'counselor', 3)]);
    expect(list.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  test('a stored copy replaces her pending message with the same seq', () => {
    const list = mergeStored([stored(1, 'counselor', 1), pending(1, 'hello')], [stored(2, 'client', 1, 'hello')]);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ id: 2, from: 'client', seq: 1, state: 'sent', text: 'hello', key: 's2' });
    expect(list[1]?.envelope).toBeUndefined();
  });

  test('keeps her typed text when the stored copy does not decrypt', () => {
    const list = mergeStored([pending(1, 'typed')], [stored(5, 'client', 1, null)]);
    expect(list).toEqual([expect.objectContaining({ id: 5, text: 'typed' })]);
  });

  test('a counselor message with the same seq does not touch her pending one', () => {
    const list = mergeStored([pending(1)], [stored(1, 'counselor', 1)]);
    expect(list.map((m) => m.key)).toEqual(['s1', 'c1']);
  });

  test('pending messages stay after stored ones, in seq order', () => {
    const list = mergeStored([pending(3), pending(2)], [stored(9, 'counselor', 4)]);
    expect(list.map((m) => m.key)).toEqual(['s9', 'c2', 'c3']);
  });

  test('ignores messages without an id and does not mutate its input', () => {
    const before = [pending(1)];
    const list = mergeStored(before, [pending(7)]);
    expect(list).toEqual(before);
    expect(list).not.toBe(before);
  });
});

describe('pending state', () => {
  test('markFailed and markPending change only her unacknowledged message', () => {
    const list = addPending([stored(1, 'counselor', 1)], pending(1));
    const failed = markFailed(list, 1);
    expect(failed.map((m) => m.state)).toEqual(['sent', 'failed']);
    expect(markPending(failed, 1).map((m) => m.state)).toEqual(['sent', 'pending']);
  });

  test('a failure because she sent too fast is remembered until she sends it again', () => {
    const busy = markFailed([pending(1)], 1, true);
    expect(busy[0]).toMatchObject({ state: 'failed', failedBusy: true });
    expect(markFailed([pending(1)], 1)[0]?.failedBusy).toBeUndefined();
    expect(markPending(busy, 1)[0]).not.toHaveProperty('failedBusy');
  });
});

describe('counters', () => {
  test('lastStoredId is 0 for an empty list and the max id otherwise', () => {
    expect(lastStoredId([])).toBe(0);
    expect(lastStoredId([stored(4, 'client', 1), pending(2), stored(7, 'counselor', 3)])).toBe(7);
  });

  test('lastClientSeq counts only her messages, pending included', () => {
    expect(lastClientSeq([stored(4, 'client', 1), pending(2), stored(7, 'counselor', 9)])).toBe(2);
  });
});
