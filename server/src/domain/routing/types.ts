/** What routing keeps about the queue, the counselors and the offers between them. */

export type RoutingStatus = 'available' | 'away';

export interface CounselorSlot {
  staffId: string;
  /** What she chose; she is only routed to while also `connected`. */
  status: RoutingStatus;
  connected: boolean;
  capacity: number;
  /** Chats she holds now. */
  load: number;
  /** When her load last changed (ms); ties go to the smallest. */
  idleSince: number;
}

export interface QueueItem {
  consultationId: string;
  urgent: boolean;
  /** Back at the front after a transfer to the queue or her counselor's grace ran out. */
  requeued: boolean;
  /** ISO time she joined (or rejoined, when requeued) the queue: FIFO within a priority. */
  queuedAt: string;
  campaign?: string | null;
}

/** One waiting woman's place, read without reading the whole queue. */
export interface QueuePlace {
  item: QueueItem;
  /** 1-based, in queue order. */
  position: number;
  /** How many wait, her included. */
  waiting: number;
}

/** A waiting client offered to one counselor until `expiresAt` (ms). */
export interface Offer {
  consultationId: string;
  staffId: string;
  offeredAt: number;
  expiresAt: number;
}

/**
 * Everything routing reads at once, as one consistent picture: the policy plans from it. Nothing
 * in it may be changed by the reader (the in-memory store hands out its own lists).
 */
export interface RoutingView {
  /** Waiting clients in queue order. */
  waiting: readonly QueueItem[];
  counselors: readonly CounselorSlot[];
  offers: readonly Offer[];
  /** Per waiting client, the counselors whose offer to her expired (only clients with any). */
  passedOver: ReadonlyMap<string, ReadonlySet<string>>;
  /** Recent handle times in ms, newest last. */
  handleTimes: readonly number[];
}

export type WithdrawReason = 'expired' | 'taken' | 'gone' | 'unavailable';

/** Why a counselor cannot take a client now. */
export type AssignRefusal = 'not_waiting' | 'at_capacity' | 'unknown_counselor';

/** Why a chat cannot move to this counselor now (`not_held`: the chat is not with the giver any more). */
export type TransferRefusal = 'not_held' | 'unknown_counselor' | 'offline' | 'at_capacity';

/** An active chat and the counselor who holds it. */
export interface Holding {
  consultationId: string;
  staffId: string;
}
