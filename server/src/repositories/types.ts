import type {
  Appointment,
  AppointmentStatus,
  CaseRecord,
  ConsultationStatus,
  HandoffKind,
  EndReason,
  SenderRole,
  StaffRole,
  StoredMessage,
} from '@tsunagari/shared';

/** A staff account as stored: public keys, wrapped secret keys, and the auth hash. */
export interface StaffRecord {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  kdfSalt: string;
  kdfOpslimit: number;
  kdfMemlimit: number;
  authHash: string;
  boxPublicKey: string;
  signPublicKey: string;
  wrappedSecretKeys: string;
  orgSignature: string;
  capacity: number;
  createdAt: string;
}

export interface Consultation {
  id: string;
  clientTokenHash: string;
  status: ConsultationStatus;
  campaign: string | null;
  urgent: boolean;
  queuedAt: string;
  assignedStaffId: string | null;
  assignedAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  endedBy: SenderRole | null;
}

export interface KeyGrant {
  consultationId: string;
  staffId: string;
  sealedKey: string;
  grantedBy: SenderRole;
  grantedAt: string;
}

export interface NewMessage {
  consultationId: string;
  senderRole: SenderRole;
  senderStaffId: string | null;
  seq: number;
  nonce: string;
  ciphertext: string;
  sentAt: string;
}

export interface OrganisationRepository {
  get(): { name: string; signPublicKey: string } | null;
  create(name: string, signPublicKey: string, createdAt: string): void;
}

export interface StaffRepository {
  byId(id: string): StaffRecord | null;
  byUsername(username: string): StaffRecord | null;
  insert(staff: StaffRecord): void;
  count(): number;
}

export interface StaffSessionRepository {
  insert(tokenHash: string, staffId: string, createdAt: string, expiresAt: string): void;
  /** The staff id for a live session, or null when unknown or expired at `now`. */
  staffIdFor(tokenHash: string, now: string): string | null;
  delete(tokenHash: string): void;
}

export interface ConsultationRepository {
  insert(c: Consultation): void;
  byId(id: string): Consultation | null;
  /** Sets a waiting consultation to active for a counselor; false when it was no longer waiting. */
  assign(id: string, staffId: string, at: string): boolean;
  end(id: string, at: string, reason: EndReason, by: SenderRole): boolean;
  /** Her active consultations, oldest assignment first. */
  openForStaff(staffId: string): Consultation[];
  /**
   * Consultations last assigned to her that ended at or after `endedSinceIso` and have no case
   * record, oldest end first.
   */
  endedUnrecordedForStaff(staffId: string, endedSinceIso: string): Consultation[];
  /** Replaces her reconnect token (resume on a new device). */
  setClientTokenHash(id: string, hash: string): void;
  /**
   * Since an instant: consultations with a counselor assigned (as each stands now, so one taken up
   * twice counts once), and those that ended with none assigned (she left while waiting).
   */
  countSince(startIso: string): { answered: number; leftWaiting: number };
}

export interface KeyGrantRepository {
  insert(grant: KeyGrant): void;
  latestFor(consultationId: string, staffId: string): KeyGrant | null;
}

export interface MessageRepository {
  /** Stores the message; when the same (consultation, sender, seq) exists, returns that row and `created: false`. */
  insertOnce(m: NewMessage): { message: StoredMessage; created: boolean };
  /** {@link insertOnce} for many messages in one transaction (one commit), results in order. */
  insertMany(batch: readonly NewMessage[]): { message: StoredMessage; created: boolean }[];
  after(consultationId: string, afterId: number, limit: number): StoredMessage[];
  /** The stored message of one sender with this seq, if any. */
  bySeq(consultationId: string, senderRole: SenderRole, seq: number): StoredMessage | null;
}

/** A consultation as the fiscal-year report sees it: times, how it ended, campaign, and its record. */
export interface ReportRow {
  queuedAt: string;
  assignedAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  campaign: string | null;
  /** The counselor's case record, or null when none was made. */
  record: Omit<CaseRecord, 'recordedAt'> | null;
  /** The kind of each hand-off booked from it and not cancelled (any order). */
  handoffs: HandoffKind[];
}

export interface CaseRecordRepository {
  /** Saves the record of a consultation, replacing an earlier one (topics too), in one transaction. */
  save(consultationId: string, staffId: string, record: CaseRecord): void;
  /** The record of a consultation, if one was made. */
  byConsultation(consultationId: string): CaseRecord | null;
  /** Every consultation queued in [from, to) (ISO instants), with its record if any. */
  reportRows(fromIso: string, toIso: string): ReportRow[];
}

/** An appointment as stored; `staffName` comes from the staff row when it is read. */
export type NewAppointment = Omit<Appointment, 'staffName'>;

export interface AppointmentRepository {
  insert(a: NewAppointment, at: string): void;
  byId(id: string): Appointment | null;
  /** The booked appointment with this code, if any (at most one: the partial unique index). */
  bookedByCode(code: string): Appointment | null;
  /** The most recently created appointment with this code, whatever its status. */
  latestByCode(code: string): Appointment | null;
  /** Appointments starting at or after the instant, soonest first. */
  startingFrom(fromIso: string): Appointment[];
  /** Sets the status; false when there is no such appointment. */
  setStatus(id: string, status: AppointmentStatus, at: string): boolean;
}

/** Every repository the domain needs, so one object can be swapped for another storage. */
export interface Repositories {
  organisation: OrganisationRepository;
  staff: StaffRepository;
  sessions: StaffSessionRepository;
  consultations: ConsultationRepository;
  keyGrants: KeyGrantRepository;
  messages: MessageRepository;
  caseRecords: CaseRecordRepository;
  appointments: AppointmentRepository;
}
