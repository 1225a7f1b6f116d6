import { DEMAND_PER_CALLER_PER_DAY, type DemandDay, type DemandKind, tokyoParts } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { DemandRepository } from '../repositories/types.js';

/**
 * Callers remembered per day before new ones stop counting: the memory for the caps is bounded
 * (one script rotating through an IPv6 /64's addresses is one caller already; many /64s still end
 * here). Far above the program's real daily traffic.
 */
export const MAX_DEMAND_CALLERS = 50_000;

/**
 * Each caller network's share of a day's count, per kind (issue 17: with several nodes the shares
 * are taken in Redis, `redis/redis-demand-shares.ts`, so N nodes do not give a script N shares).
 */
export interface DemandShares {
  /**
   * Takes one of `caller`'s {@link DEMAND_PER_CALLER_PER_DAY} for `kind` on `day`, in one step;
   * false when they are used or the day already remembers {@link MAX_DEMAND_CALLERS} callers.
   */
  take(day: string, kind: DemandKind, caller: string): Promise<boolean>;
}

/** {@link DemandShares} in this process's memory, forgotten at the day's end. */
export class MemoryDemandShares implements DemandShares {
  private day = '';
  private readonly perCaller = new Map<string, number>();

  async take(day: string, kind: DemandKind, caller: string): Promise<boolean> {
    if (day !== this.day) {
      this.day = day;
      this.perCaller.clear();
    }
    const key = `${kind} ${caller}`;
    const used = this.perCaller.get(key);
    if (used === undefined && this.perCaller.size >= MAX_DEMAND_CALLERS) return false;
    if ((used ?? 0) >= DEMAND_PER_CALLER_PER_DAY) return false;
    this.perCaller.set(key, (used ?? 0) + 1);
    return true;
  }
}

/**
 * The demand that went unserved (issue 16), counted per Tokyo day: widget openings, starts tried
 * while closed, starts refused. What is stored is a plain number per day and kind (no caller, no
 * time of day). To keep a script from inflating a figure, each caller network (the daily key the
 * limits use, never stored with the figures, forgotten after its day) counts at most
 * {@link DEMAND_PER_CALLER_PER_DAY} times a day per kind ({@link DemandShares}: this process's
 * memory, or Redis shared by every node); callers are also asked to count once per request or
 * socket (the HTTP route counts one per request, the start handler once per socket).
 */
export class DemandCounter {
  /** Told after each count (the board's pusher, which coalesces them into an occasional push). */
  onCount: (() => void) | null = null;

  constructor(
    private readonly repo: DemandRepository,
    private readonly clock: Clock,
    private readonly shares: DemandShares = new MemoryDemandShares(),
  ) {}

  /** Counts one of `kind` for today unless `caller` has used its share; true when it counted. */
  async count(kind: DemandKind, caller: string): Promise<boolean> {
    const day = tokyoParts(this.clock.now()).ymd;
    // The share is taken before the figure is written: a burst of one caller cannot pass it.
    if (!(await this.shares.take(day, kind, caller))) return false;
    await this.repo.add(day, kind);
    this.onCount?.();
    return true;
  }

  /** Today's counters (zeros when nothing was counted yet). */
  async today(): Promise<DemandDay> {
    const day = tokyoParts(this.clock.now()).ymd;
    return (await this.repo.between(day, day))[0] ?? { day, opened: 0, closed: 0, refused: 0 };
  }
}
