import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinOrgKey } from '../trust/org-key.js';
import { signStaffStatement } from '../trust/statement.js';
import { errorIdOf, flipBit, NOW, statementFor } from '../trust/test-fixtures.js';
import { ROLES_THE_WIDGET_SEALS_TO, verifyStaffStatement } from '../trust/verify.js';
import { KDF_MINIMUM } from './kdf-policy.js';
import { createOrgKeyFile, type OrgKeyFile, openOrgKeyFile, parseOrgKeyFile, serialiseOrgKeyFile } from './org-key-file.js';
import { toB64 } from './sodium.js';
import { kdfLimits } from './staff-keys.js';

const PASSPHRASE = 'ume no hana saku yamaguchi';
/** Each open costs one Argon2id MODERATE derivation (1–2 s in WebAssembly here). */
const SLOW = { timeout: 60_000 };
let file: OrgKeyFile;

beforeAll(async () => {
  await sodium.ready;
  file = createOrgKeyFile(sodium, PASSPHRASE);
}, 60_000);

describe('organisation key file', SLOW, () => {
  it('keeps the public key in clear and nothing secret beside it, with the KDF parameters and version', () => {
    expect(file).toMatchObject({ format: 'tsunagari-org-key', version: 1, kdf: { algorithm: 'argon2id13', ...KDF_MINIMUM } });
    expect(Object.keys(file)).toEqual(['format', 'version', 'publicKey', 'kdf', 'nonce', 'sealedSeed']);
    expect(pinOrgKey(sodium, file.publicKey).text).toBe(file.publicKey);
  });

  it('opens from its text with the passphrase; the key signs statements the pinned public key accepts', () => {
    const opened = openOrgKeyFile(sodium, serialiseOrgKeyFile(file), PASSPHRASE);
    expect(opened.publicKey).toBe(file.publicKey);
    const signed = signStaffStatement(sodium, opened.secretKey, statementFor());
    const check = { orgKey: pinOrgKey(sodium, file.publicKey), acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: NOW, revocations: null };
    expect(verifyStaffStatement(sodium, signed, check).ok).toBe(true);
    expect(serialiseOrgKeyFile(file)).not.toContain(toB64(sodium, opened.secretKey));
  });

  it('refuses a wrong passphrase with WRONG_PASSPHRASE', () => {
    expect(errorIdOf(() => openOrgKeyFile(sodium, file, `${PASSPHRASE}.`))).toBe('WRONG_PASSPHRASE');
  });

  it.each<[string, (f: OrgKeyFile) => OrgKeyFile]>([
    ['sealed seed', (f) => ({ ...f, sealedSeed: flipBit(f.sealedSeed, 20) })],
    ['nonce', (f) => ({ ...f, nonce: flipBit(f.nonce, 2) })],
    ['salt', (f) => ({ ...f, kdf: { ...f.kdf, salt: flipBit(f.kdf.salt) } })],
    ['opslimit (raised)', (f) => ({ ...f, kdf: { ...f.kdf, opslimit: f.kdf.opslimit + 1 } })],
  ])('refuses a file with its %s altered (WRONG_PASSPHRASE: it does not decrypt)', (_name, tamper) => {
    expect(errorIdOf(() => openOrgKeyFile(sodium, tamper(file), PASSPHRASE))).toBe('WRONG_PASSPHRASE');
  });

  it('refuses a file whose clear public key was swapped for another (KEY_FILE_MISMATCH)', () => {
    const swapped = { ...file, publicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey) };
    expect(errorIdOf(() => openOrgKeyFile(sodium, swapped, PASSPHRASE))).toBe('KEY_FILE_MISMATCH');
  });

  it('refuses weakened KDF parameters before deriving (WEAK_KDF)', () => {
    const weak = { ...file, kdf: { ...file.kdf, ...kdfLimits(sodium, 'interactive') } };
    expect(errorIdOf(() => openOrgKeyFile(sodium, weak, PASSPHRASE))).toBe('WEAK_KDF');
  });

  it.each<[string, unknown]>([
    ['text that is not JSON', 'not json'],
    ['another version', () => ({ ...file, version: 2 })],
    ['another format', () => ({ ...file, format: 'ssh-key' })],
    ['another algorithm', () => ({ ...file, kdf: { ...file.kdf, algorithm: 'argon2i13' } })],
    ['an extra field (a clear secret key)', () => ({ ...file, secretKey: 'x' })],
    ['a truncated sealed seed', () => ({ ...file, sealedSeed: file.sealedSeed.slice(0, 40) })],
    ['a missing nonce', () => ({ ...file, nonce: undefined })],
  ])('refuses %s as KEY_FILE_MALFORMED, without deriving', (_name, make) => {
    const input = typeof make === 'function' ? make() : make;
    expect(errorIdOf(() => parseOrgKeyFile(sodium, input))).toBe('KEY_FILE_MALFORMED');
  });

  it('creates nothing for a short passphrase or weak limits', () => {
    expect(errorIdOf(() => createOrgKeyFile(sodium, 'short'))).toBe('WEAK_PASSWORD');
    expect(errorIdOf(() => createOrgKeyFile(sodium, PASSPHRASE, kdfLimits(sodium, 'interactive')))).toBe('WEAK_KDF');
  });
});
