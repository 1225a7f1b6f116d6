import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from './sodium.js';
import {
  deriveStaffPasswordKeys,
  generateStaffKeyPairs,
  kdfLimits,
  newKdfSalt,
  unwrapStaffKeys,
  wrapStaffKeys,
} from './staff-keys.js';

beforeAll(async () => {
  await sodium.ready;
});

function params() {
  return { salt: newKdfSalt(sodium), ...kdfLimits(sodium, 'min') };
}

describe('staff password keys', () => {
  it('derives different auth and wrap keys, stable for the same password and salt', () => {
    const p = params();
    const a = deriveStaffPasswordKeys(sodium, 'correct horse', p);
    const b = deriveStaffPasswordKeys(sodium, 'correct horse', p);
    expect(a.authKey).toEqual(b.authKey);
    expect(a.wrapKey).toEqual(b.wrapKey);
    expect(a.authKey).not.toEqual(a.wrapKey);
  });

  it('unwraps secret keys with the right password and refuses the wrong one', () => {
    const p = params();
    const pairs = generateStaffKeyPairs(sodium);
    const wrapped = wrapStaffKeys(sodium, deriveStaffPasswordKeys(sodium, 'correct horse', p).wrapKey, pairs);
    const back = unwrapStaffKeys(sodium, deriveStaffPasswordKeys(sodium, 'correct horse', p).wrapKey, wrapped);
    expect(back.boxSecretKey).toEqual(pairs.boxSecretKey);
    expect(back.signSecretKey).toEqual(pairs.signSecretKey);
    const wrong = deriveStaffPasswordKeys(sodium, 'wrong horse', p).wrapKey;
    expect(() => unwrapStaffKeys(sodium, wrong, wrapped)).toThrowError(CryptoError);
  });
});
