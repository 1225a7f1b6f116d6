import type { SignedStaffStatement } from '../../trust/statement.js';
import type { Ack } from '../errors.js';
import type { ConsultationReadPayload, ConsultationRecordPayload, ConsultationRef, ConsultationResumePayload, ConsultationStartPayload, ConsultationTransferPayload, EmptyPayload, KeyGrantPayload } from '../schemas.js';
import { consultationReadSchema, consultationRecordSchema, consultationRefSchema, consultationResumeSchema, consultationStartSchema, consultationTransferSchema, emptySchema, keyGrantSchema } from '../schemas.js';
import type { StoredMessage } from './messages.js';
import type { Role, SenderRole } from './roles.js';

/**
 * A consultation's lifecycle and its keys: `consultation:*` and `key:*` (start, resume, take,
 * transfer, end, quick exit, read state, the case record; sealed session keys per epoch).
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

export type ConsultationStatus = 'waiting' | 'active' | 'ended';

/**
 * Why a consultation ended. `nuisance`: her counselor ended it as a prank or nuisance (いたずら・
 * 迷惑); the fiscal-year report counts these apart from real consultations.
 */
/** 'client_gone': her active chat ended because she did not come back within the away and gone periods. */
export type EndReason = 'ended' | 'quick_exit' | 'abandoned' | 'nuisance' | 'client_gone';

/**
 * A counselor's public identity as the widget (and a transferring console) sees it: the id the
 * server names and the organisation's signed statement about her keys. No display name: the
 * widget never learns who she is. Before sealing, the receiver checks `verifyStaffStatement`
 * against its PINNED organisation key (widget: acceptRoles ROLES_THE_WIDGET_SEALS_TO; console:
 * ['counselor']) and that `statement.staffId === staffId`, then seals to the verified
 * statement's boxPublicKey.
 */
export interface CounselorIdentity {
  staffId: string;
  statement: SignedStaffStatement;
}

/** One key epoch's session key, sealed to one staff member (crypto_box_seal). */
export interface SealedEpochKey {
  keyEpoch: number;
  sealedKey: string;
}

/** A consultation held by a counselor, with the session keys sealed to her once they were granted. */
export interface StaffConsultation {
  consultationId: string;
  status: ConsultationStatus;
  assignedAt: string | null;
  /**
   * Every key epoch's session key sealed to her (by her widget, or by the counselor who handed the
   * chat on), oldest epoch first; empty until the first grant. The newest is the one to send with.
   */
  sealedKeys: SealedEpochKey[];
  campaign: string | null;
  urgent: boolean;
  /** The last message id this counselor has read in this chat (0 when none). */
  lastReadId?: number;
  /** Handover notes from earlier counselors, encrypted under the session key. */
  handover?: HandoverNote[];
  /**
   * When her case record of this chat was stored (ISO), or null while there is none. The server
   * always sends it; optional only so older callers that build one by hand need not.
   */
  recordedAt?: string | null;
}

/** A note one counselor leaves the next on transfer; only a session-key holder can read it. */
export interface HandoverNote {
  fromStaffId: string;
  fromName: string;
  createdAt: string;
  nonce: string;
  ciphertext: string;
}

export interface ConsultationStarted {
  consultationId: string;
  clientToken: string;
  position: number;
}

export interface ConsultationSnapshot {
  consultationId: string;
  status: ConsultationStatus;
  position: number | null;
  /** Waiting again after a counselor (her waiting screen says so, also after a reload). */
  requeued: boolean;
  counselor: CounselorIdentity | null;
  /** When that counselor was assigned: a different value is a new assignment (her widget then re-keys). */
  assignedAt: string | null;
  /** The newest key epoch any grant in this consultation names (null before the first). */
  keyEpoch: number | null;
  /** The first page of her history (at most HISTORY_PAGE_BYTES); `moreMessages` when more follow (`message:list` after the last id). */
  messages: StoredMessage[];
  moreMessages: boolean;
}

export interface ConsultationAssigned {
  consultationId: string;
  counselor: CounselorIdentity;
  /** When she was assigned (the same value a later snapshot carries for this assignment). */
  assignedAt: string;
}

export interface KeyGranted {
  consultationId: string;
  /** The epochs' keys just sealed to her (a grant may carry the older epochs too, for the history). */
  sealedKeys: SealedEpochKey[];
}

