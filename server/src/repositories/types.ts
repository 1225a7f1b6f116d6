// Over 300 lines on purpose: the contract of every repository, in one file because both backends
// (SQLite in this folder, PostgreSQL in pg/) implement all of it and the contract suites test it
// as one; it holds interfaces only, each a screen or less.
import type { AppointmentStatus, Appointment, Campaign, CaseLogEntry, DemandDay, DemandKind, DistributionEvent, OutreachVisit, SealedCaseNote, VisitKind, CaseRecord, EndReason, FiscalYearTargets, HandoffKind, ProgramContacts, ProgramSettings, HandoverNote, HistoryPage, SealedEpochKey, SenderRole, StoredMessage } from '@tsunagari/shared';
import type { Holding, RoutingStatus } from '../domain/routing/types.js';
import type { StaffRole } from '@tsunagari/shared';
import type { SignedRevocationList, SignedStaffStatement } from '@tsunagari/shared/trust';
import type {
  Consultation,
  KeyGrant,
  NewAppointment,
  NewMessage,
  ReportRow,
  StaffCredentials,
  StaffPublicKeys,
  StaffRecord,
  WaitingConsultation,
} from '../domain/types.js';
import type { ResumeCodeRepository } from './resume.js';
import type { RetentionRepository } from './retention.js';
import type { ServerSecretRepository } from './server-secrets.js';

export interface OrganisationRepository {
  get(): Promise<{ name: string; signPublicKey: string } | null>;
  create(name: string, signPublicKey: string, createdAt: string): Promise<void>;
  /** Replaces the organisation's public key: the demo seed only, when it made its key file anew. */
  replaceKey(signPublicKey: string): Promise<void>;
}

/** Why a disable did not happen: she was not active at that key version, or the list was not newer. */
export type DisableOutcome = 'disabled' | 'not-active' | 'stale-list';

/**
 * Staff accounts through their lifecycle. Each change names the status (and key version) it
 * expects and returns false when the row had moved on, so concurrent admins cannot both win.
 */
export interface StaffRepository {
  byId(id: string): Promise<StaffRecord | null>;
  byUsername(username: string): Promise<StaffRecord | null>;
  byInviteTokenHash(tokenHash: string): Promise<StaffRecord | null>;
  /** Every account, by username. */
  all(): Promise<StaffRecord[]>;
  count(): Promise<number>;
  /** A whole record as given (a new invitation, and test fixtures). */
  insert(staff: StaffRecord): Promise<void>;
  /** Any account but an active one becomes invited again: keys, credentials and statement cleared. */
  reinvite(id: string, change: { displayName: string; role: StaffRole; keyVersion: number; tokenHash: string; expiresAt: string }): Promise<boolean>;
  /** Invited → pending, consuming the token: only if it is hers and still valid at `now` (ISO). */
  enrol(id: string, tokenHash: string, now: string, credentials: StaffCredentials, keys: StaffPublicKeys): Promise<boolean>;
  /** Pending at this key version → active with the statement. */
  activate(id: string, keyVersion: number, statement: SignedStaffStatement): Promise<boolean>;
  /** Active at this key version: a renewed statement. */
  replaceStatement(id: string, keyVersion: number, statement: SignedStaffStatement): Promise<boolean>;
  /**
   * Active at this key version → disabled (credentials wiped), her sessions deleted and the list
   * published, in one transaction; nothing changes unless all three do.
   */
  disable(id: string, keyVersion: number, list: RevocationListToPublish, at: string): Promise<DisableOutcome>;
  /**
   * New credentials for an active account (password change: same keys, re-wrapped). With
   * `basedOn` (the auth hash the change was checked against) only while that is still the stored
   * one: of two changes checked against one password, on two nodes at once, one wins (issue 17).
   */
  setCredentials(id: string, credentials: StaffCredentials, basedOn?: string): Promise<boolean>;
  setLastSignInDay(id: string, day: string): Promise<void>;
}

