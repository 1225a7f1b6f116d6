/**
 * Where the caller ledger keeps its state (issue 17): which consultations each caller network
 * (a daily key, never an address) has open, which network started each, and today's nuisance
 * blocks. In this process's memory for one relay; in Redis (`redis/redis-caller-ledger.ts`) when
 * several nodes must count one network's chats together.
 */
export interface CallerLedgerStore {
  /** The consultations counted as open for this caller (ended ones may still be listed). */
  openOf(caller: string): Promise<string[]>;
  addOpen(caller: string, consultationId: string): Promise<void>;
  /** Forgets consultations that ended (and which caller started them). */
  dropOpen(caller: string, consultationIds: string[]): Promise<void>;
  /** The caller network that started a consultation, while it is remembered. */
  callerOf(consultationId: string): Promise<string | null>;
  /** Blocks `caller` for the Tokyo day `day` (YYYY-MM-DD): `forMs` from now, its midnight. */
  block(caller: string, day: string, forMs: number): Promise<void>;
  /** The day a block was set for, or null. */
  blockedDay(caller: string): Promise<string | null>;
  /**
   * Holds a place for a start being made, in one step with the count: when the caller's open chats
   * plus the places held already reach `limit`, nothing is held and null is answered; else a token
   * for {@link release}. A place not released in `forMs` (its node died mid-start) lapses.
   */
  hold(caller: string, limit: number, forMs: number): Promise<string | null>;
  /** Gives back a place {@link hold} answered (once the start is counted with addOpen, or refused). */
  release(caller: string, token: string): Promise<void>;
}

const SWEEP_EVERY = 256;

/** The ledger in memory: a restart forgets it all, as it forgets the daily salt that made the keys. */
export class MemoryCallerLedgerStore implements CallerLedgerStore {
  private readonly open = new Map<string, Set<string>>();
  private readonly starter = new Map<string, string>();
  private readonly blocked = new Map<string, string>();
  /** Places held per caller (one process: its own starts; a restart forgets them with the rest). */
  private readonly holding = new Map<string, Set<string>>();
  private holds = 0;
  private addsSinceSweep = 0;

  /** @param sweep looks one caller over (the ledger drops its ended chats); called now and then for all. */
  constructor(private readonly sweep: (caller: string) => Promise<unknown> = async () => undefined) {}

  async openOf(caller: string): Promise<string[]> {
    return [...(this.open.get(caller) ?? [])];
  }

  async addOpen(caller: string, consultationId: string): Promise<void> {
    let set = this.open.get(caller);
    if (!set) this.open.set(caller, (set = new Set()));
    set.add(consultationId);
    this.starter.set(consultationId, caller);
    // Callers who never come back would keep their ended chats here forever: now and then every
    // caller is looked over, so memory stays the open consultations plus at most one sweep's worth.
    if (++this.addsSinceSweep >= SWEEP_EVERY) {
      this.addsSinceSweep = 0;
      // Not awaited: the start that happens to be the sweep's turn is not held up by it. A read
      // that fails leaves its entries for the next sweep or check.
      for (const key of [...this.open.keys()]) void this.sweep(key).catch(() => undefined);
    }
  }

  async dropOpen(caller: string, consultationIds: string[]): Promise<void> {
    const set = this.open.get(caller);
    for (const id of consultationIds) {
      set?.delete(id);
      this.starter.delete(id);
    }
    if (set?.size === 0) this.open.delete(caller);
  }

  async callerOf(consultationId: string): Promise<string | null> {
    return this.starter.get(consultationId) ?? null;
  }

  async block(caller: string, day: string): Promise<void> {
    // Blocks of days before this one are over: they go now (Redis lets its keys expire), so memory
    // holds at most the blocks of the current day and a block's own day is all a check compares.
    for (const [blockedCaller, blockedDay] of this.blocked) if (blockedDay < day) this.blocked.delete(blockedCaller);
    this.blocked.set(caller, day);
  }

  async blockedDay(caller: string): Promise<string | null> {
    return this.blocked.get(caller) ?? null;
  }

  // One process: nothing is awaited between the count and the hold, so no start passes another's.
  // A start's hold ends in its own finally, so nothing here needs `forMs`.
  async hold(caller: string, limit: number): Promise<string | null> {
    const held = this.holding.get(caller);
    if ((this.open.get(caller)?.size ?? 0) + (held?.size ?? 0) >= limit) return null;
    const token = String(++this.holds);
    if (held) held.add(token);
    else this.holding.set(caller, new Set([token]));
    return token;
  }

  async release(caller: string, token: string): Promise<void> {
    const held = this.holding.get(caller);
    held?.delete(token);
    if (held?.size === 0) this.holding.delete(caller);
  }
}
