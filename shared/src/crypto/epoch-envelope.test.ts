import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorIdOf, flipBit } from '../trust/test-fixtures.js';
import { associatedData, newSessionKey, openMessage, sealMessage } from './envelope.js';
import { type EpochEnvelope, messageAssociatedData, openEpochMessage, sealEpochMessage } from './epoch-envelope.js';
import { SequenceTracker } from './message-order.js';

beforeAll(async () => {
  await sodium.ready;
});

const ctx = { consultationId: 'c0nsultation-id-0001', senderRole: 'client' as const, keyEpoch: 1, seq: 3 };
const expected = { consultationId: ctx.consultationId, senderRole: ctx.senderRole, keyEpoch: ctx.keyEpoch };
const body = { kind: 'text' as const, text: '今日は話を聞いてくれてありがとう' };

describe('v2 associated data', () => {
  it('is length-prefixed: tag, consultation id, sender role, epoch (u64), seq (u64)', () => {
    const ad = messageAssociatedData(ctx);
    const tag = 'tsunagari/message/v2';
    expect(ad.length).toBe(4 + tag.length + 4 + ctx.consultationId.length + 4 + 'client'.length + 12 + 12);
    const view = new DataView(ad.buffer);
    expect(view.getBigUint64(ad.length - 8)).toBe(3n);
    expect(view.getBigUint64(ad.length - 20)).toBe(1n);
  });

  it('differs from the v1 bytes and for every field', () => {
    const base = messageAssociatedData(ctx);
    expect(base).not.toEqual(associatedData(ctx));
    for (const other of [{ ...ctx, keyEpoch: 2 }, { ...ctx, seq: 4 }, { ...ctx, senderRole: 'counselor' as const }, { ...ctx, consultationId: 'x' }]) {
      expect(messageAssociatedData(other)).not.toEqual(base);
    }
  });
});

describe('epoch envelopes', () => {
  it('round-trip, and carry their epoch beside today’s fields', () => {
    const key = newSessionKey(sodium);
    const env = sealEpochMessage(sodium, key, ctx, body);
    expect(env).toMatchObject({ consultationId: ctx.consultationId, keyEpoch: 1, seq: 3 });
    expect(openEpochMessage(sodium, key, expected, env)).toEqual(body);
  });

  it.each<[string, (e: EpochEnvelope) => EpochEnvelope, Partial<typeof expected>]>([
    ['replayed into the next epoch (same key reused by mistake)', (e) => ({ ...e, keyEpoch: 2 }), { keyEpoch: 2 }],
    ['moved to another consultation the receiver has open', (e) => ({ ...e, consultationId: 'other' }), { consultationId: 'other' }],
    ['with its seq changed by the relay', (e) => ({ ...e, seq: 4 }), {}],
    ['with a flipped ciphertext bit', (e) => ({ ...e, ciphertext: flipBit(e.ciphertext, 4) }), {}],
    ['with a seq that is not a whole number', (e) => ({ ...e, seq: 1.5 }), {}],
  ])('refuse a message %s', (_name, tamper, receiverExpects) => {
    const key = newSessionKey(sodium);
    const env = tamper(sealEpochMessage(sodium, key, ctx, body));
    expect(errorIdOf(() => openEpochMessage(sodium, key, { ...expected, ...receiverExpects }, env))).toBe('DECRYPT_FAILED');
  });

  it('use the receiver’s expectation, not the envelope’s claim: a relabelled envelope does not open', () => {
    const key = newSessionKey(sodium);
    const env = sealEpochMessage(sodium, key, ctx, body);
    expect(errorIdOf(() => openEpochMessage(sodium, key, { ...expected, senderRole: 'counselor' }, env))).toBe('DECRYPT_FAILED');
  });

  it('do not open as v1 and v1 does not open as v2 (no downgrade between formats)', () => {
    const key = newSessionKey(sodium);
    const v2 = sealEpochMessage(sodium, key, ctx, body);
    expect(errorIdOf(() => openMessage(sodium, key, 'client', v2))).toBe('DECRYPT_FAILED');
    const v1: EpochEnvelope = { ...sealMessage(sodium, key, ctx, body), keyEpoch: 1 };
    expect(errorIdOf(() => openEpochMessage(sodium, key, expected, v1))).toBe('DECRYPT_FAILED');
  });

  it('with the tracker, a relay that replays one message and drops another is seen', () => {
    const key = newSessionKey(sodium);
    const sent = [1, 2, 3, 4].map((seq) => sealEpochMessage(sodium, key, { ...ctx, seq }, { kind: 'text', text: `m${seq}` }));
    const delivered = [sent[0], sent[1], sent[1], sent[3]] as EpochEnvelope[];
    const tracker = new SequenceTracker();
    const outcomes = delivered.map((env) => {
      openEpochMessage(sodium, key, expected, env);
      return tracker.observe('client', env.keyEpoch, env.seq);
    });
    expect(outcomes).toEqual([{ kind: 'ok' }, { kind: 'ok' }, { kind: 'repeat' }, { kind: 'gap', missingFrom: 3, missingTo: 3 }]);
  });
});
