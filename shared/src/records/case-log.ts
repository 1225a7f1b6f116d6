import type { AgeBand, Topic } from '../intake/intake.js';
import type { Outcome } from './records.js';

/**
 * The case log of consultations that did not start in the chat (seed: つながりサポート事業 —
 * phone, mail, interview, remote counselling). Staff enter each with the same closed lists as a
 * chat's case record plus these; nothing that names her (no name, number, address or free text).
 */
export const LOGGED_CHANNELS = [
  /** 電話相談. */
  'phone',
  /** メール相談. */
  'mail',
  /** 面接相談. */
  'interview',
  /** リモートカウンセリング. */
  'remote',
] as const;
export type LoggedChannel = (typeof LOGGED_CHANNELS)[number];

/** How long the consultation took, in the bands the program reports. */
export const DURATION_BANDS = ['under-15', '15-30', '30-60', '60-plus'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];

/** Whether she contacted the program for the first time or is continuing an earlier consultation. */
export const CONTACT_KINDS = ['first', 'continuation'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** What staff enter for one logged consultation (the date is her Tokyo calendar day). */
export interface CaseLogInput {
  channel: LoggedChannel;
  /** YYYY-MM-DD, Tokyo. */
  date: string;
  durationBand: DurationBand;
  contact: ContactKind;
  topics: Topic[];
  outcome: Outcome;
  ageBand?: AgeBand | undefined;
  /** A free-text note sealed to the records key in her browser (base64url); the relay cannot read it. */
  note?: string | undefined;
}

/** One entry as the server keeps and returns it. */
export interface CaseLogEntry extends Omit<CaseLogInput, 'ageBand' | 'note'> {
  id: string;
  ageBand: AgeBand | null;
  /** The sealed note, if one was written. */
  note: string | null;
  /** Who entered it: only she (or a supervisor) may correct or withdraw it. */
  staffId: string;
  recordedAt: string;
  /** Set when it was last corrected. */
  correctedAt: string | null;
}

/** A sealed note as a supervisor lists it, with what it is about (no staff name: the id only). */
export interface SealedCaseNote {
  entryId: string;
  date: string;
  channel: LoggedChannel;
  staffId: string;
  note: string;
}

/** A sealed note with its entry's closed-list fields, as a supervisor's reader shows it beside them. */
export interface ListedCaseNote extends SealedCaseNote, Pick<CaseLogEntry, 'durationBand' | 'contact' | 'topics' | 'outcome' | 'ageBand'> {}
