import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimiterFactory, memoryLimiters } from '../../cluster/limiters.js';
import { errors } from '../../errors.js';

/** The login limits; every field has a default (see {@link DEFAULT_LOGIN_LIMITS}). */
export interface LoginLimits {
  /** Failures one network may make on one username before it must wait (the last of them sets the first wait). */
  freeFailures: number;
  /** The first wait after the free failures, in seconds; it doubles with every further failure. */
  backoffBaseSeconds: number;
  /** The longest wait one network is made to keep for one username, in seconds. */
  backoffMaxSeconds: number;
  /** Failures one network may make on all usernames together in 15 minutes (guessing names). */
  failuresPerNetwork: number;
  /** Failures on one username from all networks in 15 minutes before every attempt on it is slowed. */
  slowAfterFailures: number;
  /** The longest slow-down of one attempt, in milliseconds; it never turns an attempt away. */
  slowDownMaxMs: number;
  /**
   * How long a request from a network that has spent its budget is held before its refusal, in
   * milliseconds (see `http/login-gate.ts`): a script that waits for answers then tries a few
   * times a second instead of thousands. 0: refused at once.
   */
  refusalHoldMs: number;
  /**
   * The least time between the starts of two password checks from one network, in milliseconds,
   * while that network has failed in the window or has a check still running (0: no spacing).
   * Each check is an Argon2id run: a script firing its failure budget at once (20 per network)
   * made the relay do ~0.2 s of them in the attack's first fifth of a second, on the cores its chat
   * traffic needs; spaced, the same checks spread over seconds. A network with no failure signs
   * in one person after another as before (an office's counselors at the start of a shift).
   */
  checkSpacingMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freeFailures: 5,
  backoffBaseSeconds: 30,
  backoffMaxSeconds: 15 * 60,
  failuresPerNetwork: 20,
  slowAfterFailures: 10,
  slowDownMaxMs: 2000,
  refusalHoldMs: 1000,
  checkSpacingMs: 100,
};

const WINDOW_SECONDS = 15 * 60;

/**
 * Who may try a password now, and how long to hold the attempt first. A stranger's failures must
 * not lock a counselor out: the budgets that refuse are per (username, caller network) and per
 * network, so they stop only the network that failed; the one per username, counted from
 * everywhere, only slows attempts down (a correct password still gets in, a little later).
 * In memory for one relay; in Redis (the limiter factory) when several nodes share the budgets.
 */
export class LoginGuard {
  readonly limits: LoginLimits;
  /** Failures per (username, network), kept a day; cleared by a success from that network. */
  private readonly failures: RateLimiterAbstract;
  /** Current waits per (username, network). */
  private readonly waits: RateLimiterAbstract;
  private readonly perNetwork: RateLimiterAbstract;
  private readonly perUsername: RateLimiterAbstract;
  /** Per network, this node's memory only (with several nodes each spaces its own checks). */
  private readonly spaced = new Map<string, { next: number; running: number }>();

  /** @param limiters where the counts live (default this process's memory; Redis across nodes). */
  constructor(limits: Partial<LoginLimits> = {}, limiters: LimiterFactory = memoryLimiters) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    this.failures = limiters({ keyPrefix: 'login-fail', points: Number.MAX_SAFE_INTEGER, duration: 24 * 3600 });
    this.waits = limiters({ keyPrefix: 'login-wait', points: 1, duration: this.limits.backoffMaxSeconds });
    this.perNetwork = limiters({ keyPrefix: 'login-net', points: this.limits.failuresPerNetwork, duration: WINDOW_SECONDS });
    this.perUsername = limiters({ keyPrefix: 'login-user', points: Number.MAX_SAFE_INTEGER, duration: WINDOW_SECONDS });
  }

  /**
   * Before the password is checked: RATE_LIMITED if this network must still wait for this name or
   * has spent its budget; otherwise the milliseconds to hold the attempt (0 unless the name is
   * under a flood of failures from everywhere).
   */
  async admit(username: string, network: string): Promise<number> {
    const [wait, net, user] = await Promise.all([this.waits.get(pair(username, network)), this.perNetwork.get(network), this.perUsername.get(username)]);
    if (spent(wait) || spent(net)) throw errors.rateLimited();
    const spacing = this.spacing(network, (net?.consumedPoints ?? 0) > 0);
    const over = (user?.consumedPoints ?? 0) - this.limits.slowAfterFailures;
    if (over < 0) return spacing;
    return Math.max(spacing, Math.min(this.limits.slowDownMaxMs, 100 * 2 ** Math.min(over, 16)));
  }

  /**
   * After every check {@link admit} let through, whatever its outcome (a `finally`): this
   * network's check is no longer running.
   */
  settled(network: string): void {
    const entry = this.spaced.get(network);
    if (entry) entry.running = Math.max(0, entry.running - 1);
  }

  /** Books this network's check a start: how long it waits for it (0: now). */
  private spacing(network: string, failedBefore: boolean): number {
    const gap = this.limits.checkSpacingMs;
    if (gap <= 0) return 0;
    const now = Date.now();
    const entry = this.spaced.get(network) ?? { next: 0, running: 0 };
    const start = failedBefore || entry.running > 0 ? Math.max(now, entry.next) : now;
    if (this.spaced.size >= 10_000) for (const [key, e] of this.spaced) if (e.running === 0 && e.next <= now) this.spaced.delete(key);
    this.spaced.set(network, { next: start + gap, running: entry.running + 1 });
    return start - now;
  }

  /**
   * Whether this network has spent its failed-login budget for all usernames: the milliseconds
   * until it may try again, or 0. Read before the request's body is parsed (`http/login-gate.ts`).
   */
  async networkRefusedFor(network: string): Promise<number> {
    const net = await this.perNetwork.get(network);
    return spent(net) ? Math.max(1, (net as RateLimiterRes).msBeforeNext) : 0;
  }

  /** After a wrong password: counts it everywhere and sets this network's next wait for the name. */
  async failed(username: string, network: string): Promise<void> {
    const key = pair(username, network);
    const [count] = await Promise.all([
      this.failures.consume(key).then((r) => r.consumedPoints),
      this.perNetwork.consume(network).catch(() => undefined),
      this.perUsername.consume(username),
    ]);
    const over = count - this.limits.freeFailures;
    if (over >= 0) {
      const seconds = Math.min(this.limits.backoffMaxSeconds, this.limits.backoffBaseSeconds * 2 ** Math.min(over, 30));
      await this.waits.block(key, seconds);
    }
  }

  /** After a correct password: this network's failures for the name are forgotten. */
  async succeeded(username: string, network: string): Promise<void> {
    const key = pair(username, network);
    await Promise.all([this.failures.delete(key), this.waits.delete(key)]);
  }
}

const pair = (username: string, network: string): string => `${network}\u0000${username}`;

/** A limiter entry whose points are all used (block() sets them past the limit). */
function spent(res: RateLimiterRes | null): boolean {
  return res !== null && res.remainingPoints <= 0;
}
