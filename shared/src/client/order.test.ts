import { describe, expect, it } from 'vitest';
import { MessageOrder, NO_ORDER_NOTICE } from './order.js';

const from = (senderRole: 'client' | 'counselor', seq: number, keyEpoch = 0) => ({ senderRole, keyEpoch, seq });

describe('MessageOrder: what the receiver tells her about dropped and replayed messages', () => {
  it('says nothing while every message comes once and in order, in each epoch from 1', () => {
    const order = new MessageOrder('counselor');
    for (const m of [from('counselor', 1), from('client', 1), from('counselor', 2), from('counselor', 1, 1), from('client', 1, 1)]) {
      expect(order.accept(m)).toBe(true);
    }
    expect(order.notice()).toBe(NO_ORDER_NOTICE);
  });

  it('notices a gap in the other side’s messages until the missing one arrives late', () => {
    const order = new MessageOrder('counselor');
    order.accept(from('counselor', 1));
    expect(order.accept(from('counselor', 3))).toBe(true);
    expect(order.notice()).toEqual({ missing: true, repeated: false });
    expect(order.accept(from('counselor', 2))).toBe(true);
    expect(order.notice()).toEqual({ missing: false, repeated: false });
  });

  it('notices a gap in an older epoch too', () => {
    const order = new MessageOrder('client');
    order.accept(from('client', 1, 0));
    order.accept(from('client', 1, 1));
    order.accept(from('client', 3, 0));
    expect(order.notice().missing).toBe(true);
  });

  it('does not report gaps in the receiver’s own stream (hers wait in the outbox)', () => {
    const order = new MessageOrder('counselor');
    order.accept(from('client', 1));
    order.accept(from('client', 4));
    expect(order.notice()).toBe(NO_ORDER_NOTICE);
  });

  it('refuses a repeat from either side and notices it until the next message is shown', () => {
    const order = new MessageOrder('counselor');
    order.accept(from('counselor', 1));
    order.accept(from('client', 1));
    expect(order.accept(from('counselor', 1))).toBe(false);
    expect(order.notice()).toEqual({ missing: false, repeated: true });
    expect(order.accept(from('client', 1))).toBe(false);
    expect(order.accept(from('counselor', 2))).toBe(true);
    expect(order.notice()).toBe(NO_ORDER_NOTICE);
  });

  it('tells the same seq in two epochs apart: not a repeat', () => {
    const order = new MessageOrder('counselor');
    order.accept(from('counselor', 1, 0));
    expect(order.accept(from('counselor', 1, 1))).toBe(true);
    expect(order.notice()).toBe(NO_ORDER_NOTICE);
  });

  it('refuses a seq that is not a whole number from 1', () => {
    const order = new MessageOrder('counselor');
    expect(order.accept(from('counselor', 0))).toBe(false);
    expect(order.notice().repeated).toBe(true);
  });
});
