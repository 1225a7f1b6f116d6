import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { JobLock } from '../cluster/job-lock.js';

/** Renews the lease if this token holds it, else takes it if nobody does (SET NX PX). */
const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

/** Deletes the lease only if this token still holds it (never another node's). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * {@link JobLock} in Redis: one key holding the holder's random token with a lease (PX). Taking,
 * renewing and releasing are each one Lua script, so a node renews or releases only a lease that is
 * still its own — never one another node took after this one paused past its lease.
 */
export class RedisJobLock implements JobLock {
  private readonly token = randomBytes(16).toString('base64url');

  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly leaseMs = 30_000,
  ) {}

  async acquire(): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, this.key, this.token, this.leaseMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }

  async heldElsewhere(): Promise<boolean> {
    const holder = await this.redis.get(this.key);
    return holder !== null && holder !== this.token;
  }
}
