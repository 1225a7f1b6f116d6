import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Repositories } from './repositories/types.js';

/** The relay's storage as main.ts opened it: SQLite (the default) or PostgreSQL (issue 17). */
export interface Storage {
  repos: Repositories;
  /** The SQLite handle (its checkpointer and disk alarm run in createApp); absent with PostgreSQL. */
  db?: Db;
  /** What the banner names: the SQLite file, or PostgreSQL's host and database (never its password). */
  label: string;
  /** After the app has closed (its last writes flushed): closes the file or ends the pool. */
  close(): Promise<void>;
}

/**
 * Opens the storage TSUNAGARI_DB names. SQLite: the relay lock file (one relay per file: its
 * consultation cache assumes it is the only writer, and a restore refuses while it runs) and the
 * file, migrated. PostgreSQL: a pool, migrated under the advisory lock (several nodes may start at
 * once), and no lock file — any number of nodes share it. Each backend's modules load only when chosen.
 * `besideRelay` (the admin CLI): the SQLite file without the relay lock — the CLI writes beside a
 * running relay, which notices its changes (data_version); PostgreSQL is the same either way.
 */
export async function openStorage(config: Config, opts: { besideRelay?: boolean } = {}): Promise<Storage> {
  if (config.database.kind === 'postgres') {
    const { createPgPool } = await import('./repositories/pg/pool.js');
    const { migratePg } = await import('./repositories/pg/migrations.js');
    const { createPgRepositories } = await import('./repositories/pg/index.js');
    // The relay keeps its connections (pool.ts says why); the admin CLI's pool ends with the command.
    const pool = createPgPool(config.database.url, 10, { keepIdle: !opts.besideRelay });
    try {
      await migratePg(pool);
    } catch (caught) {
      await pool.end();
      throw caught;
    }
    const url = new URL(config.database.url);
    return { repos: createPgRepositories(pool), label: `PostgreSQL ${url.host}${url.pathname}`, close: () => pool.end() };
  }
  const { claimRelayLock } = await import('./db/relay-lock.js');
  const { openDatabase } = await import('./db/database.js');
  const { createSqliteRepositories } = await import('./repositories/sqlite.js');
  const releaseLock = opts.besideRelay ? () => undefined : claimRelayLock(config.dbPath);
  const db = openDatabase(config.dbPath);
  return {
    repos: createSqliteRepositories(db),
    db,
    label: `SQLite ${config.dbPath}`,
    close: async () => {
      db.close();
      releaseLock();
    },
  };
}
