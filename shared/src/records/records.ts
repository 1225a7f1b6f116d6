import { HANDOFF_KINDS, type HandoffKind } from '../handoff/handoff.js';
import { AGE_BANDS, type AgeBand, TOPICS, type Topic } from '../intake/intake.js';
import type { DistributionReport } from './distribution.js';
import type { Kpi } from './targets.js';
import type { OutreachSection } from './outreach.js';
import type { WaitReport } from './waits.js';
import { CONTACT_KINDS, type ContactKind, DURATION_BANDS, type DurationBand, LOGGED_CHANNELS } from './case-log.js';

/**
 * How a consultation ended, as the counselor records it for the program's report. Only these
 * words and the topics reach the server in plaintext: nothing she said, nothing that names her.
 */
export const OUTCOMES = [
  /** 傾聴・助言: listened, advised. */
  'listened',
  /** 情報提供: told where help is (agencies, benefits, places). */
  'information',
  /** 他機関につないだ: referred to another agency. */
  'referral',
  /** ほかの相談方法へ: handed on to a phone call, interview, visit or accompaniment. */
  'handoff',
  /** 途中で終わった: ended before the talk could finish (she left, quick exit, the line dropped). */
  'interrupted',
  /** その他. */
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a counselor records when a chat is over (or replaces later). */
export interface CaseRecord {
  topics: Topic[];
  outcome: Outcome;
  ageBand: AgeBand | null;
  recordedAt: string;
}

/**
 * How the program counts consultations: by channel. Chat (the program's SNS consultation) comes
 * from the queue; the others from the case log staff keep.
 */
export const CHANNELS = ['chat', ...LOGGED_CHANNELS] as const;
export type Channel = (typeof CHANNELS)[number];

/** One month (or the year's total) of the report. Months are Tokyo calendar months. */
export interface ReportFigures {
  /** YYYY-MM, or 'total' for the year. */
  month: string;
  /** Consultations of every channel: chats started plus logged consultations not withdrawn. */
  consultations: number;
  byChannel: Record<Channel, number>;
  /** Women who reached the chat's queue (by the Tokyo date she came). */
  started: number;
  /** Of those, taken up by a counselor. */
  answered: number;
  /** Of those, who left before anyone took them up (her choice, quick exit, timeout). */
  leftWaiting: number;
  /**
   * Chats a counselor ended as a prank or nuisance (いたずら・迷惑): counted here and in no other
   * figure, so the program's figures count real consultations only.
   */
  nuisance: number;
  /**
   * Consultations with topics and outcome: answered chats a counselor recorded, plus every logged
   * consultation (byTopic, byOutcome and byAgeBand count these).
   */
  recorded: number;
  byTopic: Record<Topic, number>;
  byOutcome: Record<Outcome, number>;
  byAgeBand: Record<AgeBand | 'unknown', number>;
  /** Where she came from: the QR campaign, or 'web' for the NPO's own page. */
  byCampaign: Record<string, number>;
  /**
   * Hand-offs booked from these consultations, by kind (a cancelled appointment does not count;
   * one that she did not come to does: the hand-off was made).
   */
  byHandoff: Record<HandoffKind, number>;
  /** Logged consultations (not chats) by first contact or continuation, and by duration band. */
  byContact: Record<ContactKind, number>;
  byDuration: Record<DurationBand, number>;
}

/** The fiscal-year report (April to March, Asia/Tokyo) for supervisors, also exported as CSV. */
export interface FiscalYearReport {
  /** The year the fiscal year starts in: 2026 = April 2026 to March 2027 (令和8年度). */
  fiscalYear: number;
  /** Twelve months, April first. */
  months: ReportFigures[];
  total: ReportFigures;
  /** Targets against results (only the keys an admin set a target for), as of {@link asOf}. */
  kpis: Kpi[];
  /** The Tokyo day the KPI pace is reckoned for (today when the report was made). */
  asOf: string;
  /** Home visits and accompaniments done (appointments marked 済み and visits logged without one). */
  outreach: OutreachSection;
  /** Distribution events (生理用品配布会) dated in the year, with the chats their campaigns brought. */
  distribution: DistributionReport;
  /** Waiting and missed contacts by month and by day (issue 16). */
  waits: WaitReport;
}

/** The fiscal year (starting April, Tokyo time) an instant falls in. */
export function fiscalYearOf(instant: Date): number {
  const tokyo = new Date(instant.getTime() + 9 * 3_600_000);
  const year = tokyo.getUTCFullYear();
  return tokyo.getUTCMonth() >= 3 ? year : year - 1;
}

/** The twelve YYYY-MM months of a fiscal year, April first. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    const year = fiscalYear + (i >= 9 ? 1 : 0);
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** [from, to) of a fiscal year as instants: 1 April 00:00 Tokyo to the next 1 April 00:00 Tokyo. */
export function fiscalYearRange(fiscalYear: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(fiscalYear, 3, 1) - 9 * 3_600_000),
    to: new Date(Date.UTC(fiscalYear + 1, 3, 1) - 9 * 3_600_000),
  };
}

/** Figures of nothing yet, with every topic, outcome and age band present at 0 (stable CSV columns). */
export function emptyFigures(month: string): ReportFigures {
  return {
    month,
    consultations: 0,
    byChannel: zeros(CHANNELS),
    started: 0,
    answered: 0,
    leftWaiting: 0,
    nuisance: 0,
    recorded: 0,
    byTopic: Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>,
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
    byAgeBand: Object.fromEntries([...AGE_BANDS, 'unknown'].map((a) => [a, 0])) as Record<AgeBand | 'unknown', number>,
    byCampaign: {},
    byHandoff: Object.fromEntries(HANDOFF_KINDS.map((k) => [k, 0])) as Record<HandoffKind, number>,
    byContact: zeros(CONTACT_KINDS),
    byDuration: zeros(DURATION_BANDS),
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
