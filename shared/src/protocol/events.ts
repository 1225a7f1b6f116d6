import type { Appointment } from '../handoff/handoff.js';
import type { FiscalYearReport } from '../records/records.js';
import type { SignedStaffStatement } from '../trust/statement.js';
import type { Ack } from './errors.js';
import type { StaffInvitation, StaffListing } from './staff-lifecycle.js';
import type { StaffDisablePayload, StaffInvitePayload, StaffStatementPayload, TrustPublishPayload } from './staff-schemas.js';
import { staffDisableSchema, staffInviteSchema, staffStatementPayloadSchema, trustPublishSchema } from './staff-schemas.js';
import type {
  AppointmentFindPayload,
  AppointmentStatusPayload,
  ConsultationRef,
  ConsultationResumePayload,
  ConsultationReadPayload,
  ConsultationRecordPayload,
  ConsultationStartPayload,
  ConsultationTransferPayload,
  EmptyPayload,
  EnvelopePayload,
  HandoffBookPayload,
  KeyGrantPayload,
  MessageListPayload,
  ReportYearPayload,
  ResumeCreatePayload,
  ResumeOpenPayload,
  StaffCapacityPayload,
  StaffStatusPayload,
  TypingSetPayload,
} from './schemas.js';
import {
  appointmentFindSchema,
  appointmentStatusSchema,
  consultationRefSchema,
  consultationResumeSchema,
  consultationReadSchema,
  consultationRecordSchema,
  consultationStartSchema,
  consultationTransferSchema,
  emptySchema,
  envelopeSchema,
  handoffBookSchema,
  keyGrantSchema,
  messageListSchema,
  reportYearSchema,
  resumeCreateSchema,
  resumeOpenSchema,
  staffCapacitySchema,
  staffStatusSchema,
  typingSetSchema,
} from './schemas.js';

/** Who is on the other end of a socket. `client` is the anonymous woman; the rest are staff. */
export type Role = 'client' | 'counselor' | 'supervisor' | 'admin';
export type StaffRole = Exclude<Role, 'client'>;
/** The sender of a message, as bound into its associated data. */
export type SenderRole = 'client' | 'counselor';

export type ConsultationStatus = 'waiting' | 'active' | 'ended';
/** 'client_gone': her active chat ended because she did not come back within the away and gone periods. */
export type EndReason = 'ended' | 'quick_exit' | 'abandoned' | 'client_gone';

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

/**
 * One stored message: ciphertext only. `id` orders messages across both senders. Sealed with the
 * key of `keyEpoch` and the v2 associated data (`crypto/epoch-envelope.ts`); `seq` counts from 1
 * per sender within each epoch, so the server keeps one message per (consultation, sender role,
 * key epoch, seq) and a re-send of the same one is answered, not stored again.
 */
export interface StoredMessage {
  id: number;
  consultationId: string;
  senderRole: SenderRole;
  /** 0 for the consultation's first session key, one more at each re-key (see MAX_KEY_EPOCH). */
  keyEpoch: number;
  seq: number;
  nonce: string;
  ciphertext: string;
  sentAt: string;
}

/**
 * The answer to `message:send` once the envelope is committed: what the server added to it. The
 * sender already holds the rest, so the ciphertext does not travel back to her.
 */
export type MessageReceipt = Pick<StoredMessage, 'id' | 'sentAt'>;

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
 * Today's figures for the supervisors' board (the Tokyo day so far): consultations a counselor
 * took up, and women who left before anyone did (her own choice, quick exit or timeout).
 */
