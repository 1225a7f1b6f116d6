import { DEMAND_PER_CALLER_PER_DAY, type DemandKind } from '@tsunagari/shared';
import type { Redis } from 'ioredis';
import { type DemandShares, MAX_DEMAND_CALLERS } from '../domain/demand.js';
import { runScript } from './script.js';

/** A day's shares are worth nothing the day after (the caller keys change at Tokyo midnight). */
const KEEP_SECONDS = 2 * 24 * 3600;

/**
 * KEYS: the caller's count for the day and kind, the day's number of callers remembered.
 * ARGV: share per caller, callers per day, seconds to keep. 1 = taken, 0 = refused.
 */
const TAKE = `
local used = redis.call('GET', KEYS[1])
if not used then
  if redis.call('INCR', KEYS[2]) > tonumber(ARGV[2]) then
    redis.call('DECR', KEYS[2])
    return 0
  end
  redis.call('EXPIRE', KEYS[2], ARGV[3])
elseif tonumber(used) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * {@link DemandShares} in Redis (issue 17): every node takes one network's share of the day from
 * one counter, checked and taken in one script, so a script spread over N nodes still counts
 * {@link DEMAND_PER_CALLER_PER_DAY} a day. Keys hold the day, the kind and the daily caller key
 * (never an address) and expire after two days; the day's figures themselves are the database's.
 */
export class RedisDemandShares implements DemandShares {
  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tsunagari:',
  ) {}

  async take(day: string, kind: DemandKind, caller: string): Promise<boolean> {
    const base = `${this.prefix}demand:${day}:`;
    const taken = await runScript(
      this.redis,
      'tsunagariDemandTake',
      TAKE,
      [`${base}${kind}:${caller}`, `${base}callers`],
      DEMAND_PER_CALLER_PER_DAY,
      MAX_DEMAND_CALLERS,
      KEEP_SECONDS,
    );
    return taken === 1;
  }
}