export interface ConsultationEnded {
  consultationId: string;
  endedBy: SenderRole;
  reason: EndReason;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface ConsultationClientEvents {
  /** Client: join the queue. */
  'consultation:start': (payload: ConsultationStartPayload, ack: Ack<ConsultationStarted>) => void;
  /** Client: reattach to her consultation after a reconnect. */
  'consultation:resume': (payload: ConsultationResumePayload, ack: Ack<ConsultationSnapshot>) => void;
  /** Client or counselor: end the consultation. */
  'consultation:end': (payload: ConsultationRef, ack: Ack<{ endedAt: string }>) => void;
  /** Client: leave at once through quick exit (the counselor is told so). */
  'consultation:quick-exit': (payload: ConsultationRef, ack: Ack<{ endedAt: string }>) => void;
  /** Counselor: take a waiting consultation. */
  'consultation:take': (payload: ConsultationRef, ack: Ack<StaffConsultation>) => void;
  /**
   * Counselor: ends the chat she holds as a prank or nuisance. Her caller's network cannot start
   * another for the rest of the Tokyo day, and the report counts it apart from real consultations.
   */
  'consultation:nuisance': (payload: ConsultationRef, ack: Ack<{ endedAt: string }>) => void;
  /**
   * Counselor: the consultations she holds (active), plus those last assigned to her that ended
   * within the last day and have no case record yet, so she can still record them after a reload.
   */
  'consultation:mine': (payload: EmptyPayload, ack: Ack<{ consultations: StaffConsultation[] }>) => void;
  /** Client: hand the session keys (the current epoch's, and older ones for the history), sealed, to the counselor the server assigned. */
  'key:grant': (payload: KeyGrantPayload, ack: Ack<{ grantedAt: string }>) => void;
  /** Counselor: hand a chat to a named counselor or back to the front of the queue. */
  'consultation:transfer': (payload: ConsultationTransferPayload, ack: Ack<{ transferredAt: string }>) => void;
  /** Counselor: read state for one chat. */
  'consultation:read': (payload: ConsultationReadPayload, ack: Ack<{ lastReadId: number }>) => void;
  /**
   * Counselor: record topics and outcome of a consultation she holds or held (active or ended).
   * Recording again replaces the record. The answer is when it was recorded.
   */
  'consultation:record': (payload: ConsultationRecordPayload, ack: Ack<{ recordedAt: string }>) => void;
}

/** Events the server pushes, in this part. */
export interface ConsultationServerEvents {
  'consultation:assigned': (payload: ConsultationAssigned) => void;
  'key:granted': (payload: KeyGranted) => void;
  'consultation:ended': (payload: ConsultationEnded) => void;
  /** Counselor: a chat was transferred to her. */
  'consultation:incoming': (payload: { consultation: StaffConsultation; fromStaffId: string | null }) => void;
  /** Counselor: a chat she held is no longer hers (transferred, or back to the queue after her grace ran out). */
  'consultation:released': (payload: { consultationId: string }) => void;
  /**
   * Counselor: the client of a chat she holds has been gone (no connection) for the away period:
   * the chat is parked and ends at `endsAt` unless she comes back (`away` true); or she came back
   * (`away` false, `endsAt` null).
   */
  'consultation:client-away': (payload: { consultationId: string; away: boolean; endsAt: string | null }) => void;
  /** Counselor: the client continued her chat on another device (resume code); the old device was dropped. */
  'consultation:moved': (payload: { consultationId: string }) => void;
  /** Client: her consultation is waiting again (transferred to the queue, or her counselor dropped); positions follow. */
  'consultation:requeued': (payload: { consultationId: string }) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const consultationSchemas = {
  'consultation:start': consultationStartSchema,
  'consultation:resume': consultationResumeSchema,
  'consultation:end': consultationRefSchema,
  'consultation:quick-exit': consultationRefSchema,
  'consultation:take': consultationRefSchema,
  'consultation:nuisance': consultationRefSchema,
  'consultation:mine': emptySchema,
  'key:grant': keyGrantSchema,
  'consultation:transfer': consultationTransferSchema,
  'consultation:read': consultationReadSchema,
  'consultation:record': consultationRecordSchema,
} as const satisfies Record<keyof ConsultationClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const consultationRoles = {
  'consultation:start': ['client'],
  'consultation:resume': ['client'],
  'consultation:end': ['client', 'counselor'],
  'consultation:quick-exit': ['client'],
  'consultation:take': ['counselor'],
  'consultation:nuisance': ['counselor'],
  'consultation:mine': ['counselor'],
  'key:grant': ['client'],
  'consultation:transfer': ['counselor'],
  'consultation:read': ['counselor'],
  'consultation:record': ['counselor'],
} as const satisfies Record<keyof ConsultationClientEvents, readonly Role[]>;
