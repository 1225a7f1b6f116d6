import { Redis } from 'ioredis';
import type { RedisConfig } from '../config.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The relay's one way to open a Redis connection (issue 17), from TSUNAGARI_REDIS_URL. Commands
 * wait for a reconnection a few times, then fail: a node that lost Redis answers starts and
 * logins with an error instead of hanging them, and routing's own retries take over.
 */
export function connectRedis(config: RedisConfig, log: Logger): Redis {
  const options = { maxRetriesPerRequest: 3, connectionName: 'tsunagari-relay' };
  const redis = config.kind === 'socket' ? new Redis({ ...options, path: config.path }) : new Redis(config.url, options);
  return reportConnection(redis, log, 'node');
}

/**
 * Says in the relay's log when a connection loses Redis (`redis.unreachable`, once until it is
 * back) and when it is back (`redis.ready`). Without a listener ioredis wrote every failed
 * reconnection to stderr as a raw "Unhandled error event", outside the structured log.
 * `name` says which of the node's connections it is. Returns `redis`.
 */
export function reportConnection(redis: Redis, log: Logger, name: string): Redis {
  let down = false;
  redis.on('error', (caught: unknown) => {
    if (down) return;
    down = true;
    log.warn({ event: 'redis.unreachable', connection: name, err: describeError(caught) }, 'Redis does not answer: connecting again');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info({ event: 'redis.ready', connection: name }, 'Redis answers again');
  });
  return redis;
}
