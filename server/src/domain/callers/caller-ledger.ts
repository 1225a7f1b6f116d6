import { type ConsultationStatus, tokyoParts } from '@tsunagari/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';

/** At most this many consultations waiting or active per caller network at once, unless configured. */
export const DEFAULT_OPEN_PER_CALLER = 2;
/** Urgent starts one caller network may make per hour before further starts queue as non-urgent. */
export const DEFAULT_URGENT_PER_HOUR = 3;

const SWEEP_EVERY = 256;

export interface CallerLedgerOptions {
  /** Consultations waiting or active per caller at once (0: no limit). */
  openPerCaller: number;
  /** Urgent starts per caller per hour (0: urgent is never honoured). */
  urgentPerHour: number;
}

/**
 * What the server remembers of each caller network (a daily key, never an address) for the limits
 * that hold while a consultation lives, all in this process's memory only: which consultations it
 * has open, its urgent budget, and whether a counselor ended one of its chats as a nuisance today.
 * A restart forgets it all, as it forgets the daily salt that made the keys. One node only: two
 * relays would each keep their own (the deployment runs one).
 */
export class CallerLedger {
  private readonly open = new Map<string, Set<string>>();
  private readonly callerOf = new Map<string, string>();
  /** Blocked caller → the Tokyo day (YYYY-MM-DD) the block holds for. */
  private readonly blocked = new Map<string, string>();
  private readonly urgent: RateLimiterMemory | null;
  /** Starts that passed the check and are still being made (proof, start limit), per caller. */
  private readonly starting = new Map<string, number>();
  private opensSinceSweep = 0;

  constructor(
    private readonly statusOf: (consultationId: string) => Promise<ConsultationStatus | null>,
    private readonly clock: Clock,
    private readonly options: CallerLedgerOptions = { openPerCaller: DEFAULT_OPEN_PER_CALLER, urgentPerHour: DEFAULT_URGENT_PER_HOUR },
  ) {
    this.urgent = options.urgentPerHour > 0 ? new RateLimiterMemory({ keyPrefix: 'urgent', points: options.urgentPerHour, duration: 3600 }) : null;
  }

  /**
   * Before a start: RATE_LIMITED while the caller is blocked for today (the same answer as the start
   * limit, so a script learns nothing), TOO_MANY_OPEN while it has its share of chats open.
   */
  async check(caller: string): Promise<void> {
    if (this.isBlocked(caller)) throw errors.rateLimited();
    const limit = this.options.openPerCaller;
    if (limit > 0 && (await this.openCount(caller)) + (this.starting.get(caller) ?? 0) >= limit) throw errors.tooManyOpen();
  }

  /**
   * {@link check}, and a place held for this start until the returned release is called (once the
   * start is recorded with {@link opened}, or refused). A start awaits its proof of work and the
   * start limit between the check and `opened`: without the hold, twenty starts from one network
   * arriving together all passed the check before any was opened, and all twenty queued. Nothing
   * is awaited between the count and the hold, so starts arriving together each count the places
   * held before them (`openCount` counts the set as it is after its reads).
   */
  async hold(caller: string): Promise<() => void> {
    if (this.isBlocked(caller)) throw errors.rateLimited();
    const limit = this.options.openPerCaller;
    const open = limit > 0 ? await this.openCount(caller) : 0;
    if (limit > 0 && open + (this.starting.get(caller) ?? 0) >= limit) throw errors.tooManyOpen();
    this.starting.set(caller, (this.starting.get(caller) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const n = (this.starting.get(caller) ?? 1) - 1;
      if (n > 0) this.starting.set(caller, n);
      else this.starting.delete(caller);
    };
  }

  /** Whether an urgent start from this caller is honoured: each one spends its hourly urgent budget. */
  async honourUrgent(caller: string): Promise<boolean> {
    if (!this.urgent) return false;
    try {
      await this.urgent.consume(caller);
      return true;
    } catch (caught) {
      if (caught instanceof RateLimiterRes) return false;
      throw caught;
    }
  }

  /** A consultation this caller started; it counts until it ends. */
  opened(caller: string, consultationId: string): void {
    let set = this.open.get(caller);
    if (!set) this.open.set(caller, (set = new Set()));
    set.add(consultationId);
    this.callerOf.set(consultationId, caller);
    // Callers who never come back would keep their ended chats here forever: now and then every
    // caller is looked over, so memory stays the open consultations plus at most one sweep's worth.
    if (++this.opensSinceSweep >= SWEEP_EVERY) {
      this.opensSinceSweep = 0;
      // A read that fails leaves its entries for the next sweep or check.
      for (const key of [...this.open.keys()]) void this.openCount(key).catch(() => undefined);
    }
  }

  /** The caller network that started a consultation, while this process remembers it. */
  caller(consultationId: string): string | null {
    return this.callerOf.get(consultationId) ?? null;
  }

  /** Blocks a caller network until Tokyo midnight. */
  block(caller: string): void {
    this.blocked.set(caller, tokyoParts(this.clock.now()).ymd);
  }

  isBlocked(caller: string): boolean {
    const day = this.blocked.get(caller);
    if (day === undefined) return false;
    if (day === tokyoParts(this.clock.now()).ymd) return true;
    this.blocked.delete(caller);
    return false;
  }

  /** Open consultations of a caller; ended ones are forgotten here rather than on every end path. */
  private async openCount(caller: string): Promise<number> {
    const set = this.open.get(caller);
    if (!set) return 0;
    const ids = [...set];
    const statuses = await Promise.all(ids.map((id) => this.statusOf(id)));
    ids.forEach((id, i) => {
      const status = statuses[i];
      if (status === null || status === 'ended') {
        set.delete(id);
        this.callerOf.delete(id);
      }
    });
    // Counted from the set as it is now: a start opened while the statuses were read counts too.
    if (set.size === 0 && this.open.get(caller) === set) this.open.delete(caller);
    return set.size;
  }
}
