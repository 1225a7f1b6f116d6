import { randomBytes } from 'node:crypto';
import type { StartProof } from '@tsunagari/shared';
import { type Challenge, createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';

/** The highest counter a widget may have to try, at ordinary times (half to all of it). */
export const DEFAULT_POW_COUNTER = 10_000;
/** With at least this many waiting the queue is under a flood, and challenges get harder. */
export const DEFAULT_POW_FLOOD_WAITING = 30;
/** How much harder under a flood. */
export const FLOOD_FACTOR = 10;
/** A challenge works this long: she may read the safety notice and the intake at her own pace. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

export interface StartProofOptions {
  /** Highest counter at ordinary times; 0: no proof is asked for. */
  counter: number;
  /** Waiting women from which on the queue counts as flooded (difficulty × {@link FLOOD_FACTOR}). */
  floodWaiting: number;
}

/**
 * Proof of work to start a consultation (ALTCHA v2 through `altcha-lib`): the relay hands out a
 * signed challenge, the widget searches for the counter while she reads the safety notice, and
 * `consultation:start` carries the answer. It costs a real woman nothing she notices and makes a
 * script's thousand starts cost a thousand searches.
 *
 * SHA-256 with one round per try: making a challenge costs the relay one hash (the route is open
 * to anyone), and the difficulty is the counter range alone. The signing secrets live in memory
 * only (a restart voids outstanding challenges; the widget retries once with a fresh one).
 * Expiry is checked on the injected clock (the signed `data.exp`), not altcha's own wall clock,
 * and a solved challenge works once: its signature is kept until it would have expired anyway.
 */
export class StartProofs {
  constructor(
    private readonly clock: Clock,
    private readonly options: StartProofOptions,
    private readonly waiting: () => Promise<number>,
    private readonly ledger: ProofLedger = new MemoryProofLedger(),
  ) {}

  /** Whether starts need a proof at all. */
  get required(): boolean {
    return this.options.counter > 0;
  }

  /** A fresh challenge, harder while the queue is flooded; null when no proof is asked for. */
  async challenge(): Promise<Challenge | null> {
    if (!this.required) return null;
    const max = await this.requiredMax();
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(max, Math.ceil(max / 2)),
      deriveKey,
      // Signed with the rest: `max` says how hard it was made, checked again when it is used.
      data: { exp: this.clock.now().getTime() + CHALLENGE_TTL_MS, max },
      ...(await this.secrets()),
    });
  }

  /**
   * Accepts a solved challenge once; PROOF_REFUSED when missing, expired, used, forged, wrong, or
   * easier than the queue now asks for. The last closes stocking: a script that fetched and solved
   * a pile of easy challenges while the queue was calm cannot spend them during a flood (each works
   * 30 minutes). A woman whose proof was made just before the flood is refused once, and the
   * widget quietly solves a fresh, harder one.
   */
  async verify(proof: StartProof | undefined): Promise<void> {
    if (!this.required) return;
    if (!proof) throw errors.proofRefused('missing');
    const now = this.clock.now().getTime();
    const data = proof.challenge.parameters.data;
    const exp = data?.exp;
    if (exp === undefined || exp < now) throw errors.proofRefused('expired');
    // Challenges made before `max` was signed in count as ordinary ones.
    const max = typeof data?.max === 'number' ? data.max : this.options.counter;
    if (max < (await this.requiredMax())) throw errors.proofRefused('easy');
    // Claimed before the solution is checked: two starts with one proof at once cannot both pass.
    if (!(await this.ledger.claim(proof.challenge.signature, exp, now))) throw errors.proofRefused('used');
    const result = await verifySolution({ challenge: proof.challenge, solution: proof.solution, deriveKey, ...(await this.secrets()) });
    if (!result.verified) throw errors.proofRefused('wrong');
  }

  /** The highest counter the queue asks for now: the ordinary one, ten times that under a flood. */
  private async requiredMax(): Promise<number> {
    const flooded = (await this.waiting()) >= this.options.floodWaiting;
    return this.options.counter * (flooded ? FLOOD_FACTOR : 1);
  }

  private async secrets(): Promise<{ hmacSignatureSecret: string; hmacKeySignatureSecret: string }> {
    const s = await this.ledger.secrets();
    return { hmacSignatureSecret: s.signature, hmacKeySignatureSecret: s.key };
  }
}

/**
 * Where the signing secrets and the used challenges live: this process's memory (one relay), or
 * Redis (`redis/redis-proof-ledger.ts`), so a challenge handed out by one node is accepted once by
 * any node (issue 17).
 */
export interface ProofLedger {
  /** The HMAC secrets that sign challenges; the same for every node that shares the ledger. */
  secrets(): Promise<{ signature: string; key: string }>;
  /** Marks a challenge's signature used until `expMs`; false if it was already. */
  claim(signature: string, expMs: number, nowMs: number): Promise<boolean>;
}

/** Secrets and used challenges in memory: a restart voids outstanding challenges. */
export class MemoryProofLedger implements ProofLedger {
  private readonly pair = { signature: randomBytes(32).toString('hex'), key: randomBytes(32).toString('hex') };
  /** Signatures of challenges already used → when they expire (insertion order is expiry order). */
  private readonly used = new Map<string, number>();

  async secrets(): Promise<{ signature: string; key: string }> {
    return this.pair;
  }

  async claim(signature: string, expMs: number, nowMs: number): Promise<boolean> {
    if (this.used.has(signature)) return false;
    this.used.set(signature, expMs);
    for (const [s, exp] of this.used) {
      if (exp >= nowMs) break;
      this.used.delete(s);
    }
    return true;
  }
}
