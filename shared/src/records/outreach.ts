import type { HandoffKind } from '../handoff/handoff.js';
import { DURATION_BANDS, type DurationBand } from './case-log.js';
import { fiscalYearMonths } from './records.js';

/**
 * Outreach done, not just booked (seed: 家庭訪問支援数, 同行支援数). A visit is counted when it
 * happened: an outreach or accompaniment appointment marked 済み, or one logged without an
 * appointment (she rang and a counselor went that afternoon). Closed lists and a Tokyo day only:
 * nothing that names her or the place.
 */
export const VISIT_KINDS = [
  /** 家庭訪問: a counselor visited her at home (or where she is staying). */
  'outreach',
  /** 同行支援: a counselor went with her to an agency. */
  'accompaniment',
] as const satisfies readonly HandoffKind[];
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Whether a hand-off kind is a visit (its 済み records a {@link OutreachVisit}). */
export function isVisitKind(kind: HandoffKind): kind is VisitKind {
  return (VISIT_KINDS as readonly string[]).includes(kind);
}

/** The kind of agency an accompaniment went to (the prefecture's categories). */
export const AGENCY_KINDS = [
  /** 役所 (市役所・町役場の窓口). */
  'city-office',
  /** 警察. */
  'police',
  /** 病院. */
  'hospital',
  /** 法テラス (日本司法支援センター). */
  'legal-aid',
  /** 配偶者暴力相談支援センター. */
  'dv-center',
  /** 他. */
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** What marking a visit appointment 済み adds: how long it took and, for an accompaniment, where to. */
export interface VisitDetails {
  durationBand: DurationBand;
  /** Required for an accompaniment; a home visit has none. */
  agency?: AgencyKind | undefined;
}

/** A visit logged without an appointment. */
export interface VisitInput extends VisitDetails {
  kind: VisitKind;
  /** YYYY-MM-DD, Tokyo. */
  date: string;
}

/** One visit done, as the server keeps and returns it. */
export interface OutreachVisit {
  id: string;
  kind: VisitKind;
  date: string;
  /** Null only for appointments marked 済み before visits had details (counted under 'unknown'). */
  durationBand: DurationBand | null;
  agency: AgencyKind | null;
  /** The appointment it was marked on; null when logged without one (or once retention purged it). */
  appointmentId: string | null;
  /** Who recorded it: only she (or a supervisor) may correct or withdraw it. */
  staffId: string;
  recordedAt: string;
  correctedAt: string | null;
}

/** One month (or the year) of visits done, by kind. */
export interface VisitFigures {
  /** YYYY-MM, or 'total'. */
  month: string;
  outreach: number;
  accompaniment: number;
}

/** The report's outreach section: visits done by month, and the year's by agency and duration. */
export interface OutreachSection {
  months: VisitFigures[];
  total: VisitFigures;
  /** Accompaniments by the kind of agency ('unknown' for those marked before agencies were asked). */
  byAgency: Record<AgencyKind | 'unknown', number>;
  /** Visits of both kinds by duration band. */
  byDuration: Record<DurationBand | 'unknown', number>;
}

/** A year with no visit yet: twelve months from April and every agency and band at 0 (stable CSV columns). */
export function emptyOutreachSection(fiscalYear: number): OutreachSection {
  const none = (month: string): VisitFigures => ({ month, outreach: 0, accompaniment: 0 });
  return {
    months: fiscalYearMonths(fiscalYear).map(none),
    total: none('total'),
    byAgency: Object.fromEntries([...AGENCY_KINDS, 'unknown'].map((k) => [k, 0])) as Record<AgencyKind | 'unknown', number>,
    byDuration: Object.fromEntries([...DURATION_BANDS, 'unknown'].map((k) => [k, 0])) as Record<DurationBand | 'unknown', number>,
  };
}
