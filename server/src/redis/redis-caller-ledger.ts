import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CallerLedgerStore } from '../domain/callers/caller-ledger-store.js';
import { runScript } from './script.js';

/**
 * Caller keys change every Tokyo day, so nothing here is worth keeping past two: every key
 * expires by then even if no consultation of it is ever seen to end.
 */
const KEEP_SECONDS = 2 * 24 * 3600;

/**
 * KEYS: the caller's open set, its held places (a sorted set, token → lapse time in Redis's own
 * ms, so the nodes' clocks do not matter). ARGV: limit, hold ms, token. Lapsed places go first;
 * then the count and the hold are one step, so starts racing on several nodes each see the places
 * the others took.
 */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('SCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
return 1`;

/**
 * {@link CallerLedgerStore} in Redis (issue 17): the open chats of a caller network as a set per
 * network, the network of each consultation, and the day's nuisance blocks, which expire at Tokyo
 * midnight. Keys hold daily caller keys and random consultation ids: never an address.
 */
export class RedisCallerLedgerStore implements CallerLedgerStore {
  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tsunagari:',
  ) {}

  async openOf(caller: string): Promise<string[]> {
    return this.redis.smembers(this.key('open', caller));
  }

  async addOpen(caller: string, consultationId: string): Promise<void> {
    const open = this.key('open', caller);
    await this.redis.multi().sadd(open, consultationId).expire(open, KEEP_SECONDS).set(this.key('starter', consultationId), caller, 'EX', KEEP_SECONDS).exec();
  }

  async dropOpen(caller: string, consultationIds: string[]): Promise<void> {
    if (consultationIds.length === 0) return;
    await this.redis
      .multi()
      .srem(this.key('open', caller), ...consultationIds)
      .del(...consultationIds.map((id) => this.key('starter', id)))
      .exec();
  }

  async callerOf(consultationId: string): Promise<string | null> {
    return this.redis.get(this.key('starter', consultationId));
  }

  async block(caller: string, day: string, forMs: number): Promise<void> {
    await this.redis.set(this.key('blocked', caller), day, 'PX', Math.max(1, forMs));
  }

  async blockedDay(caller: string): Promise<string | null> {
    return this.redis.get(this.key('blocked', caller));
  }

  async hold(caller: string, limit: number, forMs: number): Promise<string | null> {
    const token = randomBytes(9).toString('base64url');
    const held = await runScript(this.redis, 'tsunagariCallerHold', HOLD, [this.key('open', caller), this.key('holding', caller)], limit, Math.max(1, Math.ceil(forMs)), token);
    return held === 1 ? token : null;
  }

  async release(caller: string, token: string): Promise<void> {
    await this.redis.zrem(this.key('holding', caller), token);
  }

  private key(kind: string, id: string): string {
    return `${this.prefix}callers:${kind}:${id}`;
  }
}
