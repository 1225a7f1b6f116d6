/**
 * Opens a running relay's SQLite file from the test process, as a compromised relay's operator
 * could, to rewrite rows behind the server's back (better-sqlite3 is the server's own dependency).
 */
export { openRelayDb, type RelayDb } from '../scripts/e2e-templates.mjs';

/** What the demo banner says about where things are: the database and the demo org key file with its passphrase. */
export function demoPaths(banner: string): { db: string; orgKeyFile: string; passphrase: string; recordsKeyFile: string; recordsPassphrase: string } {
  const db = /^\s+Database:\s+SQLite (\S+)$/m.exec(banner)?.[1];
  const key = /^\s+Demo org key file:\s+(\S+) \(passphrase: (\S+)\)$/m.exec(banner);
  const records = /^\s+Demo records key file:\s+(\S+) \(passphrase: ([^;\s]+);/m.exec(banner);
  if (!db || !key?.[1] || !key[2] || !records?.[1] || !records[2]) throw new Error(`the banner did not say where the database and key files are:\n${banner}`);
  return { db, orgKeyFile: key[1], passphrase: key[2], recordsKeyFile: records[1], recordsPassphrase: records[2] };
}
