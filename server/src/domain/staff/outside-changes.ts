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
    private readonly version: () => number,
    private readonly reconcile: () => Promise<void>,
    private readonly failed: (caught: unknown) => void,
    private readonly intervalMs = OUTSIDE_CHANGE_POLL_MS,
  ) {}

  start(): void {
    this.last = this.version();
    this.run();
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
      try {
        const now = this.version();
        if (now !== this.last) {
          this.last = now;
          this.run();
        }
      } catch (caught) {
        this.failed(caught);
      }
      this.arm();
    });
  }

  /** One reconcile at a time, in order. */
  private run(): void {
    this.running = this.running.then(() => (this.stopped ? undefined : this.reconcile())).catch(this.failed);
  }
}
