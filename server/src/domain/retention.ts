import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ResumeCodeRepository } from '../repositories/resume.js';
import type { RetentionRepository } from '../repositories/retention.js';

/** Days an ended consultation's transcript is kept unless configured otherwise. */
export const DEFAULT_RETENTION_DAYS = 180;
/** Consultations purged per transaction: small enough that a backlog never holds the event loop long. */
const BATCH = 50;
const DAY_MS = 86_400_000;

/**
 * The retention period (DESIGN "Records"): once a consultation has been ended for `days`, its
 * transcript (ciphertext), key grants, handover notes, read marks, resume code and appointments
 * are deleted; the consultation row (coarse times, no staff member) and the case record (month,
 * topics, outcome, age band) stay for the fiscal-year statistics. Expired resume codes go too.
 * Each run ends with an incremental vacuum and a truncated WAL (see RetentionRepository.compact).
 * Runs at start and then every hour; a backlog is worked off in small batches, a turn apart.
 */
export class RetentionService {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly resumeCodes: ResumeCodeRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    private days: number = DEFAULT_RETENTION_DAYS,
  ) {
    this.setDays(days);
  }

  /** Changes the retention period (an admin's setting); the next run uses it. */
  setDays(days: number): void {
    if (!Number.isInteger(days) || days < 1) throw new Error('the retention period must be a whole number of days, at least 1');
    this.days = days;
  }

  /** Starts the hourly runs (and one now). */
  start(everyMs = 3_600_000): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), everyMs);
    this.timer.unref();
  }

  /** Stops the hourly runs; a run in progress finishes its current batch (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * One run: everything due now. Concurrent calls share the run in progress. A failure (a busy
   * database, say) is logged and left for the next hour's run; it never rejects.
   */
  run(): Promise<void> {
    this.running ??= this.purge()
      .catch((caught: unknown) => this.log.error({ event: 'retention.failed', err: describeError(caught) }, 'retention run failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async purge(): Promise<void> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.days * DAY_MS).toISOString();
    let consultations = 0;
    let messages = 0;
    for (;;) {
      const batch = await this.repo.purgeEndedBefore(cutoff, now.toISOString(), BATCH);
      consultations += batch.consultations;
      messages += batch.messages;
      if (batch.consultations < BATCH || this.stopped) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const codes = await this.resumeCodes.purgeExpired(now.toISOString());
    // Deleted means gone: free pages back to the file system, the WAL emptied.
    await this.repo.compact();
    if (consultations > 0 || codes > 0) {
      this.log.info({ event: 'retention.purged', consultations, messages, resumeCodes: codes, days: this.days }, 'transcripts past the retention period deleted');
    }
  }
}