export interface StaffSessionRepository {
  insert(tokenHash: string, staffId: string, createdAt: string, expiresAt: string): Promise<void>;
  /** The live session for a token hash at `now` (ISO), or null when unknown or expired. */
  find(tokenHash: string, now: string): Promise<{ staffId: string; expiresAt: string } | null>;
  /** Whether the session row still exists and is not expired at `now` (ISO). */
  isLive(tokenHash: string, now: string): Promise<boolean>;
  delete(tokenHash: string): Promise<void>;
  deleteForStaff(staffId: string): Promise<void>;
}

/**
 * A list to publish. `basedOn` makes the publish a compare-and-set: the domain checked that the
 * list revokes everything the published one did and every disabled account; another node (or the
 * admin CLI) publishing in between would make that check stale, so the list is then refused.
 */
export type RevocationListToPublish = { signed: SignedRevocationList; issuedAt: number; basedOn?: number | null };

/** The organisation-signed revocation list the relay publishes, as it was signed. */
export interface RevocationRepository {
  current(): Promise<{ signed: SignedRevocationList; issuedAt: number } | null>;
  /**
   * Stores the list if it is newer than the current one — and, when `basedOn` is given, only if the
   * published list is still the one it was checked against (its issue date; null: none was) — false
   * (nothing changed) otherwise.
   */
  publish(list: RevocationListToPublish, at: string): Promise<boolean>;
}

/** The only writer of consultation rows: every lifecycle change goes through here. */
export interface ConsultationRepository {
  insert(c: Consultation): Promise<void>;
  byId(id: string): Promise<Consultation | null>;
  /**
   * The row as this process last knew it, for a message's sender check only: on PostgreSQL an
   * active chat's row kept while the node hears every change of it from any node (LISTEN, see
   * pg/recent-rows.ts), so a chat that moves or ends elsewhere is read afresh from the moment
   * the node hears it; on SQLite `byId` (one process writes every row and keeps them current).
   */
  recent(id: string): Promise<Consultation | null>;
  /** Waiting consultations with what the queue order needs (start-up). */
  waiting(): Promise<WaitingConsultation[]>;
  /** Active consultations with the counselor who holds each (start-up). */
  active(): Promise<Holding[]>;
  /** Sets a waiting consultation to active for a counselor; false when it was no longer waiting. */
  assign(id: string, staffId: string, at: string): Promise<boolean>;
  /** Active with one counselor → active with another; false when it was not active with `fromStaffId`. */
  reassign(id: string, fromStaffId: string, toStaffId: string, at: string): Promise<boolean>;
  /** Active → waiting, at the front; false when it was not active with that counselor. */
  requeue(id: string, fromStaffId: string, at: string): Promise<boolean>;
  /** Ends it and revokes her reconnect token (no client comes back into an ended chat); false when it had ended already. */
  end(id: string, at: string, reason: EndReason, by: SenderRole): Promise<boolean>;
  /** Wait before the first assignment, for the statistics (the first one recorded stays). */
  recordWait(id: string, waitMs: number): Promise<void>;
  /** Figures for an abandoned wait. */
  recordAbandon(id: string, waitMs: number, cause: 'left' | 'timeout' | 'silent'): Promise<void>;
  /** Her active consultations, oldest assignment first. */
  openForStaff(staffId: string): Promise<Consultation[]>;
  /**
   * Consultations last assigned to her that ended at or after `endedSinceIso` and have no case
   * record, oldest end first.
   */
  endedUnrecordedForStaff(staffId: string, endedSinceIso: string): Promise<Consultation[]>;
  /** Replaces her reconnect token (resume on a new device). */
  setClientTokenHash(id: string, hash: string): Promise<void>;
  /**
   * Since an instant: consultations with a counselor assigned (as each stands now, so one taken up
   * twice counts once), those that ended with none assigned (she left while waiting), and those
   * that reached the queue (nuisance chats left out).
   */
  countSince(startIso: string): Promise<{ answered: number; leftWaiting: number; started: number }>;
  /** The first waits (ms) of the consultations taken up since then, nuisance chats left out. */
  waitsSince(startIso: string): Promise<number[]>;
}

