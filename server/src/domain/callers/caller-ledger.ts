import { type ConsultationStatus, tokyoParts } from '@tsunagari/shared';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimiterFactory, memoryLimiters } from '../../cluster/limiters.js';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';
import { type CallerLedgerStore, MemoryCallerLedgerStore } from './caller-ledger-store.js';

/** At most this many consultations waiting or active per caller network at once, unless configured. */
export const DEFAULT_OPEN_PER_CALLER = 2;
/** How long a start's held place lasts if its node never releases it (it died mid-start). */
export const HOLD_MS = 60_000;
/** Urgent starts one caller network may make per hour before further starts queue as non-urgent. */
export const DEFAULT_URGENT_PER_HOUR = 3;

export interface CallerLedgerOptions {
  /** Consultations waiting or active per caller at once (0: no limit). */
  openPerCaller: number;
  /** Urgent starts per caller per hour (0: urgent is never honoured). */
  urgentPerHour: number;
}

/**
 * What the server remembers of each caller network (a daily key, never an address) for the limits
 * that hold while a consultation lives: which consultations it has open, its urgent budget, and
 * whether a counselor ended one of its chats as a nuisance today. In this process's memory by
 * default (a restart forgets it all, as it forgets the daily salt that made the keys); with
 * several nodes, in Redis through {@link CallerLedgerStore} and the limiter factory, so the
 * nodes count one network's chats together (issue 17).
 */
export class CallerLedger {
  private readonly urgent: RateLimiterAbstract | null;
  private readonly store: CallerLedgerStore;
  constructor(
    private readonly statusOf: (consultationId: string) => Promise<ConsultationStatus | null>,
    private readonly clock: Clock,
    private readonly options: CallerLedgerOptions = { openPerCaller: DEFAULT_OPEN_PER_CALLER, urgentPerHour: DEFAULT_URGENT_PER_HOUR },
    shared?: { store: CallerLedgerStore; limiters: LimiterFactory },
  ) {
    this.store = shared?.store ?? new MemoryCallerLedgerStore((caller) => this.openCount(caller));
    const limiters = shared?.limiters ?? memoryLimiters;
    this.urgent = options.urgentPerHour > 0 ? limiters({ keyPrefix: 'urgent', points: options.urgentPerHour, duration: 3600 }) : null;
  }

  /**
   * Before a start: RATE_LIMITED while the caller is blocked for today (the same answer as the start
   * limit, so a script learns nothing), TOO_MANY_OPEN while it has its share of chats open.
   */
  async check(caller: string): Promise<void> {
    if (await this.isBlocked(caller)) throw errors.rateLimited();
    const limit = this.options.openPerCaller;
    if (limit > 0 && (await this.openCount(caller)) >= limit) throw errors.tooManyOpen();
  }

  /**
   * {@link check}, and a place held for this start until the returned release is called (once the
   * start is recorded with {@link opened}, or refused). A start awaits its proof of work and the
   * start limit between the check and `opened`: without the hold, twenty starts from one network
   * arriving together all passed the check before any was opened, and all twenty queued. The store
   * counts and holds in one step (with several nodes, one Redis script), so starts arriving
   * together, on one node or on several, each count the places held before them. A hold whose node
   * dies before releasing it lapses after {@link HOLD_MS}.
   */
  async hold(caller: string): Promise<() => void> {
    if (await this.isBlocked(caller)) throw errors.rateLimited();
    const limit = this.options.openPerCaller;
    if (limit <= 0) return () => undefined;
    // Ended chats are forgotten first, so the store's count is of open ones (and places held).
    await this.openCount(caller);
    const token = await this.store.hold(caller, limit, HOLD_MS);
    if (token === null) throw errors.tooManyOpen();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      // A release that cannot be written lapses with the hold.
      void this.store.release(caller, token).catch(() => undefined);
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
  async opened(caller: string, consultationId: string): Promise<void> {
    await this.store.addOpen(caller, consultationId);
  }

  /** The caller network that started a consultation, while it is remembered. */
  caller(consultationId: string): Promise<string | null> {
    return this.store.callerOf(consultationId);
  }

  /** Blocks a caller network until Tokyo midnight. */
  async block(caller: string): Promise<void> {
    const now = this.clock.now();
    const { ymd } = tokyoParts(now);
    // Tokyo is UTC+9 all year: its next midnight is the next UTC 15:00.
    const midnight = Date.parse(`${ymd}T00:00:00+09:00`) + 24 * 3600_000;
    await this.store.block(caller, ymd, midnight - now.getTime());
  }

  async isBlocked(caller: string): Promise<boolean> {
    const day = await this.store.blockedDay(caller);
    return day !== null && day === tokyoParts(this.clock.now()).ymd;
  }

  /** Open consultations of a caller; ended ones are forgotten here rather than on every end path. */
  private async openCount(caller: string): Promise<number> {
    const ids = await this.store.openOf(caller);
    if (ids.length === 0) return 0;
    const statuses = await Promise.all(ids.map((id) => this.statusOf(id)));
    const ended = ids.filter((_id, i) => statuses[i] === null || statuses[i] === 'ended');
    if (ended.length > 0) await this.store.dropOpen(caller, ended);
    // Counted as the store holds them now: a start opened while the statuses were read counts too.
    return (await this.store.openOf(caller)).length;
  }
}
