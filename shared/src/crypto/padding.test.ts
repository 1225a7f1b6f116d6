import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, DANGER_ANSWERS, TOPICS } from '../intake/intake.js';
import { MAX_ENVELOPE_BYTES, MAX_MESSAGE_CHARS } from '../protocol/limits.js';
import type { MessageBody } from '../protocol/schemas.js';
import { newSessionKey } from './envelope.js';
import { messageAssociatedData, openEpochMessage, sealEpochMessage } from './epoch-envelope.js';
import { INTAKE_PADDED_SIZE, PADDED_SIZES, padPlaintext, paddedLength, unpadPlaintext } from './padding.js';
import { fromB64, toB64 } from './sodium.js';

beforeAll(async () => {
  await sodium.ready;
});

const ctx = { consultationId: 'c0nsultation-id-0001', senderRole: 'client' as const, keyEpoch: 0, seq: 1 };
const rawLength = (sealed: { ciphertext: string }) => fromB64(sodium, sealed.ciphertext).length;
/** Every body her widget seals says when she wrote it (inside the ciphertext). */
const writtenAt = '2026-11-30T13:05:09.123Z';

describe('padding inside the plaintext', () => {
  it('pads to the smallest size that holds the body, and unpads to the same bytes', () => {
    for (const n of [0, 1, 511, 512, 1023, 4095, 12_159, 12_160, 20_000]) {
      const plain = sodium.randombytes_buf(n);
      const padded = padPlaintext(sodium, plain);
      expect(padded.length, `${n}`).toBe(paddedLength(n));
      expect(unpadPlaintext(sodium, padded)).toEqual(plain);
    }
    expect(paddedLength(0)).toBe(512);
    expect(paddedLength(511)).toBe(512);
    expect(paddedLength(512)).toBe(1024);
    expect(paddedLength(12_159)).toBe(12_160);
    expect(paddedLength(12_160)).toBe(12_288);
    expect(paddedLength(10, INTAKE_PADDED_SIZE)).toBe(1024);
  });

  it('every intake combination seals to the same ciphertext length', () => {
    const key = newSessionKey(sodium);
    const lengths = new Set<number>();
    let count = 0;
    const subsets = 1 << TOPICS.length;
    for (let mask = 0; mask < subsets; mask++) {
      const topics = TOPICS.filter((_t, i) => mask & (1 << i));
      for (const ageBand of [undefined, ...AGE_BANDS]) {
        for (const danger of [undefined, ...DANGER_ANSWERS]) {
          const body: MessageBody = { kind: 'intake', ...(topics.length ? { topics } : {}), ...(ageBand ? { ageBand } : {}), ...(danger ? { danger } : {}), writtenAt };
          // The JSON alone is enough to know the sealed length (fixed overhead); a sample is sealed below.
          lengths.add(paddedLength(new TextEncoder().encode(JSON.stringify(body)).length, INTAKE_PADDED_SIZE));
          count++;
          if (mask % 1024 === 0) lengths.add(rawLength(sealEpochMessage(sodium, key, ctx, body)) - 16);
        }
      }
    }
    expect(count).toBe(subsets * (AGE_BANDS.length + 1) * (DANGER_ANSWERS.length + 1));
    expect([...lengths]).toEqual([INTAKE_PADDED_SIZE]);
    // The largest intake, sealed for real, and the smallest (she answered nothing): the same length on the wire.
    const all = sealEpochMessage(sodium, key, ctx, { kind: 'intake', topics: [...TOPICS], ageBand: '70-plus', danger: 'unsure', writtenAt });
    const none = sealEpochMessage(sodium, key, ctx, { kind: 'intake', writtenAt });
    expect(all.ciphertext.length).toBe(none.ciphertext.length);
    // Some 90 000 bodies made and measured: seconds on a loaded 2-core machine, past vitest's default 5 s.
  }, 60_000);

  it('short and longer texts share a size; the longest Japanese message still fits one envelope', () => {
    const key = newSessionKey(sodium);
    const seal = (text: string) => sealEpochMessage(sodium, key, ctx, { kind: 'text', text, writtenAt });
    expect(seal('はい').ciphertext.length).toBe(seal('夫に怒鳴られて眠れません。どうしたらいいですか').ciphertext.length);
    const longest = seal('あ'.repeat(MAX_MESSAGE_CHARS));
    expect(rawLength(longest) - 16).toBe(PADDED_SIZES.at(-1));
    expect(JSON.stringify(longest).length).toBeLessThan(MAX_ENVELOPE_BYTES);
  });

  it('opens what it seals, and still opens a message sealed before padding existed', () => {
    const key = newSessionKey(sodium);
    const body: MessageBody = { kind: 'text', text: 'また来ます' };
    const timed: MessageBody = { ...body, writtenAt };
    expect(openEpochMessage(sodium, key, ctx, sealEpochMessage(sodium, key, ctx, timed))).toEqual(timed);
    // Sealed the old way: the JSON with no padding (and no time inside: it is shown with none).
    const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const old = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(new TextEncoder().encode(JSON.stringify(body)), messageAssociatedData(ctx), null, nonce, key);
    expect(openEpochMessage(sodium, key, ctx, { seq: ctx.seq, nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, old) })).toEqual(body);
  });

  it('refuses a plaintext whose padding is wrong', () => {
    const key = newSessionKey(sodium);
    const ad = messageAssociatedData(ctx);
    const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const bad = new Uint8Array(512); // zeros only: no 0x80 marker
    const sealed = { seq: ctx.seq, nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(bad, ad, null, nonce, key)) };
    expect(() => openEpochMessage(sodium, key, ctx, sealed)).toThrow(/padding/);
  });
});
