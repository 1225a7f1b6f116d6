/**
 * The wire protocol's event maps, joined from one file per domain under `events/` (each holds its
 * events' payload and answer types, what the server pushes, the schema of each inbound payload
 * and the roles that may send it). A new event goes into the part of its prefix; these maps and
 * tables then include it, and `satisfies` below keeps every event with a schema and its roles.
 */
import { type CalendarClientEvents, calendarRoles, calendarSchemas } from './events/calendar.js';
import { type CaseLogClientEvents, caseLogRoles, caseLogSchemas } from './events/case-log.js';
import { type DistributionClientEvents, distributionRoles, distributionSchemas } from './events/distribution.js';
import { type CaseworkClientEvents, caseworkRoles, caseworkSchemas, type CaseworkServerEvents } from './events/casework.js';
import { type ConsultationClientEvents, consultationRoles, consultationSchemas, type ConsultationServerEvents } from './events/consultation.js';
import { type OutreachClientEvents, outreachRoles, outreachSchemas } from './events/outreach.js';
import { type MessagesClientEvents, messagesRoles, messagesSchemas, type MessagesServerEvents } from './events/messages.js';
import { type ResumeClientEvents, resumeRoles, resumeSchemas } from './events/resume.js';
import type { Role } from './events/roles.js';
import { type RoutingClientEvents, routingRoles, routingSchemas, type RoutingServerEvents } from './events/routing.js';
import { type TargetsClientEvents, targetsRoles, targetsSchemas } from './events/targets.js';
import { type SettingsClientEvents, settingsRoles, settingsSchemas, type SettingsServerEvents } from './events/settings.js';
import { type StaffAdminClientEvents, staffAdminRoles, staffAdminSchemas, type StaffAdminServerEvents } from './events/staff-admin.js';

export type { HandshakeAuth, Role, SenderRole, StaffRole } from './events/roles.js';
export type { HistoryPage, StoredMessage, MessageReceipt, TypingChanged } from './events/messages.js';
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
export type { CounselorState, CounselorStatus, QueueEntry, QueueList, QueueOffer, QueuePosition, TodayFigures, UrgentAlert } from './events/routing.js';
export type { Campaign } from './events/casework.js';
export type { CalendarDay, CalendarWeek } from './events/calendar.js';
export type { ResumeOpened } from './events/resume.js';
export type { SettingsView } from './events/settings.js';

/** Events a browser (widget or console) sends; the ack is always last. */
export interface ClientToServerEvents
  extends ConsultationClientEvents,
    MessagesClientEvents,
    RoutingClientEvents,
    CaseworkClientEvents,
    CaseLogClientEvents,
    TargetsClientEvents,
    OutreachClientEvents,
    DistributionClientEvents,
    CalendarClientEvents,
    SettingsClientEvents,
    ResumeClientEvents,
    StaffAdminClientEvents {}

/** Events the server pushes. */
export interface ServerToClientEvents extends ConsultationServerEvents, MessagesServerEvents, RoutingServerEvents, CaseworkServerEvents, StaffAdminServerEvents, SettingsServerEvents {
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
  ...outreachSchemas,
  ...distributionSchemas,
  ...calendarSchemas,
  ...settingsSchemas,
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
  ...outreachRoles,
  ...distributionRoles,
  ...calendarRoles,
  ...settingsRoles,
  ...resumeRoles,
  ...staffAdminRoles,
} as const satisfies Record<keyof ClientToServerEvents, readonly Role[]>;

/** Which roles may send each event. The server refuses the rest with FORBIDDEN. */
export const eventRoles: Record<keyof ClientToServerEvents, readonly Role[]> = EVENT_ROLES;

/** The roles that may send an event, as a type: the server's handler table is typed from it. */
export type EventRoles<E extends keyof ClientToServerEvents> = (typeof EVENT_ROLES)[E][number];

/**
 * What each inbound event costs from a socket's event budget (a token bucket the server refills
 * at a steady rate; see the README's "Limits"). Most events cost 1–2; typing and key grants are
 * cheap but still counted (each is a push to someone's screen or a write); the events that make
 * the server read and send a lot (history, a resume, a snapshot, reports) cost the most, so a
 * loop of them runs dry long before it can crowd out others. Every event has a cost.
 */
export const eventCosts = {
  'consultation:start': 10,
  'consultation:resume': 20,
  'consultation:end': 2,
  'consultation:quick-exit': 1,
  'consultation:take': 5,
  'consultation:mine': 10,
  'queue:list': 2,
  'key:grant': 2,
  'message:send': 2,
  'message:list': 20,
  'staff:status': 2,
  'staff:capacity': 2,
  'staff:list': 2,
  'stats:today': 2,
  'offer:accept': 5,
  'queue:still-here': 2,
  'consultation:transfer': 5,
  'consultation:read': 1,
  'typing:set': 1,
  'consultation:record': 5,
  'report:year': 20,
  'handoff:book': 5,
  'appointment:list': 5,
  'appointment:find': 2,
  'appointment:status': 2,
  'resume:create': 5,
  'resume:open': 20,
  'staff:invite': 5,
  'staff:directory': 5,
  'staff:activate': 5,
  'staff:resign': 5,
  'staff:disable': 10,
  'trust:publish': 10,
  'consultation:nuisance': 2,
  'campaign:list': 5,
  'campaign:save': 5,
  'caselog:add': 2,
  'caselog:correct': 2,
  'caselog:withdraw': 2,
  'caselog:mine': 5,
  'caselog:notes': 10,
  'targets:set': 5,
  'outreach:log': 2,
  'outreach:correct': 2,
  'outreach:withdraw': 2,
  'outreach:mine': 5,
  'distribution:add': 2,
  'distribution:correct': 2,
  'distribution:withdraw': 2,
  'distribution:list': 5,
  'calendar:week': 5,
  'appointment:book': 5,
  'settings:get': 2,
  'settings:save': 5,
} as const satisfies Record<keyof ClientToServerEvents, number>;

/** What an event nobody handles costs (a script inventing names still spends its budget). */
export const UNKNOWN_EVENT_COST = 1;
