import type { Ack } from '../errors.js';
import type { ConsultationRef, EmptyPayload, StaffCapacityPayload, StaffStatusPayload } from '../schemas.js';
import { consultationRefSchema, emptySchema, staffCapacitySchema, staffStatusSchema } from '../schemas.js';
import type { CounselorIdentity, StaffConsultation } from './consultation.js';
import type { Role } from './roles.js';
import type { WaitFigures } from '../../records/waits.js';

/**
 * What routing shows and takes from staff: `queue:*`, `offer:*`, counselors' `staff:status`,
 * `staff:capacity` and `staff:list`, and the board's `stats:*`.
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** A waiting consultation as staff see it in the queue. */
export interface QueueEntry {
  consultationId: string;
  queuedAt: string;
  urgent: boolean;
  campaign: string | null;
  position: number;
  /** She was with a counselor and came back to the front (transfer to the queue, counselor gone). */
  requeued?: boolean;
}

/**
 * The supervisors' alert that the urgent share of the queue is unusual (a flood of self-declared
 * urgent starts): at least `minWaiting` women wait, and more than `sharePercent`% of them started
 * as urgent in the last `windowMinutes` minutes. Absent when the queue looks ordinary.
 */
export interface UrgentAlert {
  waiting: number;
  urgentRecent: number;
  windowMinutes: number;
  sharePercent: number;
}

/** The queue as staff see it, and the urgent-share alert when there is one. */
export interface QueueList {
  entries: QueueEntry[];
  urgentAlert?: UrgentAlert;
}

/**
 * Today's figures for the supervisors' board (the Tokyo day so far): consultations a counselor
 * took up, and women who left before anyone did (her own choice, quick exit or timeout).
 */
export interface TodayFigures extends Omit<WaitFigures, 'period' | 'started' | 'answered' | 'leftWaiting'> {
  /** The Tokyo date, YYYY-MM-DD. */
  day: string;
  /** Women who reached the queue today. */
  started: number;
  /** Taken up by a counselor today (whenever she came). */
  answered: number;
  /** Left while waiting today (whenever she came). */
  leftWaiting: number;
}

/** Routing status: `offline` is set by the server when she has no open socket. */
export type CounselorStatus = 'available' | 'away' | 'offline';

/** A counselor as routing sees her, with her identity for transfers. */
export interface CounselorState {
  staffId: string;
  displayName: string;
  status: CounselorStatus;
  capacity: number;
  /** Chats she holds now. */
  load: number;
  identity: CounselorIdentity;
}

/** A waiting client offered to one counselor until `expiresAt`. */
export interface QueueOffer {
  consultationId: string;
  urgent: boolean;
  requeued: boolean;
  queuedAt: string;
  expiresAt: string;
}

export interface QueuePosition {
  consultationId: string;
  position: number;
  waiting: number;
  /** Estimated wait in seconds from recent handle times and free capacity; null when unknown. */
  estimatedWaitSeconds?: number | null;
  /** True when the wait is long or no counselor is on duty: the widget shows phone and mail too. */
  showAlternatives?: boolean;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface RoutingClientEvents {
  /** Staff: the waiting queue. */
  'queue:list': (payload: EmptyPayload, ack: Ack<QueueList>) => void;
  /** Counselor: set her routing status (available / away). */
  'staff:status': (payload: StaffStatusPayload, ack: Ack<CounselorState>) => void;
  /** Supervisor or admin: set a counselor's capacity. */
  'staff:capacity': (payload: StaffCapacityPayload, ack: Ack<CounselorState>) => void;
  /** Staff: every counselor with status, load and identity (transfer targets, live board). */
  'staff:list': (payload: EmptyPayload, ack: Ack<{ counselors: CounselorState[] }>) => void;
  /** Staff: today's figures for the board (then pushed as `stats:changed`). */
  'stats:today': (payload: EmptyPayload, ack: Ack<TodayFigures>) => void;
  /** Counselor: accept the offer made to her (a take that also clears the offer). */
  'offer:accept': (payload: ConsultationRef, ack: Ack<StaffConsultation>) => void;
  /**
   * Client: her answer to `queue:still-waiting` — she is still there. Counts only while she is
   * asked (`answered` false otherwise), so it cannot keep a silent script's place by itself.
   */
  'queue:still-here': (payload: ConsultationRef, ack: Ack<{ answered: boolean }>) => void;
}

/** Events the server pushes, in this part. */
export interface RoutingServerEvents {
  'queue:position': (payload: QueuePosition) => void;
  /**
   * Client: she has sent nothing for the silence period: is she still waiting? Unanswered by
   * `answerBy` (ISO), her consultation ends as abandoned (cause 'silent'); her place is kept till then.
   */
  'queue:still-waiting': (payload: { consultationId: string; answerBy: string }) => void;
  'queue:changed': (payload: QueueList) => void;
  /** Counselor: a waiting client is offered to her until `expiresAt`. */
  'queue:offer': (payload: QueueOffer) => void;
  /**
   * Counselor: the offer is gone (expired, taken by hand, she left, or the counselor cannot take
   * it now). `withdrawnAt` (ISO, the relay's clock): the offer still stood
   * then, just before it was withdrawn; the same woman is offered to anyone else only after it.
   */
  'queue:offer-withdrawn': (payload: { consultationId: string; reason: 'expired' | 'taken' | 'gone' | 'unavailable'; withdrawnAt: string }) => void;
  /** Staff: counselors' status and load changed. */
  'staff:changed': (payload: { counselors: CounselorState[] }) => void;
  /** Staff: today's figures changed (someone was taken up, or left while waiting). */
  'stats:changed': (payload: TodayFigures) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const routingSchemas = {
  'queue:list': emptySchema,
  'staff:status': staffStatusSchema,
  'staff:capacity': staffCapacitySchema,
  'staff:list': emptySchema,
  'stats:today': emptySchema,
  'offer:accept': consultationRefSchema,
  'queue:still-here': consultationRefSchema,
} as const satisfies Record<keyof RoutingClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const routingRoles = {
  'queue:list': ['counselor', 'supervisor', 'admin'],
  'staff:status': ['counselor'],
  'staff:capacity': ['supervisor', 'admin'],
  'staff:list': ['counselor', 'supervisor', 'admin'],
  'stats:today': ['counselor', 'supervisor', 'admin'],
  'offer:accept': ['counselor'],
  'queue:still-here': ['client'],
} as const satisfies Record<keyof RoutingClientEvents, readonly Role[]>;
