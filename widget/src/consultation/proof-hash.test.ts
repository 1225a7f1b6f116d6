import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey as deriveKeyWebCrypto } from 'altcha-lib/algorithms/web/sha';
import { describe, expect, test } from 'vitest';
import { deriveKey } from './proof-hash.js';

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SECRET = 'the relay secret for these tests, at least 32 characters';

describe('the start proof’s key derivation (in-page SHA-256)', () => {
  test('gives what altcha-lib’s WebCrypto derivation gives, for any salt, counter, cost and key length', async () => {
    for (let i = 0; i < 200; i++) {
      const parameters = { algorithm: 'SHA-256', cost: 1 + (i % 3), keyLength: [32, 16, 8][i % 3]!, nonce: '', salt: '', keyPrefix: '' };
      const salt = bytes(8 + (i % 40));
      const password = bytes(4 + (i % 12));
      const ours = await deriveKey(parameters, salt, password);
      const theirs = await deriveKeyWebCrypto(parameters, salt, password);
      expect(hex(ours.derivedKey)).toBe(hex(theirs.derivedKey));
    }
  });

  test('another algorithm goes to WebCrypto, with the same answer', async () => {
    const parameters = { algorithm: 'SHA-512', cost: 2, keyLength: 48, nonce: '', salt: '', keyPrefix: '' };
    const [salt, password] = [bytes(16), bytes(4)];
    expect(hex((await deriveKey(parameters, salt, password)).derivedKey)).toBe(hex((await deriveKeyWebCrypto(parameters, salt, password)).derivedKey));
  });

  test('solves a challenge made as the relay makes them, and the relay’s check accepts the answer', async () => {
    const challenge = await createChallenge({ algorithm: 'SHA-256', cost: 1, counter: 3_000, deriveKey: deriveKeyWebCrypto, hmacSignatureSecret: SECRET });
    const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
    expect(solution?.counter).toBe(3_000);
    const verdict = await verifySolution({ challenge, solution: { counter: solution!.counter, derivedKey: solution!.derivedKey }, deriveKey: deriveKeyWebCrypto, hmacSignatureSecret: SECRET });
    expect(verdict.verified).toBe(true);
  });
});
