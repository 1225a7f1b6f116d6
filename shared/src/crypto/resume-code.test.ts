import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newSessionKey } from './envelope.js';
import { deriveResumeKeys, newResumeCode, parseResumeCode, unwrapSessionKeys, wrapSessionKeys } from './resume-code.js';
import { CryptoError } from './sodium.js';
import { resumeCreateSchema } from '../protocol/schemas.js';

beforeAll(async () => {
  await sodium.ready;
});

describe('resume code', () => {
  it('has 128 random bits, grouped in fours, and parses back', () => {
    const code = newResumeCode(sodium);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(parseResumeCode(code)?.length).toBe(16);
    expect(newResumeCode(sodium)).not.toBe(code);
  });

  it('forgives case, spaces, hyphens and look-alike letters', () => {
    const code = newResumeCode(sodium);
    const bytes = parseResumeCode(code);
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseResumeCode(sloppy)).toEqual(bytes);
    expect(parseResumeCode('too-short')).toBeNull();
    expect(parseResumeCode(`${code}X`)).toBeNull();
    expect(parseResumeCode('U'.repeat(26))).toBeNull(); // U is not in the alphabet
  });

  it('derives the same lookup and wrap key from the same code, and unwraps the session key', () => {
    const code = parseResumeCode(newResumeCode(sodium)) as Uint8Array;
    const a = deriveResumeKeys(sodium, code);
    const b = deriveResumeKeys(sodium, code);
    expect(a.lookup).toBe(b.lookup);
    const key = newSessionKey(sodium);
    const wrapped = wrapSessionKeys(sodium, a.wrapKey, [key]);
    // One epoch: the size the protocol has always carried (24-byte nonce + 32 + 16, base64url).
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]{96}$/);
    expect(unwrapSessionKeys(sodium, b.wrapKey, wrapped)).toEqual([key]);
  });

  it('wraps every key epoch in order, epoch 0 first, and the protocol takes 64 of them', () => {
    const { wrapKey } = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const keys = Array.from({ length: 64 }, () => newSessionKey(sodium));
    const wrapped = wrapSessionKeys(sodium, wrapKey, keys);
    expect(resumeCreateSchema.safeParse({ consultationId: 'c'.repeat(22), lookup: 'l'.repeat(43), wrappedKey: wrapped }).success).toBe(true);
    expect(unwrapSessionKeys(sodium, wrapKey, wrapped)).toEqual(keys);
  });

  it('refuses a wrapped blob that is not whole keys', () => {
    const { wrapKey } = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const nonce = sodium.randombytes_buf(24);
    const odd = sodium.crypto_secretbox_easy(new Uint8Array(40), nonce, wrapKey);
    const blob = sodium.to_base64(new Uint8Array([...nonce, ...odd]), sodium.base64_variants.URLSAFE_NO_PADDING);
    expect(() => unwrapSessionKeys(sodium, wrapKey, blob)).toThrowError(CryptoError);
  });

  it('another code cannot unwrap, and the lookup reveals nothing of the wrap key', () => {
    const a = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const b = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const wrapped = wrapSessionKeys(sodium, a.wrapKey, [newSessionKey(sodium)]);
    expect(() => unwrapSessionKeys(sodium, b.wrapKey, wrapped)).toThrowError(CryptoError);
    expect(a.lookup).not.toBe(sodium.to_base64(a.wrapKey, sodium.base64_variants.URLSAFE_NO_PADDING));
  });
});
