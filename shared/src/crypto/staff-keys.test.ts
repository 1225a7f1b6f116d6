import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CounselorIdentity } from '../protocol/events.js';
import { CryptoError, toB64 } from './sodium.js';
import {
  deriveStaffPasswordKeys,
  generateStaffKeyPairs,
  kdfLimits,
  newKdfSalt,
  signStaffKeys,
  unwrapStaffKeys,
  verifyCounselorIdentity,
  wrapStaffKeys,
} from './staff-keys.js';

beforeAll(async () => {
  await sodium.ready;
});

function params() {
  return { salt: newKdfSalt(sodium), ...kdfLimits(sodium, 'min') };
}

function identity(orgSecret: Uint8Array, staffId = 'staff-id-0000000001'): CounselorIdentity {
  const wrapped = wrapStaffKeys(sodium, sodium.randombytes_buf(32), generateStaffKeyPairs(sodium));
  return {
    staffId,
    displayName: '佐藤',
    boxPublicKey: wrapped.boxPublicKey,
    signPublicKey: wrapped.signPublicKey,
    orgSignature: signStaffKeys(sodium, orgSecret, staffId, wrapped.boxPublicKey, wrapped.signPublicKey),
  };
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

describe('organisation signature on counselor keys', () => {
  const org = () => sodium.crypto_sign_keypair();

  it('accepts a key the organisation signed', () => {
    const o = org();
    expect(verifyCounselorIdentity(sodium, toB64(sodium, o.publicKey), identity(o.privateKey))).toBe(true);
  });

  it('rejects a key signed by another key (a relay inserting its own)', () => {
    const o = org();
    const intruder = org();
    expect(verifyCounselorIdentity(sodium, toB64(sodium, o.publicKey), identity(intruder.privateKey))).toBe(false);
  });

  it('rejects a signed identity whose box key was swapped', () => {
    const o = org();
    const who = identity(o.privateKey);
    const swapped = { ...who, boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey) };
    expect(verifyCounselorIdentity(sodium, toB64(sodium, o.publicKey), swapped)).toBe(false);
  });

  it('rejects an unsigned identity and garbage signatures', () => {
    const o = org();
    const who = identity(o.privateKey);
    expect(verifyCounselorIdentity(sodium, toB64(sodium, o.publicKey), { ...who, orgSignature: '' })).toBe(false);
    expect(verifyCounselorIdentity(sodium, toB64(sodium, o.publicKey), { ...who, orgSignature: '!!' })).toBe(false);
  });
});