/** What routing persists about counselors: chosen status and capacity (load is counted). */
export interface CounselorRepository {
  /** Active counselors with their chosen status, capacity and current load. */
  all(): Promise<{ staffId: string; status: RoutingStatus; capacity: number; load: number }[]>;
  setStatus(staffId: string, status: RoutingStatus): Promise<void>;
  /** False when she is not a counselor. */
  setCapacity(staffId: string, capacity: number): Promise<boolean>;
}

/** The admin's list of campaigns. */
export interface CampaignRepository {
  all(): Promise<Campaign[]>;
  /** Adds it, or changes its label and whether it is active. */
  save(c: Campaign): Promise<void>;
}

/** What counselors leave in a chat besides messages: handover notes and how far each has read. */
export interface HandoverRepository {
  insertNote(n: { consultationId: string; fromStaffId: string; toStaffId: string | null; nonce: string; ciphertext: string; createdAt: string }): Promise<void>;
  notes(consultationId: string): Promise<HandoverNote[]>;
  /** Raises her read mark (never lowers it); the mark after. */
  setReadMark(consultationId: string, staffId: string, lastReadId: number): Promise<number>;
  readMark(consultationId: string, staffId: string): Promise<number>;
}

export interface KeyGrantRepository {
  /** Stores the grants in one transaction; one for an epoch she already has replaces it. */
  grant(grants: readonly KeyGrant[]): Promise<void>;
  /** Every epoch's key sealed to her in this consultation, oldest epoch first. */
  forStaff(consultationId: string, staffId: string): Promise<SealedEpochKey[]>;
  /** The newest key epoch any grant in the consultation names, or null before the first. */
  newestEpoch(consultationId: string): Promise<number | null>;
}

/** See {@link MessageRepository.clientTally}. */
export interface ClientTally {
  bytes: number;
  messages: number;
  unanswered: number;
}

export interface MessageRepository {
  /** Stores the message; when the same (consultation, sender, key epoch, seq) exists, returns that row and `created: false`. */
  insertOnce(m: NewMessage): Promise<{ message: StoredMessage; created: boolean }>;
  /** {@link insertOnce} for many messages in one transaction (one commit), results in order. */
  insertMany(batch: readonly NewMessage[]): Promise<{ message: StoredMessage; created: boolean }[]>;
  after(consultationId: string, afterId: number, limit: number): Promise<StoredMessage[]>;
  /**
   * What she (the client) has stored in a consultation: ciphertext characters and messages, and
   * how many of them came after the counselor's last message (all of them when none has answered).
   */
  clientTally(consultationId: string): Promise<ClientTally>;
  /** Messages after `afterId`, oldest first, up to `maxRows` and about `maxBytes` as JSON (at least one); `more` when some were left. */
  page(consultationId: string, afterId: number, maxBytes: number, maxRows: number): Promise<HistoryPage>;
  /** The stored message of one sender with this key epoch and seq, if any. */
  bySeq(consultationId: string, senderRole: SenderRole, keyEpoch: number, seq: number): Promise<StoredMessage | null>;
}

export interface CaseRecordRepository {
  /** Saves the record of a consultation, replacing an earlier one (topics too), in one transaction. */
  save(consultationId: string, staffId: string, record: CaseRecord): Promise<void>;
  /** The record of a consultation, if one was made. */
  byConsultation(consultationId: string): Promise<CaseRecord | null>;
  /** Every consultation queued in [from, to) (ISO instants), with its record if any. */
  reportRows(fromIso: string, toIso: string): Promise<ReportRow[]>;
}

/** The case log of consultations that did not start in the chat (issue 16). */
export interface CaseLogRepository {
  insert(entry: CaseLogEntry): Promise<void>;
  /** Replaces the fields of an entry not withdrawn (correctedAt set); false when there is none. */
  correct(entry: CaseLogEntry): Promise<boolean>;
  /** Marks an entry withdrawn; false when there is none (or it already was). */
  withdraw(id: string, atIso: string): Promise<boolean>;
  /** An entry not withdrawn. */
  byId(id: string): Promise<CaseLogEntry | null>;
  /** A staff member's entries recorded since an instant, not withdrawn, newest first. */
  mine(staffId: string, sinceIso: string, limit: number): Promise<CaseLogEntry[]>;
  /** Entries not withdrawn whose Tokyo day is in [fromYmd, toYmd] (inclusive). */
  between(fromYmd: string, toYmd: string): Promise<CaseLogEntry[]>;
  /** The sealed notes of entries not withdrawn whose day is in [fromYmd, toYmd], oldest day first. */
  notes(fromYmd: string, toYmd: string): Promise<SealedCaseNote[]>;
}

