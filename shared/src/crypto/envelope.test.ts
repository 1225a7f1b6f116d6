import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError, fromB64, toB64 } from './sodium.js';
import { newSessionKey, openMessage, openSessionKey, sealMessage, sealSessionKey } from './envelope.js';

beforeAll(async () => {
  await sodium.ready;
});

const ctx = { consultationId: 'c0nsultation-id-0001', senderRole: 'client' as const, seq: 1 };
const body = { kind: 'text' as const, text: '夫が怖くて家に帰れません' };

/** Flips one bit of a base64url value. */
function flip(value: string, byte = 0): string {
  const bytes = fromB64(sodium, value);
  bytes[byte] = (bytes[byte] ?? 0) ^ 1;
  return toB64(sodium, bytes);
}

describe('message envelope', () => {
  it('round-trips a message', () => {
    const key = newSessionKey(sodium);
    const env = sealMessage(sodium, key, ctx, body);
    expect(env.ciphertext).not.toContain(body.text);
    expect(openMessage(sodium, key, 'client', env)).toEqual(body);
  });

  it('uses a fresh nonce for every message', () => {
    const key = newSessionKey(sodium);
    expect(sealMessage(sodium, key, ctx, body).nonce).not.toBe(sealMessage(sodium, key, ctx, body).nonce);
  });

  it.each([
    ['ciphertext', (e: ReturnType<typeof sealMessage>) => ({ ...e, ciphertext: flip(e.ciphertext, 5) })],
    ['nonce', (e: ReturnType<typeof sealMessage>) => ({ ...e, nonce: flip(e.nonce) })],
    ['sequence number (associated data)', (e: ReturnType<typeof sealMessage>) => ({ ...e, seq: e.seq + 1 })],
    ['consultation id (associated data)', (e: ReturnType<typeof sealMessage>) => ({ ...e, consultationId: 'another-consultation-01' })],
  ])('rejects a tampered %s', (_what, tamper) => {
    const key = newSessionKey(sodium);
    const env = sealMessage(sodium, key, ctx, body);
    expect(() => openMessage(sodium, key, 'client', tamper(env))).toThrowError(CryptoError);
  });

  it('rejects a message opened as if the other party sent it (role in associated data)', () => {
    const key = newSessionKey(sodium);
    const env = sealMessage(sodium, key, ctx, body);
    expect(() => openMessage(sodium, key, 'counselor', env)).toThrowError(/did not decrypt/);
  });

  it('fails with the wrong key', () => {
    const env = sealMessage(sodium, newSessionKey(sodium), ctx, body);
    expect(() => openMessage(sodium, newSessionKey(sodium), 'client', env)).toThrowError(CryptoError);
  });

  it('rejects a decrypted body of the wrong shape', () => {
    const key = newSessionKey(sodium);
    const env = sealMessage(sodium, key, ctx, { kind: 'text', text: '' } as typeof body);
    expect(() => openMessage(sodium, key, 'client', env)).toThrowError(/wrong shape/);
  });
});

describe('sealed session key', () => {
  it('opens only with the counselor key pair it was sealed to', () => {
    const key = newSessionKey(sodium);
    const counselor = sodium.crypto_box_keypair();
    const other = sodium.crypto_box_keypair();
    const sealed = sealSessionKey(sodium, key, toB64(sodium, counselor.publicKey));
    expect(openSessionKey(sodium, sealed, counselor.publicKey, counselor.privateKey)).toEqual(key);
    expect(() => openSessionKey(sodium, sealed, other.publicKey, other.privateKey)).toThrowError(CryptoError);
  });
});

describe('message body check', () => {
  it('agrees with the zod schema on valid and invalid bodies', async () => {
    const { messageBodySchema } = await import('../protocol/schemas.js');
    const { isMessageBody } = await import('./envelope.js');
    const samples: unknown[] = [
      { kind: 'text', text: 'こんにちは' },
      { kind: 'text', text: 'x'.repeat(4000) },
      { kind: 'text', text: 'x'.repeat(4001) },
      { kind: 'text', text: '' },
      { kind: 'image', text: 'a' },
      { kind: 'text', text: 'a', extra: 1 },
      { kind: 'text' },
      { kind: 'intake' },
      { kind: 'intake', ageBand: '30s', topics: ['子育て', '虐待・DV'], danger: 'yes' },
      { kind: 'intake', ageBand: '31s' },
      { kind: 'intake', topics: ['ゲーム'] },
      { kind: 'intake', topics: '子育て' },
      { kind: 'intake', danger: 'maybe' },
      { kind: 'intake', text: 'x' },
      { kind: 'text', text: 'a', writtenAt: '2026-11-30T13:05:09.123Z' },
      { kind: 'intake', danger: 'no', writtenAt: '2026-11-30T13:05:09.123Z' },
      { kind: 'intake', writtenAt: '2026-11-30T13:05:09.123Z' },
      { kind: 'text', text: 'a', writtenAt: '2026-11-30T13:05:09Z' },
      { kind: 'text', text: 'a', writtenAt: '2026-11-30T13:05:09.123+09:00' },
      { kind: 'text', text: 'a', writtenAt: '2026-13-30T13:05:09.123Z' },
      { kind: 'text', text: 'a', writtenAt: 'yesterday' },
      { kind: 'text', text: 'a', writtenAt: 1764507909123 },
      { kind: 'text', text: 'a', writtenAt: null },
      { kind: 'text', writtenAt: '2026-11-30T13:05:09.123Z' },
      ['text', 'a'],
      null,
      'text',
    ];
    for (const s of samples) expect(isMessageBody(s), JSON.stringify(s)?.slice(0, 40)).toBe(messageBodySchema.safeParse(s).success);
  });
});
