import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newSessionKey } from './envelope.js';
import { deriveResumeKeys, newResumeCode, parseResumeCode, unwrapSessionKey, wrapSessionKey } from './resume-code.js';
import { CryptoError } from './sodium.js';

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
    expect(unwrapSessionKey(sodium, b.wrapKey, wrapSessionKey(sodium, a.wrapKey, key))).toEqual(key);
  });

  it('another code cannot unwrap, and the lookup reveals nothing of the wrap key', () => {
    const a = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const b = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    const wrapped = wrapSessionKey(sodium, a.wrapKey, newSessionKey(sodium));
    expect(() => unwrapSessionKey(sodium, b.wrapKey, wrapped)).toThrowError(CryptoError);
    expect(a.lookup).not.toBe(sodium.to_base64(a.wrapKey, sodium.base64_variants.URLSAFE_NO_PADDING));
  });
});
