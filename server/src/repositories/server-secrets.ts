import type { Db } from '../db/database.js';
import { promised } from './promised.js';

/**
 * Secrets the relay makes for itself and keeps across restarts (the decoy salts' key): a secret
 * that changed at every restart would tell a prober which usernames are not real.
 */
export interface ServerSecretRepository {
  /** The secret by this name, made with `make` and stored the first time it is asked for. */
  getOrCreate(name: string, make: () => Uint8Array): Promise<Uint8Array>;
}

export function createSqliteServerSecrets(db: Db): ServerSecretRepository {
  const read = db.prepare<[string], { value: Buffer }>('SELECT value FROM server_secret WHERE name = ?');
  const insert = db.prepare<[string, Buffer]>('INSERT OR IGNORE INTO server_secret (name, value) VALUES (?, ?)');
  return promised<ServerSecretRepository>({
    getOrCreate(name, make) {
      const found = read.get(name);
      if (found) return new Uint8Array(found.value);
      insert.run(name, Buffer.from(make()));
      // Read back: a second process that raced this one made the secret both now use.
      return new Uint8Array((read.get(name) as { value: Buffer }).value);
    },
  });
}
