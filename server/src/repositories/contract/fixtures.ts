import type { Appointment, CaseLogEntry, DistributionEvent, OutreachVisit, ProgramSettings } from '@tsunagari/shared';
import { PROGRAM_HOURS } from '@tsunagari/shared';
import type { SignedRevocationList } from '@tsunagari/shared/trust';
import type { Consultation, NewAppointment, NewMessage, StaffRecord } from '../../domain/types.js';
import { activeStaffRecord } from '../../../test/staff-record.js';
import type { AsyncRepositories } from '../async.js';

/**
 * Rows for the repository contract: plain values that fill the columns (nothing is verified by a
 * repository, so keys and signatures are placeholders). Times are UTC ISO strings, as stored.
 */
export const T0 = '2026-05-11T01:00:00.000Z';

/** An instant `minutes` after {@link T0}. */
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** A staff record in any lifecycle state with the columns that state requires. */
export function staffMember(id: string, over: Partial<StaffRecord> = {}): StaffRecord {
  return { ...activeStaffRecord(id), ...over };
}

/** An invited account: no credentials, keys or statement; a token valid until `expiresAt`. */
export function invitedStaff(id: string, tokenHash: string, expiresAt: string): StaffRecord {
  return staffMember(id, { status: 'invited', credentials: null, publicKeys: null, statement: null, invite: { tokenHash, expiresAt } });
}

/** A revocation list as stored (the relay stores what the organisation signed; it is not checked here). */
export function revocationList(issuedAt: number): { signed: SignedRevocationList; issuedAt: number } {
  return { signed: { list: { entries: [], issuedAt }, signature: `sig-${issuedAt}` } as unknown as SignedRevocationList, issuedAt };
}

export function consultation(id: string, over: Partial<Consultation> = {}): Consultation {
  return {
    id,
    clientTokenHash: `token-${id}`,
    status: 'waiting',
    campaign: null,
    urgent: false,
    queuedAt: T0,
    assignedStaffId: null,
    assignedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    ...over,
  };
}

export function message(consultationId: string, seq: number, over: Partial<NewMessage> = {}): NewMessage {
  return { consultationId, senderRole: 'client', senderStaffId: null, keyEpoch: 1, seq, nonce: `n${seq}`, ciphertext: `c${seq}`.padEnd(40, 'x'), ...over };
}

export function appointment(id: string, consultationId: string, staffId: string, startsAt: string, minutes = 60, over: Partial<NewAppointment> = {}): NewAppointment {
  return {
    id,
    consultationId,
    kind: 'phone',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(),
    code: `C${id}`.slice(0, 6),
    status: 'booked',
    staffId,
    overriddenBy: null,
    createdAt: T0,
    ...over,
  } satisfies Omit<Appointment, 'staffName'>;
}

export function caseLogEntry(id: string, staffId: string, date: string, over: Partial<CaseLogEntry> = {}): CaseLogEntry {
  return {
    id,
    staffId,
    channel: 'phone',
    date,
    durationBand: '15-30',
    contact: 'first',
    topics: ['生活困窮'],
    outcome: 'listened',
    ageBand: null,
    note: null,
    recordedAt: T0,
    correctedAt: null,
    ...over,
  };
}

export function visit(id: string, staffId: string, date: string, over: Partial<OutreachVisit> = {}): OutreachVisit {
  return { id, staffId, kind: 'outreach', date, durationBand: '60-plus', agency: null, appointmentId: null, recordedAt: T0, correctedAt: null, ...over };
}

export function distributionEvent(id: string, staffId: string, date: string, over: Partial<DistributionEvent> = {}): DistributionEvent {
  return { id, staffId, date, municipality: '山口市', partner: 'こども食堂', sets: 10, flyers: 20, campaign: null, recordedAt: T0, correctedAt: null, ...over };
}

export function programSettings(over: Partial<ProgramSettings> = {}): ProgramSettings {
  return { hours: PROGRAM_HOURS, retentionDays: 90, longWaitAlertMinutes: 10, offerTimeoutSeconds: 30, clientGraceSeconds: 60, counselorGraceSeconds: 60, ...over } as ProgramSettings;
}

/** Stores active counselors (and any records given) so rows that reference staff can be written. */
export async function withStaff(repos: AsyncRepositories, ...ids: string[]): Promise<void> {
  for (const id of ids) await repos.staff.insert(staffMember(id));
}
