import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorIdOf, flipBit } from '../trust/test-fixtures.js';
import { KDF_MINIMUM } from './kdf-policy.js';
import { createOrgKeyFile, openOrgKeyFile, parseOrgKeyFile, serialiseOrgKeyFile } from './org-key-file.js';
import { openRecordsNote, sealRecordsNote } from './records-note.js';
import { createRecordsKeyFile, openRecordsKeyFile, parseRecordsKeyFile, type RecordsKeyFile, serialiseRecordsKeyFile } from './records-key-file.js';
import { toB64 } from './sodium.js';
import { kdfLimits } from './staff-keys.js';

const PASSPHRASE = 'kiroku no kagi yamaguchi';
/** Each open costs one Argon2id MODERATE derivation (1–2 s in WebAssembly here). */
const SLOW = { timeout: 60_000 };
let file: RecordsKeyFile;

beforeAll(async () => {
  await sodium.ready;
  file = createRecordsKeyFile(sodium, PASSPHRASE);
}, 60_000);

describe('records key file', SLOW, () => {
  it('keeps the X25519 public key in clear and nothing secret beside it; opened, it opens notes sealed to that key', () => {
    expect(file).toMatchObject({ format: 'tsunagari-records-key', version: 1, kdf: { algorithm: 'argon2id13', ...KDF_MINIMUM } });
    expect(Object.keys(file)).toEqual(['format', 'version', 'publicKey', 'kdf', 'nonce', 'sealedSecretKey']);
    const sealed = sealRecordsNote(sodium, file.publicKey, '来週また電話するとのこと');
    const opened = openRecordsKeyFile(sodium, serialiseRecordsKeyFile(file), PASSPHRASE);
    expect(toB64(sodium, opened.publicKey)).toBe(file.publicKey);
    expect(openRecordsNote(sodium, opened, sealed)).toBe('来週また電話するとのこと');
    expect(serialiseRecordsKeyFile(file)).not.toContain(toB64(sodium, opened.privateKey));
  });

  it('refuses a wrong passphrase or an altered file with WRONG_PASSPHRASE, a swapped public key with KEY_FILE_MISMATCH', () => {
    expect(errorIdOf(() => openRecordsKeyFile(sodium, file, `${PASSPHRASE}.`))).toBe('WRONG_PASSPHRASE');
    expect(errorIdOf(() => openRecordsKeyFile(sodium, { ...file, sealedSecretKey: flipBit(file.sealedSecretKey, 20) }, PASSPHRASE))).toBe('WRONG_PASSPHRASE');
    const swapped = { ...file, publicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey) };
    expect(errorIdOf(() => openRecordsKeyFile(sodium, swapped, PASSPHRASE))).toBe('KEY_FILE_MISMATCH');
  });

  it('is never taken for an organisation key file, nor the other way round (KEY_FILE_MALFORMED, without deriving)', () => {
    const org = createOrgKeyFile(sodium, PASSPHRASE);
    expect(errorIdOf(() => parseRecordsKeyFile(sodium, serialiseOrgKeyFile(org)))).toBe('KEY_FILE_MALFORMED');
    expect(errorIdOf(() => openRecordsKeyFile(sodium, org, PASSPHRASE))).toBe('KEY_FILE_MALFORMED');
    expect(errorIdOf(() => parseOrgKeyFile(sodium, serialiseRecordsKeyFile(file)))).toBe('KEY_FILE_MALFORMED');
    expect(errorIdOf(() => openOrgKeyFile(sodium, file, PASSPHRASE))).toBe('KEY_FILE_MALFORMED');
    // Only the format differs: the same fields renamed would still be refused.
    const { sealedSecretKey, ...rest } = file;
    expect(errorIdOf(() => parseRecordsKeyFile(sodium, { ...rest, sealedSeed: sealedSecretKey }))).toBe('KEY_FILE_MALFORMED');
    expect(errorIdOf(() => parseRecordsKeyFile(sodium, { ...file, format: 'tsunagari-org-key' }))).toBe('KEY_FILE_MALFORMED');
  });

  it('refuses weakened KDF parameters (WEAK_KDF) and creates nothing for a short passphrase', () => {
    expect(errorIdOf(() => openRecordsKeyFile(sodium, { ...file, kdf: { ...file.kdf, ...kdfLimits(sodium, 'interactive') } }, PASSPHRASE))).toBe('WEAK_KDF');
    expect(errorIdOf(() => createRecordsKeyFile(sodium, 'short'))).toBe('WEAK_PASSWORD');
  });
});
