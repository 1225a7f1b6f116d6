import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { JobLock } from '../cluster/job-lock.js';

/**
 * Renews the lease if this token holds it, else takes it if nobody does — or if its holder's
 * heartbeat is gone (ARGV[3], the heartbeat keys' prefix, when nodes beat): a holder that died
 * does not keep the jobs, or a restarted lone relay, waiting for its lease to run out.
 */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder and (ARGV[3] == '' or redis.call('EXISTS', ARGV[3] .. holder) == 1) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Deletes the lease only if this token still holds it (never another node's). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** 1 when a live other node holds the lease (a holder whose heartbeat is gone holds nothing). */
const HELD_ELSEWHERE = `
local holder = redis.call('GET', KEYS[1])
if not holder or holder == ARGV[1] then return 0 end
if ARGV[2] ~= '' and redis.call('EXISTS', ARGV[2] .. holder) == 0 then return 0 end
return 1`;

/** How a lock tells a live holder from a dead one: its token is the node id, beating under `heartbeatPrefix`. */
export interface LockLiveness {
  nodeId: string;
  heartbeatPrefix: string;
  /** How often the heartbeat is renewed: the lock is tried as often, to take over a dead holder's lease soon. */
  beatMs: number;
}

/**
 * {@link JobLock} in Redis: one key holding the holder's token with a lease (PX). Taking,
 * renewing and releasing are each one Lua script, so a node renews or releases only a lease that is
 * still its own — never one another node took after this one paused past its lease. With
 * `liveness` (every relay node; the heartbeat keys share routing's hash tag, not the lock's key, so
 * this needs one Redis, not a Redis Cluster) the token is the node's id, and a lease whose
 * holder's heartbeat is gone is taken over at once.
 */
export class RedisJobLock implements JobLock {
  private readonly token: string;
  private readonly heartbeatPrefix: string;
  readonly retryMs: number | undefined;

  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly leaseMs = 30_000,
    liveness?: LockLiveness,
  ) {
    this.token = liveness?.nodeId ?? randomBytes(16).toString('base64url');
    this.heartbeatPrefix = liveness?.heartbeatPrefix ?? '';
    this.retryMs = liveness?.beatMs;
  }

  async acquire(): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, this.key, this.token, this.leaseMs, this.heartbeatPrefix)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }

  async heldElsewhere(): Promise<boolean> {
    return (await this.redis.eval(HELD_ELSEWHERE, 1, this.key, this.token, this.heartbeatPrefix)) === 1;
  }
}
