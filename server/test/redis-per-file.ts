import { afterAll, beforeAll } from 'vitest';
import { type TestRedis, startRedis } from './redis-server.js';

/** One real Redis for a test file: started before its first test, stopped after its last. */
export function redisPerFile(): { readonly redis: TestRedis } {
  let redis: TestRedis | null = null;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return {
    get redis() {
      if (!redis) throw new Error('Redis is started before the first test');
      return redis;
    },
  };
}
