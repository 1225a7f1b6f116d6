import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openOrgKeyFile, openRecordsKeyFile, openRecordsNote, type SodiumSumo, sealRecordsNote, toB64 } from '@tsunagari/shared/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgKeyCommand } from '../src/cli/org-key.js';
import { recordsPublicKeyOf, runRecordsKeyCommand } from '../src/cli/records-key.js';
import { SERVER_ROOT } from '../src/config.js';
import { loadSodium } from '../src/sodium.js';
import { keyCli } from './key-cli.js';
import { BUILT_ADMIN } from './built-server-global-setup.js';

const PASSPHRASE = 'kiroku wa kagi no naka 2026';
let sodium: SodiumSumo;
let dir: string;
let keyFile: string;

const orgCli = keyCli(() => sodium, runOrgKeyCommand, { passphrase: PASSPHRASE, now: new Date() });
const recordsCli = keyCli(() => sodium, runRecordsKeyCommand, { passphrase: PASSPHRASE, now: new Date() });
const cli = (command: string) => (command.startsWith('org:') ? orgCli : recordsCli);
const run = (command: string, args: string[], passphrase?: string) => cli(command).run(command, args, passphrase);
const failure = (command: string, args: string[], passphrase?: string) => cli(command).failure(command, args, passphrase);

beforeAll(async () => {
  sodium = await loadSodium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-records-key-'));
  keyFile = path.join(dir, 'records.key.json');
  await run('records:init', ['--out', keyFile]);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * The records key (issue 16), made offline like the organisation key: the file holds the secret
 * half encrypted under her passphrase; the public half is what the console config pins.
 */
describe('offline records-key commands', { timeout: 60_000 }, () => {
  it('records:init writes an owner-only encrypted records key file, prints its public key, never overwrites one', async () => {
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(keyFile, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'tsunagari-records-key', version: 1 });
    expect(await failure('records:init', ['--out', keyFile])).toMatch(/never overwrites/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(text);
    expect(await failure('records:init', ['--out', path.join(dir, 'short.json')], 'short')).toBe('WEAK_PASSWORD');
    expect(fs.existsSync(path.join(dir, 'short.json'))).toBe(false);
    expect(await failure('records:init', [])).toMatch(/usage/);
  });

  it('records:public prints the public key without a passphrase; a note sealed to it opens with the file, not with another key', async () => {
    const { out } = await run('records:public', [keyFile, '--json'], 'not asked');
    const { publicKey } = JSON.parse(out) as { publicKey: string };
    expect((await run('records:public', [keyFile])).out).toBe(`records public key: ${publicKey}\n`);
    const sealed = sealRecordsNote(sodium, publicKey, '次回は火曜の午後に');
    const opened = openRecordsKeyFile(sodium, fs.readFileSync(keyFile, 'utf8'), PASSPHRASE);
    expect(toB64(sodium, opened.publicKey)).toBe(publicKey);
    expect(openRecordsNote(sodium, opened, sealed)).toBe('次回は火曜の午後に');
    expect(() => openRecordsNote(sodium, sodium.crypto_box_keypair(), sealed)).toThrow(/did not open/);
    expect(() => openRecordsKeyFile(sodium, fs.readFileSync(keyFile, 'utf8'), `${PASSPHRASE}x`)).toThrow(expect.objectContaining({ id: 'WRONG_PASSPHRASE' }));
  });

  it('keeps the two kinds apart: an org key file is no records key file, and the other way round', async () => {
    const orgFile = path.join(dir, 'org.key.json');
    await run('org:init', ['--out', orgFile]);
    expect(await failure('records:public', [orgFile])).toBe('KEY_FILE_MALFORMED');
    expect(await failure('org:public', [keyFile])).toBe('KEY_FILE_MALFORMED');
    expect(() => openOrgKeyFile(sodium, fs.readFileSync(keyFile, 'utf8'), PASSPHRASE)).toThrow(expect.objectContaining({ id: 'KEY_FILE_MALFORMED' }));
    expect(() => recordsPublicKeyOf(sodium, { key: 'not-a-key' })).toThrow(/--records-key/);
    expect(() => recordsPublicKeyOf(sodium, { key: toB64(sodium, new Uint8Array(31)) })).toThrow(/--records-key/);
  });

  it('runs through tsunagari-admin on a machine with no database, the passphrase from TSUNAGARI_RECORDS_PASSPHRASE', async () => {
    const out = path.join(dir, 'via-admin.json');
    const db = path.join(dir, 'no-such-dir', 'tsunagari.db');
    const env = { ...process.env, TSUNAGARI_RECORDS_PASSPHRASE: PASSPHRASE, TSUNAGARI_ORG_PASSPHRASE: 'not this one', TSUNAGARI_DB: db };
    const { stdout } = await promisify(execFile)(process.execPath, [BUILT_ADMIN, 'records:init', '--out', out], { cwd: SERVER_ROOT, env });
    expect(stdout).toMatch(/^records public key: [\w-]{43}\n$/);
    expect(() => openRecordsKeyFile(sodium, fs.readFileSync(out, 'utf8'), PASSPHRASE)).not.toThrow();
    expect(fs.existsSync(path.dirname(db))).toBe(false);
  });
});
