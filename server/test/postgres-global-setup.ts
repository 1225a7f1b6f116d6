import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://tsunagari@127.0.0.1:PORT/ of the run's one real PostgreSQL (the `server-pg` project). */
    pgBaseUrl: string;
  }
}

/**
 * One real PostgreSQL cluster for the `server-pg` project's whole run; each test file copies its
 * databases from the migrated template. Stopped and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const postgres = await startPostgres();
  if (process.env.TSUNAGARI_PG_TIMING === '1') console.log(`PostgreSQL started and template migrated in ${Math.round(performance.now() - started)} ms`);
  project.provide('pgBaseUrl', postgres.baseUrl);
  return () => postgres.stop();
}
