import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.js';

/**
 * The relay's one way to open a Redis connection (issue 17), from TSUNAGARI_REDIS_URL. Commands
 * wait for a reconnection a few times, then fail: a node that lost Redis answers starts and
 * logins with an error instead of hanging them, and routing's own retries take over.
 */
export function connectRedis(config: RedisConfig): Redis {
  const options = { maxRetriesPerRequest: 3, connectionName: 'tsunagari-relay' };
  return config.kind === 'socket' ? new Redis({ ...options, path: config.path }) : new Redis(config.url, options);
}
