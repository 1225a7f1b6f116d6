import { kdfLimits, KDF_MAXIMUM, toB64 } from '@tsunagari/shared/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodium } from '../test/trust-fixtures.js';
import { checkKdfAgainstFloor, wrapLimits } from './kdf-floor.js';

let salt: string;
beforeAll(async () => {
  await sodium.ready;
  salt = toB64(sodium, sodium.randombytes_buf(16));
});

const params = (level: 'moderate' | 'interactive' | 'min') => ({ salt, ...kdfLimits(sodium, level) });

describe('checkKdfAgainstFloor', () => {
  it('at the production floor, only MODERATE or stronger passes', () => {
    expect(checkKdfAgainstFloor(sodium, params('moderate'), 'moderate')).toEqual({ ok: true, params: params('moderate') });
    expect(checkKdfAgainstFloor(sodium, params('interactive'), 'moderate')).toEqual({ ok: false, reason: 'too-weak' });
    expect(checkKdfAgainstFloor(sodium, params('min'), 'moderate')).toEqual({ ok: false, reason: 'too-weak' });
  });

  it('a test floor lets weaker parameters through, down to the floor and no further', () => {
    expect(checkKdfAgainstFloor(sodium, params('interactive'), 'interactive').ok).toBe(true);
    expect(checkKdfAgainstFloor(sodium, params('min'), 'interactive')).toEqual({ ok: false, reason: 'too-weak' });
    expect(checkKdfAgainstFloor(sodium, params('min'), 'min')).toEqual({ ok: true, params: params('min') });
    const belowMin = { salt, opslimit: 1, memlimit: 1024 };
    expect(checkKdfAgainstFloor(sodium, belowMin, 'min')).toEqual({ ok: false, reason: 'too-weak' });
  });

  it('whatever the floor, malformed or absurdly costly parameters are refused', () => {
    const costly = { salt, opslimit: 1, memlimit: KDF_MAXIMUM.memlimit * 2 };
    expect(checkKdfAgainstFloor(sodium, costly, 'min')).toEqual({ ok: false, reason: 'too-costly' });
    expect(checkKdfAgainstFloor(sodium, { ...params('min'), extra: 1 }, 'min')).toEqual({ ok: false, reason: 'malformed' });
    expect(checkKdfAgainstFloor(sodium, { ...params('min'), salt: 'short' }, 'min')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('new wraps are always MODERATE', () => {
    expect(wrapLimits(sodium)).toEqual(kdfLimits(sodium, 'moderate'));
  });
});
