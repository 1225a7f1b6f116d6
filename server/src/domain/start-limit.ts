import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimiterFactory, memoryLimiters } from '../cluster/limiters.js';
import { errors } from '../errors.js';

/**
 * Consultations one caller may start per hour unless configured otherwise. A caller is a daily
 * key of her address, and many women can share one address (a mobile carrier's NAT, a shelter's
 * Wi-Fi), so this is set far above what women from one address start in an hour: it is there so
 * that one script cannot fill the queue and push real women back, not to ration anyone.
 */
export const DEFAULT_STARTS_PER_HOUR = 20;

/** Counts consultation starts per caller key (never an address), in memory or, across nodes, in Redis. */
export class StartLimit {
  private readonly limiter: RateLimiterAbstract | null;

  /**
   * @param perHour starts allowed per caller per hour; 0 turns the limit off.
   * @param limiters where the count lives (default this process's memory).
   */
  constructor(perHour: number = DEFAULT_STARTS_PER_HOUR, limiters: LimiterFactory = memoryLimiters) {
    this.limiter = perHour > 0 ? limiters({ keyPrefix: 'starts', points: perHour, duration: 3600 }) : null;
  }

  /** Counts one start for `caller`; throws RATE_LIMITED once the hour's starts are used up. */
  async admit(caller: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(caller);
    } catch (caught) {
      if (caught instanceof RateLimiterRes) throw errors.rateLimited();
      throw caught;
    }
  }
}
