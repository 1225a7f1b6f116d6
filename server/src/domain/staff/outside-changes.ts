import type { Scheduler } from '../../scheduler.js';

/** How often the relay looks for changes another process made (the admin CLI on the relay host). */
export const OUTSIDE_CHANGE_POLL_MS = 1000;

/**
 * Watches the staff change counter (repositories: moved by any write to an account's lifecycle,
 * a session's end or the revocation list) and runs `reconcile` when it moved, so what the admin
 * CLI does beside the running relay takes effect within about a second: a disabled member's
 * sockets close and her chats go back to the queue. Runs `reconcile` once at start too. The
 * relay's own changes move it as well; reconciling them again finds nothing to do. One primary-key
 * read a second.
 */
export class OutsideChanges {
  private timer: unknown = null;
  private last: number | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly version: () => Promise<number>,
    private readonly reconcile: () => Promise<void>,
    private readonly failed: (caught: unknown) => void,
    private readonly intervalMs = OUTSIDE_CHANGE_POLL_MS,
  ) {}

  start(): void {
    // The counter first, then the first reconcile: a change after the read is the next poll's.
    this.run(async () => {
      this.last = await this.version();
      await this.reconcile();
    });
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = this.scheduler.set(this.intervalMs, () => {
      this.run(async () => {
        const now = await this.version();
        if (now === this.last) return;
        this.last = now;
        await this.reconcile();
      });
      this.arm();
    });
  }

  /** One poll (and reconcile) at a time, in order; nothing after stop. */
  private run(step: () => Promise<void>): void {
    this.running = this.running.then(() => (this.stopped ? undefined : step())).catch(this.failed);
  }
}
