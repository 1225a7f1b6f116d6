/**
 * Offline records-key commands (issue 16). Like the organisation key's (org-key.ts) they run on
 * the admin's own machine, not on the relay: no database, no server configuration.
 *   records:init --out FILE          new X25519 key pair; its secret only in FILE, encrypted
 *   records:public FILE [--json]     its public key (no passphrase): what console-config pins
 * Case-log notes are sealed to the public key in staff browsers; record-keeping supervisors open
 * them with FILE and its passphrase in the console. The passphrase comes from
 * TSUNAGARI_RECORDS_PASSPHRASE, the terminal (not echoed) or the first line of stdin.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createRecordsKeyFile, parseRecordsKeyFile, serialiseRecordsKeyFile, type SodiumSumo } from '@tsunagari/shared/crypto';
import { type OrgKeyCliIo, writeKeyFileOnce } from './org-key.js';

/** Where `records:init` reads its passphrase from when it is set (scripts). */
export const RECORDS_PASSPHRASE_ENV = 'TSUNAGARI_RECORDS_PASSPHRASE';

/** True for the commands this file owns. */
export function isRecordsKeyCommand(command: string | undefined): boolean {
  return command === 'records:init' || command === 'records:public';
}

/**
 * The records public key from a records key file (its public half is in clear) or as given
 * (`--records-key`), checked to be a records key: a 32-byte key, or a file of the records kind.
 */
export function recordsPublicKeyOf(sodium: SodiumSumo, source: { fileText: string } | { key: string }): string {
  if ('fileText' in source) return parseRecordsKeyFile(sodium, source.fileText).publicKey;
  let bytes: Uint8Array | null = null;
  try {
    bytes = sodium.from_base64(source.key, sodium.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    bytes = null;
  }
  if (bytes?.length !== sodium.crypto_box_PUBLICKEYBYTES) throw new Error('--records-key must be the 43-character public key records:init printed');
  return source.key;
}

/** Runs one command (the io's `now` is unused). Throws Error (usage, files) or CryptoError (passphrase, file). */
export async function runRecordsKeyCommand(sodium: SodiumSumo, command: string, args: string[], io: OrgKeyCliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
  if (command === 'records:init') {
    const out = values.out;
    if (!out) throw new Error('usage: records:init --out FILE');
    const make = async () => createRecordsKeyFile(sodium, await io.readPassphrase('new passphrase for the records key: ', true));
    const file = await writeKeyFileOnce(out, command, make, serialiseRecordsKeyFile);
    io.out(`records public key: ${file.publicKey}\n`);
    io.err(
      `Pin it in the console config (npm run console-config -- … --records-key-file ${out}). Give ${out} and its passphrase ` +
        'only to the supervisors who keep the records; keep a backup off the relay. A lost file means the notes cannot be read.\n',
    );
  } else if (command === 'records:public') {
    const path = positionals[0];
    if (!path) throw new Error('usage: records:public FILE');
    const publicKey = recordsPublicKeyOf(sodium, { fileText: await fs.readFile(path, 'utf8') });
    io.out(values.json ? `${JSON.stringify({ publicKey })}\n` : `records public key: ${publicKey}\n`);
  } else {
    throw new Error(`unknown command ${command}`);
  }
}
