import { beforeEach } from 'vitest';
import { tempDatabases } from '../../test/temp-database.js';
import { type AsyncRepositories, asAsyncRepositories } from './async.js';
import { repositoryContract } from './repositories.contract.js';
import { createSqliteRepositories } from './sqlite.js';

// The repository contract on SQLite (a fresh migrated file per test), through the async adapter.
const open = tempDatabases('contract');
let repos: AsyncRepositories;
beforeEach(() => {
  repos = asAsyncRepositories(createSqliteRepositories(open()));
});

repositoryContract('SQLite', () => repos);
