import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ProofLedger } from '../domain/callers/start-proof.js';

/**
 * {@link ProofLedger} in Redis (issue 17): the challenge-signing secrets are made by whichever node
 * comes first (SET NX) and read by the others, so a challenge the widget fetched from one node is
 * accepted by the node her socket reaches; a used challenge's signature is a key that expires when
 * the challenge would have (SET NX PXAT), so it starts one consultation whichever node sees it.
 */
export class RedisProofLedger implements ProofLedger {
  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tsunagari:',
  ) {}

  /** Read every time rather than cached: after Redis lost them, every node signs with the new pair at once. */
  async secrets(): Promise<{ signature: string; key: string }> {
    const key = `${this.prefix}proofs:secrets`;
    let stored = await this.redis.get(key);
    if (stored === null) {
      await this.redis.set(key, JSON.stringify({ signature: randomBytes(32).toString('hex'), key: randomBytes(32).toString('hex') }), 'NX');
      stored = await this.redis.get(key);
    }
    if (stored === null) throw new Error("the start proofs' secrets vanished from Redis");
    return JSON.parse(stored) as { signature: string; key: string };
  }

  async claim(signature: string, expMs: number, nowMs: number): Promise<boolean> {
    // Relative (PX), not an instant: the relay's clock is injected (a test's may be years off Redis's).
    const ms = Math.max(1, expMs - nowMs);
    return (await this.redis.set(`${this.prefix}proofs:used:${signature}`, '1', 'PX', ms, 'NX')) === 'OK';
  }
}
