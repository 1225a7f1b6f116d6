import { randomBytes } from 'node:crypto';
import { tokyoParts } from '@tsunagari/shared';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { DailySalts } from '../http/client-key.js';
import type { Logger } from '../log.js';
import { describeError } from '../errors.js';

const DAY_MS = 24 * 3600_000;
/** Nodes' clocks differ a little: a salt outlives its day by this much, then it is gone. */
const SKEW_MS = 5 * 60_000;

/**
 * The caller keys' daily salt shared by every node (issue 17), so one network has one key on all
 * of them and the shared limits count it once. The first node to ask makes a day's salt (SET NX)
 * with that Tokyo day's end as its expiry; nobody keeps it longer, so yesterday's keys cannot be
 * linked to today's, as with one process. Today's and tomorrow's are fetched ahead, every minute,
 * because a caller key is made without waiting. If Redis cannot be reached, a node makes a salt of
 * its own for the day (its keys then differ from the others' until Redis answers again) and says so.
 */
export class RedisDailySalts implements DailySalts {
  private readonly salts = new Map<string, Uint8Array>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly prefix = 'tsunagari:',
  ) {}

  saltFor(day: string): Uint8Array {
    const known = this.salts.get(day);
    if (known) return known;
    this.log.warn({ event: 'callers.salt_local' }, "the day's caller salt is not in from Redis: this node uses one of its own until it is");
    const salt = new Uint8Array(randomBytes(32));
    this.salts.set(day, salt);
    return salt;
  }

  /** Fetches today's and tomorrow's salts now, then every minute. */
  async start(): Promise<void> {
    await this.fetch();
    this.timer = setInterval(() => void this.fetch().catch((caught: unknown) => this.log.warn({ event: 'callers.salt_unreachable', err: describeError(caught) }, 'could not fetch the caller salt')), 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async fetch(): Promise<void> {
    const now = this.clock.now().getTime();
    const today = tokyoParts(new Date(now)).ymd;
    for (const day of [today, tokyoParts(new Date(now + DAY_MS)).ymd]) {
      const key = `${this.prefix}callers:salt:${day}`;
      const endsIn = Date.parse(`${day}T00:00:00+09:00`) + DAY_MS - now + SKEW_MS;
      await this.redis.set(key, randomBytes(32), 'PX', Math.max(1, endsIn), 'NX');
      const stored = await this.redis.getBuffer(key);
      if (stored) this.salts.set(day, new Uint8Array(stored));
    }
    // Days before today are over: their salts go from memory too.
    for (const day of this.salts.keys()) if (day < today) this.salts.delete(day);
  }
}
