import type { TestProject } from 'vitest/node';
import { startRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Unix socket of the run's one real Redis (the `server-redis` project). */
    redisPath: string;
  }
}

/**
 * One real Redis for the `server-redis` project's whole run: the routing integration files run
 * again with their queue in it (each server its own key prefix), then it is stopped and deleted.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis();
  project.provide('redisPath', redis.path);
  return () => redis.stop();
}
