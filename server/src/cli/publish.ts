/**
 * Entry for `npm run console-config -- …` and `npm run landing -- …` (see npo-files.ts). Paths on
 * the command line are relative to where she typed the command (npm's INIT_CWD), not to the
 * repository root where npm runs scripts.
 */
import { CryptoError } from '@tsunagari/shared/crypto';
import { loadSodium } from '../sodium.js';
import { runNpoFilesCommand } from './npo-files.js';

const [command, ...args] = process.argv.slice(2);
try {
  await runNpoFilesCommand(await loadSodium(), command, args, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
} catch (caught) {
  const message = caught instanceof CryptoError ? `${caught.id}: ${caught.message}` : caught instanceof Error ? caught.message : String(caught);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