/** Home visits and accompaniments done: marked 済み on an appointment or logged without one (issue 16). */
export interface OutreachRepository {
  /** Stores a visit; at most one live visit per appointment (the partial unique index). */
  insert(visit: OutreachVisit): Promise<void>;
  /** Replaces the fields of a visit not withdrawn (correctedAt set); false when there is none. */
  correct(visit: OutreachVisit): Promise<boolean>;
  /** Marks a visit withdrawn; false when there is none (or it already was). */
  withdraw(id: string, atIso: string): Promise<boolean>;
  /** A visit not withdrawn. */
  byId(id: string): Promise<OutreachVisit | null>;
  /** The live visit marked on an appointment, if any. */
  byAppointment(appointmentId: string): Promise<OutreachVisit | null>;
  /** A staff member's visits recorded since an instant, not withdrawn, newest first. */
  mine(staffId: string, sinceIso: string, limit: number): Promise<OutreachVisit[]>;
  /** Visits not withdrawn whose Tokyo day is in [fromYmd, toYmd] (inclusive). */
  between(fromYmd: string, toYmd: string): Promise<OutreachVisit[]>;
}

/** The fiscal year's targets (issue 16); results come from the visits and the case log. */
/** Distribution events (生理用品配布会, issue 16), and the chats their campaigns brought. */
export interface DistributionRepository {
  insert(event: DistributionEvent): Promise<void>;
  /** Replaces the fields of an event not withdrawn (correctedAt set); false when there is none. */
  correct(event: DistributionEvent): Promise<boolean>;
  /** Marks an event withdrawn; false when there is none (or it already was). */
  withdraw(id: string, atIso: string): Promise<boolean>;
  /** An event not withdrawn. */
  byId(id: string): Promise<DistributionEvent | null>;
  /** Events not withdrawn whose Tokyo day is in [fromYmd, toYmd] (inclusive), by day then entry order. */
  between(fromYmd: string, toYmd: string): Promise<DistributionEvent[]>;
  /** The ids of the consultations started under a campaign in [from, to) (ISO instants), nuisance left out. */
  campaignStarts(campaign: string, fromIso: string, toIso: string): Promise<string[]>;
}

/** The fiscal year's targets, and the appointments done they are measured against (issue 16). */
/** The program's settings (one row); null until the first start seeded it. */
export interface ProgramSettingsRepository {
  get(): Promise<ProgramSettings | null>;
  /** Replaces the settings, and the program's phone and mail with them when given (kept otherwise). */
  put(settings: ProgramSettings, updatedAt: string, contacts?: ProgramContacts): Promise<void>;
  /** Stores `settings` (and `contacts`) only when nothing is stored yet; true when it did. */
  seed(settings: ProgramSettings, updatedAt: string, contacts?: ProgramContacts): Promise<boolean>;
  /** The stored phone and mail; null when none are stored (a database from before they were settings). */
  contacts(): Promise<ProgramContacts | null>;
}

export interface YearGoalRepository {
  /** Replaces a year's targets as a whole, in one transaction. */
  setTargets(fiscalYear: number, targets: FiscalYearTargets): Promise<void>;
  targets(fiscalYear: number): Promise<FiscalYearTargets>;
  /**
   * Done home visits and accompaniments of a fiscal year that the retention purge deleted before
   * visits were kept as rows (its tally by kind); later visits are all in {@link OutreachRepository}.
   */
  purgedVisits(fiscalYear: number): Promise<Partial<Record<VisitKind, number>>>;
}

