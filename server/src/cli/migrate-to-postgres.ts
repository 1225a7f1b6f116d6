// `npm run migrate-to-postgres -- --from data/tsunagari.db --to postgres://user@host/db` (issue 17):
// an existing SQLite deployment's records moved into a new, empty PostgreSQL database, in one
// transaction, every table's row count checked before the commit. The relay must be stopped (the
// file's relay lock is taken); afterwards start the relays with TSUNAGARI_DB set to the URL. The
// summary names tables and counts only: no row, no message, no password of the URL.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { claimRelayLock } from '../db/relay-lock.js';
import { copySqliteToPg } from '../repositories/pg/copy-from-sqlite.js';
import { createPgPool, inTransaction } from '../repositories/pg/pool.js';
import { joinStringOptionValues } from './args.js';

const OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const;
const USAGE = 'usage: npm run migrate-to-postgres -- --from SQLITE_FILE --to postgres://user:password@host:5432/database';

async function main(): Promise<void> {
  const { values } = parseArgs({ args: joinStringOptionValues(process.argv.slice(2).filter((a) => a !== '--'), OPTIONS), options: OPTIONS });
  const { from, to } = values;
  if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) throw new Error(USAGE);
  // openDatabase would make an empty file where none is: a mistyped path must not "move" nothing.
  if (!fs.existsSync(from)) throw new Error(`${from}: no such SQLite file`);
  const target = new URL(to);
  const label = `PostgreSQL ${target.host}${target.pathname}`;
  const release = claimRelayLock(from, 'move to PostgreSQL');
  const source = openDatabase(from);
  const pool = createPgPool(to, 1);
  try {
    const copied = (await inTransaction(pool, (client) => copySqliteToPg(source, client))).sort((a, b) => a.table.localeCompare(b.table));
    const width = Math.max(...copied.map((c) => c.table.length));
    const total = copied.reduce((sum, c) => sum + c.rows, 0);
    process.stdout.write(
      `moved ${from} to ${label} in one transaction; every table's row count matches the file:\n` +
        copied.map((c) => `  ${c.table.padEnd(width)}  ${c.rows}\n`).join('') +
        `  ${'(all)'.padEnd(width)}  ${total} rows in ${copied.length} tables\n` +
        `next: start every relay with TSUNAGARI_DB=<the URL> and the same settings as before (README "Several nodes"); keep ${from} safe until the relays serve from PostgreSQL, then delete it\n`,
    );
  } finally {
    await pool.end();
    source.close();
    release();
  }
}

main().catch((caught: unknown) => {
  process.stderr.write(`migrate-to-postgres: ${caught instanceof Error ? caught.message : String(caught)}\n`);
  process.exit(1);
});
