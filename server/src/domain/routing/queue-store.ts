import type { AssignRefusal, CounselorSlot, Holding, Offer, QueueItem, QueuePlace, RoutingView, TransferRefusal } from './types.js';

/**
 * Everything routing keeps, behind the operations routing needs. Each operation is one atomic
 * step: a store shared by several nodes (Redis: a Lua script or MULTI/WATCH per operation) must
 * let no other operation in between its check and its change. That is what keeps the guarantees
 * across nodes: of two counselors taking one woman exactly one wins, no counselor passes her
 * capacity, no woman has two offers, and a chat moves from the counselor who holds it only.
 * The in-memory store resolves every promise at once.
 *
 * The store knows who holds each active chat, and a counselor's load is the number she holds, so
 * the operations that end a holding ({@link leave}, {@link requeue}) name the chat, not the
 * counselor: done twice, or after the chat moved, they still free the right place once.
 *
 * The shapes are those Redis has: keyed records (counselors, offers, holdings, who passed her
 * over), one ordered set (the queue, in {@link compareItems} order), one capped list (handle times).
 */
export interface QueueStore {
  /**
   * True when several nodes share this store (Redis): a node can die with the timers of the offers
   * it made, so every node sweeps for offers nobody watches (`Router.adoptOffers`).
   */
  readonly shared: boolean;
  /**
   * One consistent picture of the queue, the counselors, the offers and recent handle times.
   * `head`: `waiting` holds only the first `head` women in queue order (0: none), the rest of the
   * picture whole — with thousands waiting, planning offers or answering one woman must not read
   * everyone (issue 17: a whole-queue read per arrival made holding N women cost N²).
   */
  view(head?: number): Promise<RoutingView>;
  /** Her place (1-based), her entry and how many wait, in one step; null when she is not waiting. */
  place(consultationId: string): Promise<QueuePlace | null>;
  /** How many wait. */
  waitingCount(): Promise<number>;
  /** The waiting women's ids in queue order, nothing else (a place push reads only these). */
  waitingIds(): Promise<string[]>;
  counselor(staffId: string): Promise<CounselorSlot | null>;
  /**
   * Loads state at start-up (from the database), replacing entries with the same ids. Each
   * counselor's load must be the number of `held` chats that name her.
   */
  restore(items: readonly QueueItem[], counselors: readonly CounselorSlot[], held: readonly Holding[]): Promise<void>;
  /** She joins the queue; an entry of hers already there is replaced. */
  enqueue(item: QueueItem): Promise<void>;
  /**
   * She is gone from routing (her chat ended, or she left the queue): her entry, any offer of her,
   * who passed her over, and the place a counselor held for her go together. `handled` feeds the
   * wait estimate when a place was freed, keeping the newest `keep` samples.
   */
  leave(consultationId: string, at: number, handled?: { ms: number; keep: number }): Promise<{ item: QueueItem | null; offer: Offer | null; heldBy: string | null }>;
  /** Her chat goes back to the queue as `item`: the place it held (whoever held it) is freed. */
  requeue(item: QueueItem, at: number): Promise<{ heldBy: string | null }>;
  /** Adds or changes a counselor (a new one starts as `initial`); her slot after the change. */
  updateCounselor(staffId: string, change: Partial<Omit<CounselorSlot, 'staffId' | 'load'>>, initial: CounselorSlot): Promise<CounselorSlot>;
  /**
   * A counselor leaves routing for good (disabled): her slot and every offer to her go (returned),
   * so nothing more is offered or transferred to her. The chats she holds stay held by her until
   * each is requeued, which frees its place as usual.
   */
  removeCounselor(staffId: string): Promise<{ offers: Offer[] }>;
  /**
   * Makes the offer only if it still holds: she waits with no offer pending, and the counselor is
   * available, connected and below her capacity counting the offers she has. `restartRound`
   * forgets who let her pass before. False when anything changed since the view it was planned on.
   */
  offer(offer: Offer, restartRound: boolean): Promise<boolean>;
  /**
   * Withdraws the offer only if it is still the pending one (same counselor, same time), so one
   * expiry fired twice, or on two nodes, withdraws once. `passOver`: she let it pass; the next
   * offer goes to someone else. True when this call withdrew it.
   */
  withdraw(offer: Offer, passOver: boolean): Promise<boolean>;
  /**
   * The counselor takes a waiting client, if she is known, the client still waits, and her load is
   * below her capacity (an offer to her for this client is not counted twice). The client leaves
   * the queue with her offer, whoever it was made to (returned), and the counselor holds her chat.
   */
  assign(staffId: string, consultationId: string, at: number): Promise<{ refusal: AssignRefusal } | { refusal: null; offer: Offer | null }>;
  /**
   * The chat moves from `fromStaffId`, if she holds it, to a known, connected counselor below her
   * capacity (away is fine: she was asked by name).
   */
  transfer(consultationId: string, fromStaffId: string, toStaffId: string, at: number): Promise<TransferRefusal | null>;
  /**
   * Her active chat is parked: her counselor was told she is gone (issue 15). Kept here, not on
   * the node that timed her, so that whichever node she comes back through tells her counselor
   * she is back — even when the node that parked it has died (issue 17).
   */
  park(consultationId: string): Promise<void>;
  /** Parked no longer (she is back, or the chat ended or went back to the queue): true for exactly one caller when it was. */
  unpark(consultationId: string): Promise<boolean>;
}