export interface AppointmentRepository {
  /**
   * Stores a new appointment; throws DOUBLE_BOOKED (and stores nothing) when its counselor has a
   * booked appointment overlapping [startsAt, endsAt), checked atomically with the write.
   */
  insert(a: NewAppointment, at: string): Promise<void>;
  /** Appointments starting in [from, to) (ISO instants), any status, soonest first (the calendar's week). */
  startingBetween(fromIso: string, toIso: string): Promise<Appointment[]>;
  byId(id: string): Promise<Appointment | null>;
  /** The booked appointment with this code, if any (at most one: the partial unique index). */
  bookedByCode(code: string): Promise<Appointment | null>;
  /** The most recently created appointment with this code, whatever its status. */
  latestByCode(code: string): Promise<Appointment | null>;
  /** Appointments starting at or after the instant, soonest first. */
  startingFrom(fromIso: string): Promise<Appointment[]>;
  /** Sets the status; false when there is no such appointment. */
  setStatus(id: string, status: AppointmentStatus, at: string): Promise<boolean>;
  /**
   * Sets a cancelled, no-show or done appointment back to booked; throws DOUBLE_BOOKED (and
   * changes nothing) when its counselor has another booked appointment overlapping it, checked
   * atomically with the write, like {@link insert}. False when there is no such appointment.
   */
  rebook(id: string, at: string): Promise<boolean>;
  /** The appointment's change counter (issue 17: moved by every {@link change}), or null when there is none. */
  version(id: string): Promise<number | null>;
  /**
   * One status change in one transaction, written only over `basedOn` (the {@link version} it was
   * planned from): the status (booked again: DOUBLE_BOOKED as {@link rebook}), its visit's change,
   * the counter moved on. 'stale', and nothing written, when another change landed since — on
   * another node or process too (issue 17). False-free: an appointment that is gone is 'stale'.
   */
  change(id: string, basedOn: number, change: AppointmentChange): Promise<'changed' | 'stale'>;
}

/** What one status change writes to the appointment's visit (issue 17: in the change's own transaction). */
export type VisitWrite = { insert: OutreachVisit } | { correct: OutreachVisit } | { withdraw: { id: string; at: string } };

/** One status change of an appointment ({@link AppointmentRepository.change}). */
export interface AppointmentChange {
  status: AppointmentStatus;
  /** Back to booked from another status: checked for overlaps as a booking is. */
  rebook: boolean;
  visit: VisitWrite | null;
  /** When: `updated_at` moves only when the status does. */
  at: string;
}

/**
 * A number that changes whenever an account's lifecycle, a session's end or the revocation list
 * changes in storage, whoever wrote it (the admin CLI beside the running relay included).
 */
export interface StaffChanges {
  version(): Promise<number>;
}

/** The per-day demand counters (issue 16): plain numbers per Tokyo day and kind. */
export interface DemandRepository {
  /** Adds one to a day's counter of a kind. */
  add(day: string, kind: DemandKind): Promise<void>;
  /** The days from `fromDay` to `toDay` (YYYY-MM-DD, both included) that have any count, in order. */
  between(fromDay: string, toDay: string): Promise<DemandDay[]>;
}

/** Every repository the server uses, built in one place, so one object can be swapped for another storage. */
export interface Repositories {
  organisation: OrganisationRepository;
  staff: StaffRepository;
  sessions: StaffSessionRepository;
  revocations: RevocationRepository;
  staffChanges: StaffChanges;
  consultations: ConsultationRepository;
  counselors: CounselorRepository;
  handover: HandoverRepository;
  campaigns: CampaignRepository;
  keyGrants: KeyGrantRepository;
  messages: MessageRepository;
  caseRecords: CaseRecordRepository;
  caseLog: CaseLogRepository;
  yearGoals: YearGoalRepository;
  outreach: OutreachRepository;
  distribution: DistributionRepository;
  demand: DemandRepository;
  programSettings: ProgramSettingsRepository;
  appointments: AppointmentRepository;
  resumeCodes: ResumeCodeRepository;
  retention: RetentionRepository;
  serverSecrets: ServerSecretRepository;
}
