import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type SodiumSumo, toB64 } from '@tsunagari/shared/crypto';
import { orgKeyFingerprint, pinOrgKey, staffKeysFingerprint, verifyRevocationList, verifyStaffStatement } from '@tsunagari/shared/trust';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgKeyCommand } from '../src/cli/org-key.js';
import { SERVER_ROOT } from '../src/config.js';
import { loadSodium } from '../src/sodium.js';
import { keyCli } from './key-cli.js';
import { BUILT_ADMIN } from './built-server-global-setup.js';

const PASSPHRASE = 'hagi no tsuki 2026 kaigan';
const NOW = new Date('2026-12-01T01:00:00Z');
let sodium: SodiumSumo;
let dir: string;
let keyFile: string;

const { run, failure } = keyCli(() => sodium, runOrgKeyCommand, { passphrase: PASSPHRASE, now: NOW });

function pendingFile(name: string, pending: object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(pending));
  return file;
}

const pendingFor = () => ({
  staffId: 'staff-sato-0000000001',
  role: 'counselor',
  boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey),
  signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey),
  keyVersion: 1,
});

beforeAll(async () => {
  sodium = await loadSodium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-org-key-'));
  keyFile = path.join(dir, 'org.key.json');
  await run('org:init', ['--out', keyFile]);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('offline organisation-key commands', { timeout: 60_000 }, () => {
  it('org:init writes an owner-only encrypted file and never overwrites one', async () => {
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(fs.readFileSync(keyFile, 'utf8')))).not.toContain('secretKey');
    expect(await failure('org:init', ['--out', keyFile])).toMatch(/never overwrites/);
    expect(await failure('org:init', ['--out', path.join(dir, 'short.json')], 'short')).toBe('WEAK_PASSWORD');
    expect(fs.existsSync(path.join(dir, 'short.json'))).toBe(false);
  });

  it('org:public prints the public key and its fingerprint without a passphrase', async () => {
    const { out } = await run('org:public', [keyFile, '--json'], 'not asked');
    const { publicKey, fingerprint } = JSON.parse(out) as { publicKey: string; fingerprint: string };
    expect(fingerprint).toBe(orgKeyFingerprint(sodium, pinOrgKey(sodium, publicKey)));
    expect((await run('org:public', [keyFile])).out).toContain(fingerprint);
  });

  it('statement:sign signs only after the fingerprint she read out matches, for one year by default', async () => {
    const pending = pendingFor();
    const file = pendingFile('pending.json', pending);
    const orgKey = pinOrgKey(sodium, JSON.parse((await run('org:public', [keyFile, '--json'])).out).publicKey);
    const hers = staffKeysFingerprint(sodium, pending);
    const { out } = await run('statement:sign', ['--key', keyFile, '--in', file, '--fingerprint', hers]);
    const verdict = verifyStaffStatement(sodium, JSON.parse(out), { orgKey, acceptRoles: ['counselor'], now: NOW.getTime(), revocations: null });
    expect(verdict).toMatchObject({ ok: true, statement: { ...pending, notBefore: NOW.getTime(), notAfter: NOW.getTime() + 365 * 86_400_000 } });
  });

  it('statement:sign refuses when the relay swapped her box key (fingerprints differ), or without one', async () => {
    const pending = pendingFor();
    const hers = staffKeysFingerprint(sodium, pending);
    const swapped = pendingFile('swapped.json', { ...pending, boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey) });
    const refusal = await failure('statement:sign', ['--key', keyFile, '--in', swapped, '--fingerprint', hers]);
    expect(refusal).toMatch(/^not signed/);
    expect(refusal).not.toMatch(/\d{5}/); // the computed digits are not handed to a lazy admin to copy
    expect(await failure('statement:sign', ['--key', keyFile, '--in', swapped])).toMatch(/^not signed/);
  });

  it('statement:sign refuses a wrong passphrase with WRONG_PASSPHRASE, and a pending statement with extra fields', async () => {
    const pending = pendingFor();
    const fp = staffKeysFingerprint(sodium, pending);
    expect(await failure('statement:sign', ['--key', keyFile, '--in', pendingFile('p.json', pending), '--fingerprint', fp], `${PASSPHRASE}x`)).toBe('WRONG_PASSPHRASE');
    const extra = pendingFile('extra.json', { ...pending, notAfter: Date.UTC(2099, 0) });
    expect(await failure('statement:sign', ['--key', keyFile, '--in', extra, '--fingerprint', fp])).toMatch(/must be exactly/);
  });

  it('revocation:sign signs a list dated now that verifies against the org key', async () => {
    const file = pendingFile('revoke.json', { entries: [{ staffId: 'staff-sato-0000000001', keyVersion: 1, revokedAt: NOW.getTime() }] });
    const { out } = await run('revocation:sign', ['--key', keyFile, '--in', file]);
    const orgKey = pinOrgKey(sodium, JSON.parse((await run('org:public', [keyFile, '--json'])).out).publicKey);
    const verified = verifyRevocationList(sodium, orgKey, JSON.parse(out));
    expect(verified.ok && verified.list.issuedAt).toBe(NOW.getTime());
    const dup = pendingFile('dup.json', { entries: [{ staffId: 'a', keyVersion: 1, revokedAt: 1 }, { staffId: 'a', keyVersion: 1, revokedAt: 2 }] });
    expect(await failure('revocation:sign', ['--key', keyFile, '--in', dup])).toMatch(/each \(staffId, keyVersion\) once/);
  });

  it('runs through tsunagari-admin on a machine with no database: org:init opens no database', async () => {
    const out = path.join(dir, 'via-admin.json');
    const db = path.join(dir, 'no-such-dir', 'tsunagari.db');
    const env = { ...process.env, TSUNAGARI_ORG_PASSPHRASE: PASSPHRASE, TSUNAGARI_DB: db };
    const { stdout } = await promisify(execFile)(process.execPath, [BUILT_ADMIN, 'org:init', '--out', out], { cwd: SERVER_ROOT, env });
    expect(stdout).toMatch(/^organisation public key: [\w-]{43}\nfingerprint: \d{5}( \d{5}){4}\n$/);
    expect(fs.existsSync(out)).toBe(true);
    expect(fs.existsSync(path.dirname(db))).toBe(false);
  });
});
