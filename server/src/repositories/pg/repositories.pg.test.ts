import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { freshPgDatabase, resetPgDatabase } from '../../../test/postgres-server.js';
import type { AsyncRepositories } from '../async.js';
import { repositoryContract } from '../repositories.contract.js';
import { createPgRepositories } from './index.js';

// The repository contract on PostgreSQL: one database for the file (copied from the migrated
// template), emptied before each test; several pooled clients, so calls made at once run at once.
let db: Awaited<ReturnType<typeof freshPgDatabase>>;
let repos: AsyncRepositories;
beforeAll(async () => {
  db = await freshPgDatabase(inject('pgBaseUrl'));
  repos = createPgRepositories(db.pool);
});
beforeEach(() => resetPgDatabase(db.pool));
afterAll(() => db?.drop());

repositoryContract('PostgreSQL', () => repos);
