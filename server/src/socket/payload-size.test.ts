import { describe, expect, it } from 'vitest';
import { exceedsSize, sizeUpTo } from './payload-size.js';

describe('exceedsSize', () => {
  it('stays close to the JSON length for the shapes events carry', () => {
    const envelope = { consultationId: 'c'.repeat(26), seq: 12, nonce: 'n'.repeat(32), ciphertext: 'x'.repeat(600) };
    const json = JSON.stringify(envelope).length;
    expect(exceedsSize(envelope, json + 8)).toBe(false);
    expect(exceedsSize(envelope, json - 20)).toBe(true);
  });

  it('counts strings, arrays and nested objects', () => {
    expect(exceedsSize('a'.repeat(100), 101)).toBe(true);
    expect(exceedsSize('a'.repeat(100), 102)).toBe(false);
    expect(exceedsSize({ list: Array.from({ length: 100 }, () => 'ab') }, 400)).toBe(true);
    expect(exceedsSize({ list: Array.from({ length: 100 }, () => 'ab') }, 600)).toBe(false);
    expect(exceedsSize({ a: { b: { c: 'd'.repeat(50) } } }, 40)).toBe(true);
  });

  it('refuses nesting deeper than any event uses, however small', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(exceedsSize(deep, 16 * 1024)).toBe(true);
  });

  it('accepts empty and scalar payloads', () => {
    for (const p of [undefined, null, 0, true, {}, []]) expect(exceedsSize(p, 64)).toBe(false);
  });
});

describe('sizeUpTo', () => {
  it('measures as exceedsSize counts, and stops at the cap', () => {
    const envelope = { consultationId: 'c'.repeat(26), seq: 12, nonce: 'n'.repeat(32), ciphertext: 'x'.repeat(600) };
    const size = sizeUpTo(envelope, 64 * 1024);
    expect(exceedsSize(envelope, size)).toBe(false);
    expect(exceedsSize(envelope, size - 1)).toBe(true);
    expect(Math.abs(size - JSON.stringify(envelope).length)).toBeLessThan(10);
    expect(sizeUpTo({ ciphertext: 'x'.repeat(100_000) }, 64 * 1024)).toBe(64 * 1024);
    expect(sizeUpTo(undefined, 100)).toBe(8);
  });
});
