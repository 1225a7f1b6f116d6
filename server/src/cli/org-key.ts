/**
 * Offline organisation-key commands. They run on the admin's own machine, not on the relay: no
 * database, no server configuration, nothing but the key file and a passphrase.
 *   org:init --out FILE                                  new key pair; secret only in FILE, encrypted
 *   org:public FILE [--json]                             public key and its fingerprint (no passphrase)
 *   statement:sign --key FILE --in PENDING.json --fingerprint "DIGITS" [--valid-days 365]
 *   revocation:sign --key FILE --in ENTRIES.json         ENTRIES.json: {"entries":[{staffId,keyVersion,revokedAt}]}
 * Signed JSON goes to stdout. The passphrase comes from TSUNAGARI_ORG_PASSPHRASE, the terminal
 * (not echoed) or the first line of stdin. Reached through `tsunagari-admin` (admin.ts).
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { joinStringOptionValues } from './args.js';
import { CryptoError, createOrgKeyFile, openOrgKeyFile, parseOrgKeyFile, serialiseOrgKeyFile, type SodiumSumo } from '@tsunagari/shared/crypto';
import {
  DEFAULT_STATEMENT_VALIDITY_MS,
  fingerprintsMatch,
  newStaffStatement,
  orgKeyFingerprint,
  parsePendingStatement,
  parseRevocationList,
  pinOrgKey,
  signRevocationList,
  signStaffStatement,
  staffKeysFingerprint,
} from '@tsunagari/shared/trust';
import { loadSodium } from '../sodium.js';
import { PASSPHRASE_ENV, readPassphrase } from './read-secret.js';

/** What the commands need from the outside world; tests pass their own. */
export interface OrgKeyCliIo {
  readPassphrase(prompt: string, confirm: boolean): Promise<string>;
  out(text: string): void;
  err(text: string): void;
  now(): Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const OPTIONS = {
  out: { type: 'string' },
  key: { type: 'string' },
  in: { type: 'string' },
  fingerprint: { type: 'string' },
  'valid-days': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * The organisation's public key and its fingerprint, from the key file (whose public half is
 * stored in clear: no passphrase needed) or from the key itself (`--org-key`, checked the same way
 * the browsers pin it). What `org:public` prints, and what the console config and landing pages pin.
 */
export function orgPublicKeyOf(sodium: SodiumSumo, source: { fileText: string } | { key: string }): { publicKey: string; fingerprint: string } {
  const publicKey = 'fileText' in source ? parseOrgKeyFile(sodium, source.fileText).publicKey : source.key;
  return { publicKey, fingerprint: orgKeyFingerprint(sodium, pinOrgKey(sodium, publicKey)) };
}

/** True for the commands this file owns (the relay has no org:init of its own: it registers the public key only). */
export function isOrgKeyCommand(command: string | undefined): boolean {
  return command === 'org:init' || command === 'org:public' || command === 'statement:sign' || command === 'revocation:sign';
}

/**
 * Writes a new key file, owner-only, never over an existing one: checked before `make` asks for a
 * passphrase, and again by the write itself (a file made meanwhile is still never overwritten).
 */
export async function writeKeyFileOnce<T>(out: string, command: string, make: () => Promise<T>, text: (file: T) => string): Promise<T> {
  const exists = () => new Error(`${out} exists; ${command} never overwrites a key file`);
  if (await fs.stat(out).then(() => true, () => false)) throw exists();
  const file = await make();
  try {
    await fs.writeFile(out, text(file), { mode: 0o600, flag: 'wx' });
  } catch (caught) {
    if ((caught as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    throw caught;
  }
  return file;
}

async function readJson(file: string | undefined, what: string): Promise<unknown> {
  if (!file) throw new Error(`${what} is missing (--in FILE)`);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not readable JSON`);
  }
}

async function openKey(sodium: SodiumSumo, keyFile: string | undefined, io: OrgKeyCliIo) {
  if (!keyFile) throw new Error('--key FILE is missing');
  const text = await fs.readFile(keyFile, 'utf8');
  return openOrgKeyFile(sodium, text, await io.readPassphrase(`passphrase for ${keyFile}: `, false));
}

/** Runs one command. Throws Error (usage, files) or CryptoError (passphrase, file, statement). */
export async function runOrgKeyCommand(sodium: SodiumSumo, command: string, args: string[], io: OrgKeyCliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args: joinStringOptionValues(args, OPTIONS), options: OPTIONS, allowPositionals: true });
  if (command === 'org:init') {
    const out = values.out;
    if (!out) throw new Error('usage: org:init --out FILE');
    const make = async () => createOrgKeyFile(sodium, await io.readPassphrase('new passphrase for the organisation key: ', true));
    const file = await writeKeyFileOnce(out, command, make, serialiseOrgKeyFile);
    io.out(`organisation public key: ${file.publicKey}\nfingerprint: ${orgKeyFingerprint(sodium, pinOrgKey(sodium, file.publicKey))}\n`);
    io.err(`Pin the public key in the widget snippet and the console config. Keep ${out} and its passphrase off the relay, with a backup.\n`);
  } else if (command === 'org:public') {
    const path = positionals[0];
    if (!path) throw new Error('usage: org:public FILE');
    const { publicKey, fingerprint } = orgPublicKeyOf(sodium, { fileText: await fs.readFile(path, 'utf8') });
    io.out(values.json ? `${JSON.stringify({ publicKey, fingerprint })}\n` : `organisation public key: ${publicKey}\nfingerprint: ${fingerprint}\n`);
  } else if (command === 'statement:sign') {
    const pending = parsePendingStatement(sodium, await readJson(values.in, 'the pending statement'));
    if (!pending) throw new Error('the pending statement must be exactly {staffId, role, boxPublicKey, signPublicKey, keyVersion}');
    // The digits are never printed here: the admin must type what she reads out from her console.
    if (!values.fingerprint || !fingerprintsMatch(values.fingerprint, staffKeysFingerprint(sodium, pending))) {
      throw new Error('not signed: --fingerprint must be the digits her console shows; if they differ, her keys were changed on the way');
    }
    const days = values['valid-days'] === undefined ? DEFAULT_STATEMENT_VALIDITY_MS / DAY_MS : Number(values['valid-days']);
    if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error('--valid-days must be a whole number from 1 to 400');
    const key = await openKey(sodium, values.key, io);
    try {
      io.out(`${JSON.stringify(signStaffStatement(sodium, key.secretKey, newStaffStatement(pending, io.now().getTime(), days * DAY_MS)))}\n`);
    } finally {
      sodium.memzero(key.secretKey);
    }
  } else if (command === 'revocation:sign') {
    const input = await readJson(values.in, 'the revocation entries');
    const list = parseRevocationList({ issuedAt: io.now().getTime(), entries: (input as { entries?: unknown } | null)?.entries });
    if (!list) throw new Error('the entries must be [{staffId, keyVersion, revokedAt}], each (staffId, keyVersion) once');
    const key = await openKey(sodium, values.key, io);
    try {
      io.out(`${JSON.stringify(signRevocationList(sodium, key.secretKey, list))}\n`);
    } finally {
      sodium.memzero(key.secretKey);
    }
  } else {
    throw new Error(`unknown command ${command}`);
  }
}

/** Entry from admin.ts: real terminal and clock; coded errors keep their id in the message. `run`: this file's commands, or records-key.ts's. */
export async function runOrgKeyCli(command: string, args: string[], run = runOrgKeyCommand, passphraseEnv = PASSPHRASE_ENV): Promise<void> {
  const io: OrgKeyCliIo = {
    readPassphrase: (prompt, confirm) => readPassphrase(prompt, confirm, passphraseEnv),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    now: () => new Date(),
  };
  try {
    await run(await loadSodium(), command, args, io);
  } catch (caught) {
    if (caught instanceof CryptoError) throw new Error(`${caught.id}: ${caught.message}`);
    throw caught;
  }
}
