import type { EnvelopePayload, MessageBody } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { Outbox, pendingKey } from './outbox.js';
import { sendLimitOf } from './types.js';

/** Just enough of an envelope: its ciphertext records what was sealed. */
const envelope = (seq: number, body: MessageBody, keyEpoch = 0): EnvelopePayload => ({ consultationId: 'c1', keyEpoch, seq, nonce: 'n', ciphertext: JSON.stringify(body) });

function outboxWith(...bodies: Array<[number, MessageBody] | [number, MessageBody, number]>): Outbox {
  const box = new Outbox();
  for (const [seq, body, epoch] of bodies) box.add(body, envelope(seq, body, epoch));
  return box;
}

describe('Outbox', () => {
  it('holds text and intake as pending entries that keep their envelope for a resend', () => {
    const box = outboxWith([2, { kind: 'text', text: 'こんにちは' }], [1, { kind: 'intake', danger: 'yes' }]);
    expect(box.view()).toEqual([
      { key: 'c0.1', id: null, from: 'client', epoch: 0, seq: 1, text: null, intake: { danger: 'yes' }, state: 'pending' },
      { key: 'c0.2', id: null, from: 'client', epoch: 0, seq: 2, text: 'こんにちは', state: 'pending' },
    ]);
    expect(box.get('c0.2')?.envelope.ciphertext).toBe('{"kind":"text","text":"こんにちは"}');
    expect(box.get('c0.1')?.envelope.ciphertext).toBe('{"kind":"intake","danger":"yes"}');
    expect(box.get('c0.3')).toBeUndefined();
  });

  it('keys by epoch and seq: seq 1 of two epochs are two messages, older epoch first', () => {
    const box = outboxWith([1, { kind: 'text', text: 'new' }, 1], [1, { kind: 'text', text: 'old' }, 0], [2, { kind: 'text', text: 'old2' }, 0]);
    expect(pendingKey(1, 1)).toBe('c1.1');
    expect(box.view().map((m) => [m.key, m.text])).toEqual([
      ['c0.1', 'old'],
      ['c0.2', 'old2'],
      ['c1.1', 'new'],
    ]);
  });

  it('carries unacknowledged messages over a reload sealed (no plaintext), and resends all but failed ones', () => {
    const box = outboxWith([2, { kind: 'intake', ageBand: '30s' }], [3, { kind: 'text', text: 'm3' }], [4, { kind: 'text', text: 'm4' }]);
    box.fail('c0.3', false);
    expect(box.unsent()).toEqual([envelope(2, { kind: 'intake', ageBand: '30s' }), envelope(3, { kind: 'text', text: 'm3' }), envelope(4, { kind: 'text', text: 'm4' })]);
    expect(box.resendable()).toEqual(['c0.2', 'c0.4']);
  });

  it('resends her intake even after it failed: it is never shown, so she cannot retry it', () => {
    const box = outboxWith([1, { kind: 'intake' }], [2, { kind: 'text', text: 'm2' }]);
    box.fail('c0.1', false);
    box.fail('c0.2', false);
    expect(box.resendable()).toEqual(['c0.1']);
  });

  it('carries the time she wrote it from the body; a body without one shows none', () => {
    const writtenAt = '2026-11-30T04:05:09.123Z';
    const box = outboxWith([1, { kind: 'intake', writtenAt }], [2, { kind: 'text', text: 'いま', writtenAt }], [3, { kind: 'text', text: 'むかし' }]);
    expect(box.view().map((m) => [m.seq, m.writtenAt ?? null, m.intake ?? null])).toEqual([
      [1, writtenAt, {}],
      [2, writtenAt, null],
      [3, null, null],
    ]);
  });

  it('STORAGE_FULL is a limit of its own (the relay is full), worded in the log, with a retry', () => {
    expect(sendLimitOf('STORAGE_FULL')).toBe('storage');
    const box = outboxWith([1, { kind: 'text', text: 'a' }]);
    box.fail('c0.1', false, sendLimitOf('STORAGE_FULL'));
    expect(box.view()[0]).toMatchObject({ state: 'failed', failedLimit: 'storage' });
    box.retry('c0.1');
    expect(box.view()[0]?.failedLimit).toBeUndefined();
  });

  it('fail and retry change only that message', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }], [2, { kind: 'text', text: 'b' }]);
    box.fail('c0.1', false);
    expect(box.view().map((m) => m.state)).toEqual(['failed', 'pending']);
    box.retry('c0.1');
    expect(box.view().map((m) => m.state)).toEqual(['pending', 'pending']);
    box.fail('c0.9', true);
    expect(box.view()).toHaveLength(2);
  });

  it('a failure because she sent too fast is remembered until she sends it again', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }]);
    box.fail('c0.1', true);
    expect(box.view()[0]).toMatchObject({ state: 'failed', failedBusy: true });
    box.fail('c0.1', false);
    expect(box.view()[0]?.failedBusy).toBeUndefined();
    box.fail('c0.1', true);
    box.retry('c0.1');
    expect(box.view()[0]).not.toHaveProperty('failedBusy');
  });

  it('a failure because the relay keeps no more of hers says which limit, until she sends it again', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }], [2, { kind: 'text', text: 'b' }]);
    box.fail('c0.1', false, sendLimitOf('WAITING_LIMIT'));
    box.fail('c0.2', false, sendLimitOf('CONSULTATION_FULL'));
    expect(box.view().map((m) => m.failedLimit)).toEqual(['waiting', 'full']);
    box.retry('c0.1');
    expect(box.view()[0]).not.toHaveProperty('failedLimit');
    box.fail('c0.2', false, sendLimitOf('INTERNAL'));
    expect(box.view()[1]).not.toHaveProperty('failedLimit');
  });

  it('take removes it (acknowledged, or its stored copy came back), with what she wrote', () => {
    const box = outboxWith([1, { kind: 'text', text: 'a' }]);
    expect(box.take('c0.1')).toMatchObject({ key: 'c0.1', body: { kind: 'text', text: 'a' } });
    expect(box.take('c0.1')).toBeUndefined();
    expect(box.view()).toEqual([]);
    expect(box.unsent()).toEqual([]);
  });

  it('an envelope restored after a reload that no longer opens is still sent, shown without text', () => {
    const box = new Outbox();
    box.add(null, envelope(5, { kind: 'text', text: 'x' }));
    expect(box.view()).toEqual([expect.objectContaining({ key: 'c0.5', text: null, state: 'pending' })]);
    expect(box.resendable()).toEqual(['c0.5']);
  });
});