export interface TodayFigures {
  /** The Tokyo date, YYYY-MM-DD. */
  day: string;
  answered: number;
  leftWaiting: number;
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

export interface TypingChanged {
  consultationId: string;
  role: SenderRole;
  typing: boolean;
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
  messages: StoredMessage[];
}

export interface ResumeOpened {
  consultationId: string;
  /** A fresh reconnect token for this device; the old device's token stops working and its sockets are dropped. */
  clientToken: string;
  /** Every key epoch's session key, wrapped under the code's wrap key; only her code unwraps it. */
  wrappedKey: string;
  snapshot: ConsultationSnapshot;
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

/** Events a browser (widget or console) sends; the ack is always last. */
export interface ClientToServerEvents {
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
   * Counselor: the consultations she holds (active), plus those last assigned to her that ended
   * within the last day and have no case record yet, so she can still record them after a reload.
   */
  'consultation:mine': (payload: EmptyPayload, ack: Ack<{ consultations: StaffConsultation[] }>) => void;
  /** Staff: the waiting queue. */
  'queue:list': (payload: EmptyPayload, ack: Ack<{ entries: QueueEntry[] }>) => void;
  /** Client: hand the session keys (the current epoch's, and older ones for the history), sealed, to the counselor the server assigned. */
  'key:grant': (payload: KeyGrantPayload, ack: Ack<{ grantedAt: string }>) => void;
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
  /** Counselor: hand a chat to a named counselor or back to the front of the queue. */
  'consultation:transfer': (payload: ConsultationTransferPayload, ack: Ack<{ transferredAt: string }>) => void;
  /** Counselor: read state for one chat. */
  'consultation:read': (payload: ConsultationReadPayload, ack: Ack<{ lastReadId: number }>) => void;
  /** Client or counselor: typing indicator (relayed, never stored). */
  'typing:set': (payload: TypingSetPayload, ack: Ack<Record<string, never>>) => void;
  /** Client or counselor: store and relay one encrypted message. Re-sending the same (key epoch, seq) is idempotent. */
  'message:send': (payload: EnvelopePayload, ack: Ack<MessageReceipt>) => void;
  /** Client or counselor: messages after an id (history, or catching up after a drop). */
  'message:list': (payload: MessageListPayload, ack: Ack<{ messages: StoredMessage[] }>) => void;
  /**
   * Counselor: record topics and outcome of a consultation she holds or held (active or ended).
   * Recording again replaces the record. The answer is when it was recorded.
   */
  'consultation:record': (payload: ConsultationRecordPayload, ack: Ack<{ recordedAt: string }>) => void;
  /** Supervisor or admin: the fiscal-year report (months April–March, Tokyo time). */
  'report:year': (payload: ReportYearPayload, ack: Ack<FiscalYearReport>) => void;
  /**
   * Counselor: book a hand-off (phone, remote, interview, outreach, accompaniment) for the active
   * chat she holds; the server makes the reservation code. The console then tells her the code in
   * an ordinary encrypted message, so the widget needs nothing new and keeps nothing.
   */
  'handoff:book': (payload: HandoffBookPayload, ack: Ack<Appointment>) => void;
  /** Staff: appointments from 7 days ago onwards, soonest first (then pushed as `appointment:changed`). */
  'appointment:list': (payload: EmptyPayload, ack: Ack<{ appointments: Appointment[] }>) => void;
  /** Staff: the appointment a reservation code belongs to (she quotes it on the phone). */
  'appointment:find': (payload: AppointmentFindPayload, ack: Ack<Appointment>) => void;
  /** Counselor, supervisor or admin: set an appointment's status. */
  'appointment:status': (payload: AppointmentStatusPayload, ack: Ack<Appointment>) => void;
  /** Client: register a resume code (its lookup and her wrapped session key); replaces an earlier one. */
  'resume:create': (payload: ResumeCreatePayload, ack: Ack<{ expiresAt: string }>) => void;
  /** Client: continue a consultation by code, from any device. Unknown or expired → UNKNOWN_CONSULTATION. */
  'resume:open': (payload: ResumeOpenPayload, ack: Ack<ResumeOpened>) => void;
  /**
   * Admin: invite a username (display name, role). The relay keeps only a hash of the one-time
   * token (24 h). A new username, or one whose account is invited, pending (enrolment restarted,
   * e.g. after a fingerprint mismatch) or disabled (re-enabling, key version + 1); an active one
   * → USERNAME_TAKEN.
   */
  'staff:invite': (payload: StaffInvitePayload, ack: Ack<StaffInvitation>) => void;
  /** Admin: every staff account with status, statement or pending keys, and last sign-in day. */
  'staff:directory': (payload: EmptyPayload, ack: Ack<{ staff: StaffListing[] }>) => void;
  /**
   * Admin: the signed statement for a pending enrolment. It must match the pending keys, staff id,
   * role and key version exactly (STATEMENT_MISMATCH) and verify against the organisation key
   * (BAD_SIGNATURE). She can log in from then on; `trust:changed` is pushed.
   */
  'staff:activate': (payload: StaffStatementPayload, ack: Ack<StaffListing>) => void;
  /** Admin: a renewed statement for an active staff member (same keys, role and key version). */
  'staff:resign': (payload: StaffStatementPayload, ack: Ack<StaffListing>) => void;
  /**
   * Admin: disable with an organisation-signed revocation list that is newer than the published
   * one (REVOCATIONS_STALE) and revokes her current key version (NOT_REVOKED). At once: login
   * refused, her sessions ended and sockets closed, out of routing, her chats back at the front
   * of the queue, the list published, `trust:changed` pushed.
   */
  'staff:disable': (payload: StaffDisablePayload, ack: Ack<StaffListing>) => void;
  /**
   * Admin: publish a newer revocation list without disabling anyone, e.g. the same entries with a
   * fresh issue date (browsers call a list older than 7 days 'stale'). It must verify
   * (BAD_SIGNATURE), be newer (REVOCATIONS_STALE) and keep every revocation already published and
   * every disabled account's (NOT_REVOKED). `trust:changed` is pushed.
   */
  'trust:publish': (payload: TrustPublishPayload, ack: Ack<{ issuedAt: number }>) => void;
}

/** Events the server pushes. */
export interface ServerToClientEvents {
  'queue:position': (payload: QueuePosition) => void;
  'queue:changed': (payload: { entries: QueueEntry[] }) => void;
  'consultation:assigned': (payload: ConsultationAssigned) => void;
  'key:granted': (payload: KeyGranted) => void;
  'message:new': (payload: StoredMessage) => void;
  'consultation:ended': (payload: ConsultationEnded) => void;
  /** Counselor: a waiting client is offered to her until `expiresAt`. */
  'queue:offer': (payload: QueueOffer) => void;
  /** Counselor: the offer is gone (expired, taken by hand, or she left). */
  'queue:offer-withdrawn': (payload: { consultationId: string; reason: 'expired' | 'taken' | 'gone' | 'unavailable' }) => void;
  /** Staff: counselors' status and load changed. */
  'staff:changed': (payload: { counselors: CounselorState[] }) => void;
  /** Staff: today's figures changed (someone was taken up, or left while waiting). */
  'stats:changed': (payload: TodayFigures) => void;
  /** The other side is typing (or stopped). */
  'typing:changed': (payload: TypingChanged) => void;
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
  /** Staff: an appointment was booked or its status changed. */
  'appointment:changed': (payload: { appointment: Appointment }) => void;
  /** The server is shutting down for a restart; the client reconnects by itself. */
  'server:shutdown': () => void;
  /**
   * Staff: a statement was signed or renewed, someone was disabled, or the revocation list
   * changed. Consoles fetch the revocation list again (and admins their directory).
   */
  'trust:changed': (payload: Record<string, never>) => void;
}

/** The schema each inbound event's payload is validated against before any handler sees it. */
export const inboundSchemas = {
  'consultation:start': consultationStartSchema,
  'consultation:resume': consultationResumeSchema,
  'consultation:end': consultationRefSchema,
  'consultation:quick-exit': consultationRefSchema,
  'consultation:take': consultationRefSchema,
  'consultation:mine': emptySchema,
  'queue:list': emptySchema,
  'key:grant': keyGrantSchema,
  'message:send': envelopeSchema,
  'message:list': messageListSchema,
  'staff:status': staffStatusSchema,
  'staff:capacity': staffCapacitySchema,
  'staff:list': emptySchema,
  'stats:today': emptySchema,
  'offer:accept': consultationRefSchema,
  'consultation:transfer': consultationTransferSchema,
  'consultation:read': consultationReadSchema,
  'typing:set': typingSetSchema,
  'consultation:record': consultationRecordSchema,
  'report:year': reportYearSchema,
  'handoff:book': handoffBookSchema,
  'appointment:list': emptySchema,
  'appointment:find': appointmentFindSchema,
  'appointment:status': appointmentStatusSchema,
  'resume:create': resumeCreateSchema,
  'resume:open': resumeOpenSchema,
  'staff:invite': staffInviteSchema,
  'staff:directory': emptySchema,
  'staff:activate': staffStatementPayloadSchema,
  'staff:resign': staffStatementPayloadSchema,
  'staff:disable': staffDisableSchema,
  'trust:publish': trustPublishSchema,
} as const satisfies Record<keyof ClientToServerEvents, unknown>;

/** Which roles may send each event, with their literal types (see {@link EventRoles}). */
const EVENT_ROLES = {
  'consultation:start': ['client'],
  'consultation:resume': ['client'],
  'consultation:end': ['client', 'counselor'],
  'consultation:quick-exit': ['client'],
  'consultation:take': ['counselor'],
  'consultation:mine': ['counselor'],
  'queue:list': ['counselor', 'supervisor', 'admin'],
  'key:grant': ['client'],
  'message:send': ['client', 'counselor'],
  'message:list': ['client', 'counselor'],
  'staff:status': ['counselor'],
  'staff:capacity': ['supervisor', 'admin'],
  'staff:list': ['counselor', 'supervisor', 'admin'],
  'stats:today': ['counselor', 'supervisor', 'admin'],
  'offer:accept': ['counselor'],
  'consultation:transfer': ['counselor'],
  'consultation:read': ['counselor'],
  'typing:set': ['client', 'counselor'],
  'consultation:record': ['counselor'],
  'report:year': ['supervisor', 'admin'],
  'handoff:book': ['counselor'],
  'appointment:list': ['counselor', 'supervisor', 'admin'],
  'appointment:find': ['counselor', 'supervisor', 'admin'],
  'appointment:status': ['counselor', 'supervisor', 'admin'],
  'resume:create': ['client'],
  'resume:open': ['client'],
  'staff:invite': ['admin'],
  'staff:directory': ['admin'],
  'staff:activate': ['admin'],
  'staff:resign': ['admin'],
  'staff:disable': ['admin'],
  'trust:publish': ['admin'],
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

/** Which roles may send each event. The server refuses the rest with FORBIDDEN. */
export const eventRoles: Record<keyof ClientToServerEvents, readonly Role[]> = EVENT_ROLES;

/** The roles that may send an event, as a type: the server's handler table is typed from it. */
export type EventRoles<E extends keyof ClientToServerEvents> = (typeof EVENT_ROLES)[E][number];

/** Socket.IO handshake auth: what a socket says about itself when it connects. */
export type HandshakeAuth = { role: 'client' } | { role: 'staff' };
