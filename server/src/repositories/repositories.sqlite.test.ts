import { beforeEach } from 'vitest';
import { tempDatabases } from '../../test/temp-database.js';
import type { Repositories } from './types.js';
import { repositoryContract } from './repositories.contract.js';
import { createSqliteRepositories } from './sqlite.js';

// The repository contract on SQLite (a fresh migrated file per test), through the async adapter.
const open = tempDatabases('contract');
let repos: Repositories;
beforeEach(() => {
  repos = createSqliteRepositories(open());
});

repositoryContract('SQLite', () => repos);
