import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreIncarnation } from '../cluster/store-incarnation.js';

/** How long a claimed restore may take before another node may claim it (its node died meanwhile). */
const RESTORE_CLAIM_MS = 60_000;
const RESTORING = 'restoring:';
/** KEYS[1] the incarnation; ARGV[1] this node's claim, ARGV[2] the restore's id. 1 = named, 0 = the claim was gone. */
const RESTORED_OVER_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;

/**
 * {@link StoreIncarnation} as one Redis key under routing's hash tag, with no expiry: a restore's
 * id once a node has restored the store, `restoring:<node>` (expiring) while one does. Redis keeps
 * nothing on disk (preflight.ts), so a restarted Redis has no such key, and neither has a flushed one.
 */
export class RedisStoreIncarnation implements StoreIncarnation {
  private readonly key: string;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly nodeId: string,
    private readonly beatMs: number,
  ) {
    this.key = `${prefix}{routing}:incarnation`;
  }

  async read(): Promise<{ state: 'restored'; id: string } | { state: 'restoring' | 'empty' }> {
    const value = await this.redis.get(this.key);
    if (value === null) return { state: 'empty' };
    return value.startsWith(RESTORING) ? { state: 'restoring' } : { state: 'restored', id: value };
  }

  async claim(): Promise<boolean> {
    return (await this.redis.set(this.key, `${RESTORING}${this.nodeId}`, 'PX', RESTORE_CLAIM_MS, 'NX')) === 'OK';
  }

  async restored(): Promise<string | null> {
    const id = randomBytes(12).toString('base64url');
    // Only over this node's own claim: a claim gone meanwhile means the store lost what was restored.
    const set = await this.redis.eval(RESTORED_OVER_CLAIM, 1, this.key, `${RESTORING}${this.nodeId}`, id);
    return set === 1 ? id : null;
  }

  watch(id: string, lost: () => void): void {
    this.stop();
    const timer = setInterval(() => {
      this.redis.get(this.key).then(
        (value) => {
          // Told once, and never after a stop or a newer watch.
          if (value === id || this.timer !== timer) return;
          this.stop();
          lost();
        },
        // Unreachable says nothing: a Redis that comes back empty answers null at a later beat.
        () => undefined,
      );
    }, this.beatMs);
    timer.unref?.();
    this.timer = timer;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
