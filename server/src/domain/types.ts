/** The server's domain records: what the services work with and the repositories store. */
import type { Appointment, CaseRecord, ConsultationStatus, EndReason, HandoffKind, SenderRole, StaffRole, StaffStatus } from '@tsunagari/shared';
import type { KdfParams } from '@tsunagari/shared/crypto';
import type { SignedStaffStatement } from '@tsunagari/shared/trust';

/**
 * What her login needs, as her browser set it at enrolment (or a password change): the KDF
 * parameters it chose, the stored hash of her auth key, and her secret keys wrapped under her
 * password (the relay cannot open them).
 */
export interface StaffCredentials {
  kdf: KdfParams;
  authHash: string;
  wrappedSecretKeys: string;
}

/** Her public keys, as her browser made them. */
export interface StaffPublicKeys {
  boxPublicKey: string;
  signPublicKey: string;
}

/**
 * A staff account as stored, by lifecycle status (see StaffStatus in the protocol):
 * `credentials` exist while pending or active (wiped when disabled); `statement` while active or
 * disabled; `invite` while invited and the link was issued; `publicKeys` once she enrolled.
 */
export interface StaffRecord {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  status: StaffStatus;
  keyVersion: number;
  credentials: StaffCredentials | null;
  /** Her public keys once enrolled (kept after disable, with the statement). */
  publicKeys: StaffPublicKeys | null;
  statement: SignedStaffStatement | null;
  invite: { tokenHash: string; expiresAt: string } | null;
  /** Tokyo day (YYYY-MM-DD) of her last sign-in, or null. */
  lastSignInDay: string | null;
  capacity: number;
  createdAt: string;
}

/** One consultation: waiting → active (a counselor took it) → ended. */
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

/** A waiting consultation as the queue order needs it (at start-up). */
export interface WaitingConsultation {
  id: string;
  urgent: boolean;
  queuedAt: string;
  /** When she came back to the queue from a counselor, if she did. */
  requeuedAt: string | null;
  campaign: string | null;
}

/** One key epoch's session key sealed to one staff member. */
export interface KeyGrant {
  consultationId: string;
  staffId: string;
  keyEpoch: number;
  sealedKey: string;
  grantedBy: SenderRole;
  grantedAt: string;
}

/** An envelope to store: ciphertext only, and no time (when it was written is inside the ciphertext; the row's id keeps the order). */
export interface NewMessage {
  consultationId: string;
  senderRole: SenderRole;
  senderStaffId: string | null;
  keyEpoch: number;
  seq: number;
  nonce: string;
  ciphertext: string;
}

/** A consultation as the fiscal-year report sees it: times, how it ended, campaign, and its record. */
export interface ReportRow {
  queuedAt: string;
  assignedAt: string | null;
  /**
   * A counselor took her up at some time (held now, or held before and requeued): answered in the
   * report whatever became of the chat after (the lead's decision, issue 17).
   */
  taken: boolean;
  endedAt: string | null;
  endReason: EndReason | null;
  campaign: string | null;
  /** The counselor's case record, or null when none was made. */
  record: Omit<CaseRecord, 'recordedAt'> | null;
  /** The kind of each hand-off booked from it and not cancelled (any order). */
  handoffs: HandoffKind[];
  /** How long she waited, in ms (stored exact, migration 3): until taken up the first time, or until she left; null while waiting. */
  waitMs: number | null;
}

/** An appointment as stored; `staffName` comes from the staff row when it is read. */
export type NewAppointment = Omit<Appointment, 'staffName'>;

/**
 * Who is acting on a consultation: the anonymous client bound to it, or a counselor. A socket's
 * data has this shape for both, so the socket layer hands it over as it is.
 */
export type Actor = { readonly role: 'client'; readonly consultationId: string | null } | { readonly role: 'counselor'; readonly staffId: string };
