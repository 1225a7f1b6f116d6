import type { Logger } from '../log.js';
import { describeError } from '../errors.js';

/**
 * A lease that at most one node holds at a time (issue 17): the node that holds it runs the jobs
 * that must not run twice (retention's deletions, the disk alarm). Taken with a token of the
 * node's own and renewed well before it runs out; a node that dies simply stops renewing, and
 * another takes the lease once it has expired.
 */
export interface JobLock {
  /** Takes the lease, or renews it if this node holds it; whether this node holds it now. */
  acquire(): Promise<boolean>;
  /** Gives the lease up if this node holds it (another node may take it at once). */
  release(): Promise<void>;
  /** Whether another node holds the lease now: a node starting sees that the cluster is running. */
  heldElsewhere(): Promise<boolean>;
  /** How long a taken or renewed lease lasts without renewal, in ms. */
  readonly leaseMs: number;
  /** Tried at least this often (ms; default a third of the lease): a dead holder's lease may be taken over sooner. */
  readonly retryMs?: number | undefined;
}

export interface JobLeaderHooks {
  /** This node took the lease: start the jobs. */
  lead(): void;
  /** This node lost or gave up the lease: stop the jobs (resolved once they have stopped). */
  follow(): Promise<void> | void;
}

/**
 * Keeps trying for the {@link JobLock} and renews it while held, three times a lease (or every
 * `retryMs`, when sooner): the jobs run only between `lead` and `follow`. A renewal that fails (Redis unreachable, the lease taken over
 * after a long pause) stops the jobs at once: better no node running them for a while than two.
 */
export class JobLeader {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private holding = false;
  private stopped = false;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly lock: JobLock,
    private readonly hooks: JobLeaderHooks,
    private readonly log: Logger,
  ) {}

  /** Whether this node runs the jobs now. */
  get leads(): boolean {
    return this.holding;
  }

  /** Tries at once, then every third of a lease. */
  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Stops trying; stops the jobs and releases the lease if this node held it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.turn;
    if (!this.holding) return;
    this.holding = false;
    await this.hooks.follow();
    await this.lock.release().catch(() => undefined);
  }

  private tick(): void {
    this.turn = this.attempt().finally(() => {
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), Math.max(1, Math.floor(Math.min(this.lock.leaseMs / 3, this.lock.retryMs ?? Infinity))));
      this.timer.unref?.();
    });
  }

  private async attempt(): Promise<void> {
    let held: boolean;
    try {
      held = await this.lock.acquire();
    } catch (caught) {
      this.log.warn({ event: 'jobs.lock_failed', err: describeError(caught) }, 'could not reach the job lock');
      held = false;
    }
    if (this.stopped) {
      if (held && !this.holding) await this.lock.release().catch(() => undefined);
      return;
    }
    if (held && !this.holding) {
      this.holding = true;
      this.log.info({ event: 'jobs.leading' }, 'this node runs retention and the disk alarm');
      this.hooks.lead();
    } else if (!held && this.holding) {
      this.holding = false;
      this.log.warn({ event: 'jobs.lost' }, 'this node lost the job lock; its jobs stopped');
      await this.hooks.follow();
    }
  }
}
