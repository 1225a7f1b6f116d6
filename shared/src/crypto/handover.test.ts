import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoverNoteSchema } from '../protocol/schemas.js';
import { AEAD_TAG_BYTES, MAX_NOTE_BYTES } from '../protocol/limits.js';
import { newSessionKey } from './envelope.js';
import { MAX_HANDOVER_CHARS, openHandoverNote, sealHandoverNote } from './handover.js';
import { NOTE_PADDED_SIZES } from './padding.js';
import { CryptoError, fromB64, toB64 } from './sodium.js';

beforeAll(async () => {
  await sodium.ready;
});

const consultationId = 'c0nsultation-id-0001';
const fromStaffId = 'staff-sato-000000001';
const rawLength = (sealed: { ciphertext: string }) => fromB64(sodium, sealed.ciphertext).length;

describe('handover notes', () => {
  it('round-trips a note, padded: a short note and a longer one have the same length', () => {
    const key = newSessionKey(sodium);
    const short = sealHandoverNote(sodium, key, consultationId, fromStaffId, 'DV');
    const longer = sealHandoverNote(sodium, key, consultationId, fromStaffId, '夫からの暴力。子ども二人。次回は住まいの相談から。');
    expect(rawLength(short)).toBe(NOTE_PADDED_SIZES[0] + AEAD_TAG_BYTES);
    expect(rawLength(longer)).toBe(rawLength(short));
    expect(openHandoverNote(sodium, key, consultationId, { fromStaffId, ...longer })).toBe('夫からの暴力。子ども二人。次回は住まいの相談から。');
  });

  it('the longest note of Japanese fits the largest size and the relay’s cap', () => {
    const key = newSessionKey(sodium);
    const longest = sealHandoverNote(sodium, key, consultationId, fromStaffId, 'あ'.repeat(MAX_HANDOVER_CHARS + 10));
    expect(rawLength(longest)).toBe(MAX_NOTE_BYTES + AEAD_TAG_BYTES);
    expect(handoverNoteSchema.safeParse(longest).success).toBe(true);
    expect(openHandoverNote(sodium, key, consultationId, { fromStaffId, ...longest })).toBe('あ'.repeat(MAX_HANDOVER_CHARS));
  });

  it('still opens a note sealed before padding (v1, unpadded)', () => {
    const key = newSessionKey(sodium);
    const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const ad = new TextEncoder().encode(`tsunagari/v1|handover|${consultationId}|${fromStaffId}`);
    const old = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(new TextEncoder().encode('前の担当より　'), ad, null, nonce, key);
    const note = { fromStaffId, nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, old) };
    expect(openHandoverNote(sodium, key, consultationId, note)).toBe('前の担当より　');
  });

  it('refuses a note of another chat, another writer or another key', () => {
    const key = newSessionKey(sodium);
    const sealed = sealHandoverNote(sodium, key, consultationId, fromStaffId, 'メモ');
    const refused = (f: () => unknown) => expect(f).toThrow(CryptoError);
    refused(() => openHandoverNote(sodium, key, 'c0nsultation-id-0002', { fromStaffId, ...sealed }));
    refused(() => openHandoverNote(sodium, key, consultationId, { fromStaffId: 'staff-other-00000001', ...sealed }));
    refused(() => openHandoverNote(sodium, newSessionKey(sodium), consultationId, { fromStaffId, ...sealed }));
  });
});
