/** A socket's event budget: how much it may send in a burst, how fast that comes back, when it is cut off. */
export interface EventBudgetLimits {
  /** Points a socket may spend at once (the bucket's size). */
  burst: number;
  /** Points that come back each second. */
  perSecond: number;
  /** Refusals in a row after which the socket is disconnected (it keeps sending regardless). */
  refusalsBeforeDisconnect: number;
  /**
   * Payload characters that cost one more point, on top of the event's own cost (whole multiples
   * only: an event under this size costs just its own points). A count limit alone let a script
   * send a hundred 16 KB messages at once for what a hundred short ones cost.
   */
  bytesPerPoint: number;
}

/**
 * Defaults: a console loading five chats' history and her board spends about 150 of the 200; her
 * longest message (4,000 characters of Japanese, some 16.4 KB sealed) costs 2 + 15 points, so a
 * fresh socket carries 11 of them at once and one every 2 seconds after that.
 */
export const DEFAULT_EVENT_BUDGET: EventBudgetLimits = { burst: 200, perSecond: 10, refusalsBeforeDisconnect: 20, bytesPerPoint: 1024 };

/** What the gate does with one event. */
export type Verdict = 'pass' | 'refuse' | 'disconnect';

/** One socket's bucket: three numbers, kept in a WeakMap so a closed socket takes them along. */
interface Bucket {
  points: number;
  at: number;
  refusals: number;
}

/**
 * Per-socket token buckets for the handler table's gate. Hand-written (some 30 lines) rather than
 * rate-limiter-flexible's memory limiter, which the start and message limits use: that limiter
 * answers with a promise and keeps a timer per key, while this gate runs synchronously for every
 * inbound event on every socket and must allocate nothing; a bucket per socket is three numbers
 * whose refill is computed from the time since its last event. Time comes from `now` (ms,
 * monotonic), injected so tests drive it.
 */
export class EventBudgets {
  private readonly buckets = new WeakMap<object, Bucket>();

  constructor(
    /** The budget every socket gets. */
    readonly limits: EventBudgetLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends `cost` points of this socket's budget: pass, refuse (nothing is done), or disconnect. */
  spend(socket: object, cost: number): Verdict {
    const now = this.now();
    let bucket = this.buckets.get(socket);
    if (!bucket) {
      bucket = { points: this.limits.burst, at: now, refusals: 0 };
      this.buckets.set(socket, bucket);
    } else {
      bucket.points = Math.min(this.limits.burst, bucket.points + ((now - bucket.at) / 1000) * this.limits.perSecond);
      bucket.at = now;
    }
    if (bucket.points >= cost) {
      bucket.points -= cost;
      bucket.refusals = 0;
      return 'pass';
    }
    bucket.refusals++;
    return bucket.refusals >= this.limits.refusalsBeforeDisconnect ? 'disconnect' : 'refuse';
  }
}
