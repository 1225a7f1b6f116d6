import sodium from 'libsodium-wrappers-sumo';
import { describe, expect, it } from 'vitest';
import { errorIdOf } from '../trust/test-fixtures.js';
import { checkKdfParams, deriveCheckedPasswordKeys, KDF_FLOORS, KDF_MAXIMUM, KDF_MINIMUM, requirePasswordLength } from './kdf-policy.js';
import { toB64 } from './sodium.js';
import { kdfLimits } from './staff-keys.js';

// Before the it.each tables below call libsodium (when the file is collected, before any beforeAll).
await sodium.ready;

const salt = () => toB64(sodium, sodium.randombytes_buf(16));

describe('KDF parameter policy', () => {
  it('has libsodium MODERATE as its minimum and SENSITIVE memory as its maximum', () => {
    expect(KDF_MINIMUM).toEqual(kdfLimits(sodium, 'moderate'));
    expect(KDF_MAXIMUM.memlimit).toBe(sodium.crypto_pwhash_MEMLIMIT_SENSITIVE);
  });

  it('accepts MODERATE and SENSITIVE, returning clean parameters', () => {
    const moderate = { salt: salt(), ...KDF_MINIMUM };
    expect(checkKdfParams(sodium, moderate)).toEqual({ ok: true, params: moderate });
    const sensitive = { salt: salt(), opslimit: sodium.crypto_pwhash_OPSLIMIT_SENSITIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE };
    expect(checkKdfParams(sodium, sensitive).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['INTERACTIVE (what the relay hands out today)', kdfLimits(sodium, 'interactive')],
    ['the minimum libsodium allows', kdfLimits(sodium, 'min')],
    ['MODERATE passes with less memory', { opslimit: 10, memlimit: KDF_MINIMUM.memlimit - 1024 }],
    ['MODERATE memory with fewer passes', { opslimit: 2, memlimit: KDF_MAXIMUM.memlimit }],
  ])('refuses weaker parameters: %s', (_name, limits) => {
    expect(checkKdfParams(sodium, { salt: salt(), ...limits })).toEqual({ ok: false, reason: 'too-weak' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['4 GiB of memory', { opslimit: 3, memlimit: 4 * 1024 ** 3 }],
    ['a thousand passes', { opslimit: 1000, memlimit: KDF_MINIMUM.memlimit }],
  ])('refuses parameters that would freeze her browser: %s', (_name, limits) => {
    expect(checkKdfParams(sodium, { salt: salt(), ...limits })).toEqual({ ok: false, reason: 'too-costly' });
  });

  it.each<[string, unknown]>([
    ['a short salt', { salt: toB64(sodium, sodium.randombytes_buf(8)), ...KDF_MINIMUM }],
    ['no salt', { ...KDF_MINIMUM }],
    ['limits as text', { salt: 's', opslimit: '3', memlimit: '268435456' }],
    ['a fractional limit', { salt: 'AAAAAAAAAAAAAAAAAAAAAA', opslimit: 3.5, memlimit: KDF_MINIMUM.memlimit }],
    ['an extra field (an algorithm switch)', { salt: 'AAAAAAAAAAAAAAAAAAAAAA', ...KDF_MINIMUM, alg: 'argon2i' }],
    ['null', null],
  ])('refuses malformed parameters: %s', (_name, params) => {
    expect(checkKdfParams(sodium, params)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a test floor of min accepts what libsodium calls MIN (8 MiB) and still refuses less, and too costly', () => {
    expect(KDF_FLOORS.moderate).toBe(KDF_MINIMUM);
    const min = { salt: salt(), ...kdfLimits(sodium, 'min') };
    expect(checkKdfParams(sodium, min, KDF_FLOORS.min)).toEqual({ ok: true, params: min });
    expect(checkKdfParams(sodium, min)).toEqual({ ok: false, reason: 'too-weak' });
    expect(checkKdfParams(sodium, { ...min, memlimit: 4 * 1024 * 1024 }, KDF_FLOORS.min)).toEqual({ ok: false, reason: 'too-weak' });
    expect(checkKdfParams(sodium, { ...min, opslimit: 11 }, KDF_FLOORS.min)).toEqual({ ok: false, reason: 'too-costly' });
  });

  it('deriveCheckedPasswordKeys refuses weak parameters with WEAK_KDF before deriving', () => {
    const weak = { salt: salt(), ...kdfLimits(sodium, 'interactive') };
    expect(errorIdOf(() => deriveCheckedPasswordKeys(sodium, 'correct horse battery', weak))).toBe('WEAK_KDF');
  });

  it('requires passwords of 12 characters, counting kana as one each', () => {
    expect(errorIdOf(() => requirePasswordLength('elevenchars'))).toBe('WEAK_PASSWORD');
    expect(errorIdOf(() => requirePasswordLength('twelve chars'))).toBe('no error');
    expect(errorIdOf(() => requirePasswordLength('やまぐちけんのそうだん'))).toBe('WEAK_PASSWORD');
    expect(errorIdOf(() => requirePasswordLength('やまぐちけんのそうだんしつ'))).toBe('no error');
  });
});
