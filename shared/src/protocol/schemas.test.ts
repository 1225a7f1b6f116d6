import { describe, expect, it } from 'vitest';
import { inboundSchemas } from './events.js';
import { MAX_ENVELOPE_BYTES, MAX_KEY_EPOCH } from './limits.js';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';
const nonce = 'B'.repeat(32);
const sealed = (keyEpoch: number) => ({ keyEpoch, sealedKey: 'S'.repeat(107) });

describe('inbound schemas', () => {
  it('accept well-formed payloads', () => {
    expect(inboundSchemas['message:send'].safeParse({ consultationId: id, keyEpoch: 0, seq: 1, nonce, ciphertext: 'C'.repeat(40) }).success).toBe(true);
    expect(inboundSchemas['consultation:start'].safeParse({}).success).toBe(true);
    expect(inboundSchemas['consultation:start'].safeParse({ campaign: 'flyer-2026', urgent: true }).success).toBe(true);
    expect(inboundSchemas['consultation:take'].safeParse({ consultationId: id }).success).toBe(true);
    expect(inboundSchemas['key:grant'].safeParse({ consultationId: id, staffId: id, sealedKeys: [sealed(0), sealed(1)] }).success).toBe(true);
    expect(inboundSchemas['message:send'].safeParse({ consultationId: id, keyEpoch: MAX_KEY_EPOCH, seq: 1, nonce, ciphertext: 'C'.repeat(40) }).success).toBe(true);
  });

  it.each([
    ['missing payload', 'message:send', undefined],
    ['a string instead of an object', 'message:send', 'hello'],
    ['an unknown extra field', 'message:send', { consultationId: id, keyEpoch: 0, seq: 1, nonce, ciphertext: 'C'.repeat(40), text: 'plain' }],
    ['a zero sequence number', 'message:send', { consultationId: id, keyEpoch: 0, seq: 0, nonce, ciphertext: 'C'.repeat(40) }],
    ['a fractional sequence number', 'message:send', { consultationId: id, keyEpoch: 0, seq: 1.5, nonce, ciphertext: 'C'.repeat(40) }],
    ['a short nonce', 'message:send', { consultationId: id, keyEpoch: 0, seq: 1, nonce: 'B'.repeat(31), ciphertext: 'C'.repeat(40) }],
    ['non-base64 ciphertext', 'message:send', { consultationId: id, keyEpoch: 0, seq: 1, nonce, ciphertext: '<script>'.repeat(5) }],
    ['an oversized ciphertext', 'message:send', { consultationId: id, keyEpoch: 0, seq: 1, nonce, ciphertext: 'C'.repeat(MAX_ENVELOPE_BYTES * 2) }],
    ['a bad consultation id', 'consultation:take', { consultationId: '../../etc' }],
    ['a campaign with capitals and spaces', 'consultation:start', { campaign: 'Flyer 2026' }],
    ['a non-boolean urgent flag', 'consultation:start', { urgent: 'yes' }],
    ['a short client token', 'consultation:resume', { consultationId: id, clientToken: 'x' }],
    ['a bad sealed key', 'key:grant', { consultationId: id, staffId: id, sealedKeys: [{ keyEpoch: 0, sealedKey: 'short' }] }],
    ['a grant without keys', 'key:grant', { consultationId: id, staffId: id, sealedKeys: [] }],
    ['a grant with one epoch twice', 'key:grant', { consultationId: id, staffId: id, sealedKeys: [sealed(1), sealed(1)] }],
    ['a grant past the last epoch', 'key:grant', { consultationId: id, staffId: id, sealedKeys: [sealed(MAX_KEY_EPOCH + 1)] }],
    ['a grant in the old one-key shape', 'key:grant', { consultationId: id, staffId: id, sealedKey: 'S'.repeat(107) }],
    ['an envelope without its key epoch', 'message:send', { consultationId: id, seq: 1, nonce, ciphertext: 'C'.repeat(40) }],
    ['a negative key epoch', 'message:send', { consultationId: id, keyEpoch: -1, seq: 1, nonce, ciphertext: 'C'.repeat(40) }],
    ['a key epoch past the last', 'message:send', { consultationId: id, keyEpoch: MAX_KEY_EPOCH + 1, seq: 1, nonce, ciphertext: 'C'.repeat(40) }],
    ['a transfer with one epoch twice', 'consultation:transfer', { consultationId: id, toStaffId: id, sealedKeys: [sealed(0), sealed(0)] }],
    ['a negative afterId', 'message:list', { consultationId: id, afterId: -1 }],
    ['fields on an empty payload', 'queue:list', { all: true }],
  ] as const)('reject %s', (_what, event, payload) => {
    expect(inboundSchemas[event].safeParse(payload).success).toBe(false);
  });
});
