import { describe } from 'vitest';
import type { AsyncRepositories } from './async.js';
import { chatContract } from './contract/chat.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { recordsContract } from './contract/records.contract.js';
import { retentionContract } from './contract/retention.contract.js';
import { staffContract } from './contract/staff.contract.js';

/**
 * The repositories' documented behaviour (types.ts), as tests every storage backend must pass
 * (issue 17): SQLite through the async adapter in the `server` project, PostgreSQL in
 * `server-pg`. `repos` answers the set for the running test, on a database as a fresh install
 * has it (each backend's test file sees to that before each test).
 */
export function repositoryContract(backend: string, repos: () => AsyncRepositories): void {
  describe(`repositories on ${backend}`, () => {
    describe('staff', () => staffContract(repos));
    describe('chat', () => chatContract(repos));
    describe('records', () => recordsContract(repos));
    describe('retention', () => retentionContract(repos));
    describe('at once', () => concurrencyContract(repos));
  });
}
