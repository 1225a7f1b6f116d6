import type { Redis } from 'ioredis';
import type { CallerLedgerStore } from '../domain/callers/caller-ledger-store.js';

/**
 * Caller keys change every Tokyo day, so nothing here is worth keeping past two: every key
 * expires by then even if no consultation of it is ever seen to end.
 */
const KEEP_SECONDS = 2 * 24 * 3600;

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

  private key(kind: string, id: string): string {
    return `${this.prefix}callers:${kind}:${id}`;
  }
}
