import { type RateLimiterAbstract, RateLimiterMemory } from 'rate-limiter-flexible';

/** What a limiter counts: points per `duration` seconds under a key prefix of its own. */
export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

/**
 * Makes the rate limiters the domain's limits count with (issue 17): in this process's memory
 * (one node, the default), or in Redis so every node counts against the same budget
 * (`redis/redis-node.ts`). The domain modules see only rate-limiter-flexible's common interface.
 */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

/** Limiters in this process's memory: what one relay has always used. */
export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);
