import type { EnvelopePayload, MessageBody } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

/** Just enough of an envelope: its ciphertext records what was sealed. */
const envelope = (seq: number, body: MessageBody): EnvelopePayload => ({ consultationId: 'c1', seq, nonce: 'n', ciphertext: JSON.stringify(body) });

function outboxWith(...bodies: Array<[number, MessageBody]>): Outbox {
  const box = new Outbox();
  for (const [seq, body] of bodies) box.add(seq, body, envelope(seq, body));
  return box;
}

describe('Outbox', () => {
  it('holds text and intake as pending entries that keep their envelope for a resend', () => {
    const box = outboxWith([2, { kind: 'text', text: 'こんにちは' }], [1, { kind: 'intake', danger: 'yes' }]);
    expect(box.view()).toEqual([
      { key: 'c1', id: null, from: 'client', seq: 1, text: null, intake: { danger: 'yes' }, state: 'pending' },
      { key: 'c2', id: null, from: 'client', seq: 2, text: 'こんにちは', state: 'pending' },
    ]);
    expect(box.envelope(2)?.ciphertext).toBe('{"kind":"text","text":"こんにちは"}');
    expect(box.envelope(1)?.ciphertext).toBe('{"kind":"intake","danger":"yes"}');
    expect(box.envelope(3)).toBeUndefined();
  });

  it('carries unacknowledged messages (text and intake) over a reload, and resends all but failed ones', () => {
    const box = outboxWith([2, { kind: 'intake', ageBand: '30s' }], [3, { kind: 'text', text: 'm3' }], [4, { kind: 'text', text: 'm4' }]);
    box.fail(3, false);
    expect(box.unsent()).toEqual([
      { seq: 2, body: { kind: 'intake', ageBand: '30s' } },
      { seq: 3, body: { kind: 'text', text: 'm3' } },
      { seq: 4, body: { kind: 'text', text: 'm4' } },
    ]);
    expect(box.resendable()).toEqual([2, 4]);
  });

  it('fail and retry change only that message', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }], [2, { kind: 'text', text: 'b' }]);
    box.fail(1, false);
    expect(box.view().map((m) => m.state)).toEqual(['failed', 'pending']);
    box.retry(1);
    expect(box.view().map((m) => m.state)).toEqual(['pending', 'pending']);
    box.fail(9, true);
    expect(box.view()).toHaveLength(2);
  });

  it('a failure because she sent too fast is remembered until she sends it again', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }]);
    box.fail(1, true);
    expect(box.view()[0]).toMatchObject({ state: 'failed', failedBusy: true });
    box.fail(1, false);
    expect(box.view()[0]?.failedBusy).toBeUndefined();
    box.fail(1, true);
    box.retry(1);
    expect(box.view()[0]).not.toHaveProperty('failedBusy');
  });

  it('take removes it (acknowledged, or its stored copy came back), with what she wrote', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }]);
    expect(box.take(1)).toMatchObject({ seq: 1, body: { kind: 'text', text: 'a' } });
    expect(box.take(1)).toBeUndefined();
    expect(box.view()).toEqual([]);
    expect(box.unsent()).toEqual([]);
  });
});
