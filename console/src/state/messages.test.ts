import type { StoredMessage } from '@tsunagari/shared';
import { MessageOrder } from '@tsunagari/shared/client';
import { describe, expect, it } from 'vitest';
import { decryptNew, mergeSealedKeys, nextCounselorSeq, sendingKey } from './messages.js';

// Merging by id and the catch-up's last id are the shared client's (mergeById, lastId); their
// tests are in shared/src/client/messages.test.ts.

const msg = (id: number, senderRole: 'client' | 'counselor', seq: number, keyEpoch = 0): StoredMessage => ({
  id,
  consultationId: 'c1c1c1c1c1c1c1c1',
  senderRole,
  keyEpoch,
  seq,
  nonce: 'n',
  ciphertext: `ct${id}`,
});

describe('nextCounselorSeq', () => {
  it('starts at 1', () => {
    expect(nextCounselorSeq([], 0)).toBe(1);
  });

  it('continues from the highest counselor seq, ignoring the client side', () => {
    expect(nextCounselorSeq([msg(1, 'client', 9), msg(2, 'counselor', 4), msg(3, 'counselor', 2)], 0)).toBe(5);
  });

  it('skips seqs reserved for sends still in flight', () => {
    expect(nextCounselorSeq([msg(2, 'counselor', 4)], 0, { epoch: 0, seq: 6 })).toBe(7);
    expect(nextCounselorSeq([msg(2, 'counselor', 4)], 0, { epoch: 0, seq: 2 })).toBe(5);
  });

  it('starts again from 1 in a new epoch, whatever was used or reserved in the one before', () => {
    expect(nextCounselorSeq([msg(2, 'counselor', 4, 0)], 1, { epoch: 0, seq: 6 })).toBe(1);
    expect(nextCounselorSeq([msg(2, 'counselor', 4, 0), msg(3, 'counselor', 1, 1)], 1)).toBe(2);
  });
});

describe('epoch keys', () => {
  it('she sends with the newest epoch she holds', () => {
    const [k0, k3] = [new Uint8Array([0]), new Uint8Array([3])];
    expect(sendingKey(new Map())).toBeNull();
    expect(sendingKey(new Map([[3, k3], [0, k0]]))).toEqual({ epoch: 3, key: k3 });
  });

  it('merges sealed keys by epoch, newest sealing of an epoch kept, nothing once seen dropped', () => {
    const held = [{ keyEpoch: 0, sealedKey: 'a0' }];
    expect(mergeSealedKeys(held, [])).toBe(held);
    expect(mergeSealedKeys(held, [{ keyEpoch: 0, sealedKey: 'a0' }])).toBe(held);
    expect(mergeSealedKeys(held, [{ keyEpoch: 1, sealedKey: 'b1' }, { keyEpoch: 0, sealedKey: 'b0' }])).toEqual([
      { keyEpoch: 0, sealedKey: 'b0' },
      { keyEpoch: 1, sealedKey: 'b1' },
    ]);
  });
});

describe('decryptNew', () => {
  const chat = (messages: StoredMessage[], plain: Map<number, string | null> = new Map()) => ({ messages, plain, order: new MessageOrder('client') });
  const opener = (calls: number[]) => (m: StoredMessage) => {
    calls.push(m.id);
    if (m.id === 2) throw new Error('bad');
    return `text${m.id}`;
  };
  const all = () => true;

  it('decrypts only what is new and turns failures into null', () => {
    const calls: number[] = [];
    const c = chat([msg(1, 'client', 1), msg(2, 'client', 2)]);
    const first = decryptNew(c, all, opener(calls));
    expect([...first.plain]).toEqual([
      [1, 'text1'],
      [2, null],
    ]);
    const second = decryptNew({ ...c, messages: [...c.messages, msg(3, 'client', 3)], plain: first.plain }, all, opener(calls));
    expect(second.plain.get(3)).toBe('text3');
    expect(calls).toEqual([1, 2, 3]);
    expect(decryptNew({ ...c, plain: second.plain }, all, opener(calls)).plain).toBe(second.plain);
  });

  it('leaves a message whose epoch key has not come yet waiting, not failed', () => {
    const c = chat([msg(1, 'client', 1, 0), msg(4, 'client', 1, 1)]);
    const out = decryptNew(c, (epoch) => epoch === 0, opener([]));
    expect([...out.plain.keys()]).toEqual([1]);
    expect(decryptNew({ ...c, plain: out.plain }, all, opener([])).plain.get(4)).toBe('text4');
  });

  it('takes a replayed copy (another id, the same sender, epoch and seq) out of the list, and notices it', () => {
    const c = chat([msg(1, 'client', 1), msg(5, 'client', 2), msg(9, 'client', 2)]);
    const out = decryptNew(c, all, opener([]));
    expect(out.messages.map((m) => m.id)).toEqual([1, 5]);
    expect(out.dropped.map((m) => m.id)).toEqual([9]);
    expect(c.order.notice()).toEqual({ missing: false, repeated: true });
  });

  it('notices a gap in her messages; what did not decrypt is not counted', () => {
    const c = chat([msg(1, 'client', 1), msg(2, 'client', 7), msg(3, 'client', 3)]);
    decryptNew(c, all, opener([]));
    expect(c.order.notice()).toEqual({ missing: true, repeated: false });
  });
});
