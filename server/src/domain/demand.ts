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
 * The demand that went unserved (issue 16), counted per Tokyo day: widget openings, starts tried
 * while closed, starts refused. What is stored is a plain number per day and kind (no caller, no
 * time of day). To keep a script from inflating a figure, each caller network (the daily key the
 * limits use, held here in memory only and forgotten at the day's end) counts at most
 * {@link DEMAND_PER_CALLER_PER_DAY} times a day per kind; callers are also asked to count once per
 * request or socket (the HTTP route counts one per request, the start handler once per socket).
 */
export class DemandCounter {
  private day = '';
  private readonly perCaller = new Map<string, number>();
  /** Told after each count (the board's pusher, which coalesces them into an occasional push). */
  onCount: (() => void) | null = null;

  constructor(
    private readonly repo: DemandRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts one of `kind` for today unless `caller` has used its share; true when it counted. */
  async count(kind: DemandKind, caller: string): Promise<boolean> {
    const day = tokyoParts(this.clock.now()).ymd;
    if (day !== this.day) {
      this.day = day;
      this.perCaller.clear();
    }
    const key = `${kind} ${caller}`;
    const used = this.perCaller.get(key);
    if (used === undefined && this.perCaller.size >= MAX_DEMAND_CALLERS) return false;
    if ((used ?? 0) >= DEMAND_PER_CALLER_PER_DAY) return false;
    this.perCaller.set(key, (used ?? 0) + 1);
    // The share above is taken before this await: a burst of one caller cannot pass it.
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
