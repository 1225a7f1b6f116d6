import { CryptoError, type SodiumSumo } from '@tsunagari/shared/crypto';
import type { OrgKeyCliIo } from '../src/cli/org-key.js';

type Command = (sodium: SodiumSumo, command: string, args: string[], io: OrgKeyCliIo) => Promise<void>;

/**
 * For the offline key commands' tests (org-key.ts, records-key.ts): `run` gives a command its
 * passphrase and a fixed clock and returns what it printed; `failure` returns what stopped it
 * (a CryptoError's id or the message). `sodium` is read when a command runs (it loads in beforeAll).
 */
export function keyCli(sodium: () => SodiumSumo, command: Command, defaults: { passphrase: string; now: Date }) {
  async function run(name: string, args: string[], passphrase = defaults.passphrase): Promise<{ out: string; err: string }> {
    let out = '';
    let err = '';
    const io: OrgKeyCliIo = { readPassphrase: async () => passphrase, out: (t) => (out += t), err: (t) => (err += t), now: () => defaults.now };
    await command(sodium(), name, args, io);
    return { out, err };
  }
  async function failure(name: string, args: string[], passphrase = defaults.passphrase): Promise<string> {
    try {
      await run(name, args, passphrase);
    } catch (caught) {
      return caught instanceof CryptoError ? caught.id : (caught as Error).message;
    }
    return 'no failure';
  }
  return { run, failure };
}
