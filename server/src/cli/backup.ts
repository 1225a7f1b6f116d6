// `npm run backup -- <file>` and `npm run restore -- <file>`: the relay's database, copied while
// it runs, and put back while it is stopped. The database is the one the relay would open
// (TSUNAGARI_DB, or the default for DEMO=1 / production; see config.ts).
import { loadConfig } from '../config.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2).filter((a) => a !== '--');
  if ((command !== 'backup' && command !== 'restore') || !file) {
    throw new Error('usage: npm run backup -- <file>   |   npm run restore -- <file>');
  }
  const { dbPath, database } = loadConfig();
  // Not the SQLite default in its place: PostgreSQL is backed up by its own tools, while it runs.
  if (database.kind === 'postgres') {
    throw new Error(`npm run ${command}: TSUNAGARI_DB names PostgreSQL, which this command does not copy (it copies a SQLite file). Use pg_dump (backup: pg_dump --format=custom --file=FILE URL) and pg_restore (restore, with the relays stopped: pg_restore --clean --dbname=URL FILE)`);
  }
  if (command === 'backup') {
    const pages = await backupDatabase(dbPath, file);
    process.stdout.write(`backed up ${dbPath} to ${file} (${pages} pages) while the relay kept running\n`);
  } else {
    const kept = restoreDatabase(file, dbPath);
    process.stdout.write(`restored ${file} to ${dbPath}${kept ? `; the previous database is kept at ${kept}` : ''}\nstart the relay again to serve from it\n`);
  }
}

main().catch((caught: unknown) => {
  process.stderr.write(`${caught instanceof Error ? caught.message : String(caught)}\n`);
  process.exit(1);
});
