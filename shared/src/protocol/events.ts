/**
 * The wire protocol's event maps, joined from one file per domain under `events/` (each holds its
 * events' payload and answer types, what the server pushes, the schema of each inbound payload
 * and the roles that may send it). A new event goes into the part of its prefix; these maps and
 * tables then include it, and `satisfies` below keeps every event with a schema and its roles.
 */
import { type CaseLogClientEvents, caseLogRoles, caseLogSchemas } from './events/case-log.js';
import { type CaseworkClientEvents, caseworkRoles, caseworkSchemas, type CaseworkServerEvents } from './events/casework.js';
import { type ConsultationClientEvents, consultationRoles, consultationSchemas, type ConsultationServerEvents } from './events/consultation.js';
import { type MessagesClientEvents, messagesRoles, messagesSchemas, type MessagesServerEvents } from './events/messages.js';
import { type ResumeClientEvents, resumeRoles, resumeSchemas } from './events/resume.js';
import type { Role } from './events/roles.js';
import { type RoutingClientEvents, routingRoles, routingSchemas, type RoutingServerEvents } from './events/routing.js';
import { type TargetsClientEvents, targetsRoles, targetsSchemas } from './events/targets.js';
import { type StaffAdminClientEvents, staffAdminRoles, staffAdminSchemas, type StaffAdminServerEvents } from './events/staff-admin.js';

export type { HandshakeAuth, Role, SenderRole, StaffRole } from './events/roles.js';
export type { StoredMessage, MessageReceipt, TypingChanged } from './events/messages.js';
export type {
  ConsultationAssigned,
  ConsultationEnded,
  ConsultationSnapshot,
  ConsultationStarted,
  ConsultationStatus,
  CounselorIdentity,
  EndReason,
  HandoverNote,
  KeyGranted,
  SealedEpochKey,
  StaffConsultation,
} from './events/consultation.js';
export type { CounselorState, CounselorStatus, QueueEntry, QueueOffer, QueuePosition, TodayFigures } from './events/routing.js';
export type { ResumeOpened } from './events/resume.js';

/** Events a browser (widget or console) sends; the ack is always last. */
export interface ClientToServerEvents
  extends ConsultationClientEvents,
    MessagesClientEvents,
    RoutingClientEvents,
    CaseworkClientEvents,
    CaseLogClientEvents,
    TargetsClientEvents,
    ResumeClientEvents,
    StaffAdminClientEvents {}

/** Events the server pushes. */
export interface ServerToClientEvents extends ConsultationServerEvents, MessagesServerEvents, RoutingServerEvents, CaseworkServerEvents, StaffAdminServerEvents {
  /** The server is shutting down for a restart; the client reconnects by itself. */
  'server:shutdown': () => void;
}

/** The schema each inbound event's payload is validated against before any handler sees it. */
export const inboundSchemas = {
  ...consultationSchemas,
  ...messagesSchemas,
  ...routingSchemas,
  ...caseworkSchemas,
  ...caseLogSchemas,
  ...targetsSchemas,
  ...resumeSchemas,
  ...staffAdminSchemas,
} as const satisfies Record<keyof ClientToServerEvents, unknown>;

/** Which roles may send each event, with their literal types (see {@link EventRoles}). */
const EVENT_ROLES = {
  ...consultationRoles,
  ...messagesRoles,
  ...routingRoles,
  ...caseworkRoles,
  ...caseLogRoles,
  ...targetsRoles,
  ...resumeRoles,
  ...staffAdminRoles,
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

/** Which roles may send each event. The server refuses the rest with FORBIDDEN. */
export const eventRoles: Record<keyof ClientToServerEvents, readonly Role[]> = EVENT_ROLES;

/** The roles that may send an event, as a type: the server's handler table is typed from it. */
export type EventRoles<E extends keyof ClientToServerEvents> = (typeof EVENT_ROLES)[E][number];
