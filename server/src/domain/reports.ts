import {
  type CaseLogEntry,
  CHANNELS,
  type FiscalYearReport,
  type FiscalYearTargets,
  type OutreachVisit,
  type ReportFigures,
  type TargetKey,
  type VisitKind,
  emptyFigures,
  fiscalYearMonths,
  kpiLines,
  tokyoParts,
  yearShareGone,
} from '@tsunagari/shared';
import { buildOutreachSection } from './outreach-report.js';
import type { ReportRow } from './types.js';

/** Where she came from when no QR campaign brought her: the NPO's own page. */
export const WEB_CAMPAIGN = 'web';

/**
 * The fiscal-year report (DESIGN journey 3) from the year's consultations. Plain counting, no
 * socket, no SQL, no clock: the same rows always give the same report.
 *
 * - A consultation belongs to the Tokyo calendar month she reached the queue in (`queuedAt`).
 * - started: every consultation; answered (対応済み): a counselor took her up at some time
 *   ({@link answered}), whatever its ending — one requeued when her counselor's grace ran out and
 *   then left is answered, her end reason still as recorded (abandoned, cause 'left'); one
 *   requeued and taken again counts once.
 * - leftWaiting: ended and never taken up (she left, quick exit, timeout), by the month she came
 *   rather than the day she left.
 * - recorded, byTopic, byOutcome, byAgeBand: answered consultations with a case record.
 * - byCampaign: started, by campaign; none is {@link WEB_CAMPAIGN}.
 * - byHandoff: hand-offs booked from the month's consultations and not cancelled, by kind (one
 *   chat may give several). Counted whatever became of the chat after, so the month they came
 *   in, like every other figure, not the month of the appointment.
 * - nuisance: chats a counselor ended as a prank or nuisance; such a row counts there and in no
 *   other figure (not consultations or byChannel, started, answered, by campaign or hand-off), so
 *   nothing is inflated by them.
 * - logged: the case log's entries (phone, mail, interview, remote) as they stand now, withdrawn
 *   ones already left out, by the Tokyo day they are dated: each is a consultation of its channel
 *   and a recorded one (topics, outcome, age band), with its contact kind and duration band.
 * - consultations, byChannel: chats started plus logged entries — the program's count.
 * - outreach: home visits and accompaniments done (outreach-report.ts), from either route once.
 * - kpis: each target an admin set against its result — home visits and accompaniments done (the
 *   outreach section's totals), consultations by channel, sets handed out at the year's
 *   distribution events — and the even pace on `asOf`.
 * Rows outside the year are ignored; the total is the sum of the twelve months. Waiting figures
 * are their own section (waits.ts).
 */
export function buildFiscalYearReport(
  fiscalYear: number,
  rows: readonly ReportRow[],
  logged: readonly CaseLogEntry[] = [],
  goals: YearGoals = { targets: {}, visits: [], purgedVisits: {}, asOf: `${fiscalYear + 1}-03-31` },
): Omit<FiscalYearReport, 'distribution' | 'waits'> {
  const months = fiscalYearMonths(fiscalYear).map(emptyFigures);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  for (const row of rows) {
    const figures = byMonth.get(tokyoMonthOf(row.queuedAt));
    if (figures) count(figures, row);
  }
  for (const entry of logged) {
    const figures = byMonth.get(entry.date.slice(0, 7));
    if (figures) countLogged(figures, entry);
  }
  const total = emptyFigures('total');
  for (const m of months) add(total, m);
  const outreach = buildOutreachSection(fiscalYear, goals.visits, goals.purgedVisits);
  const results: Partial<Record<TargetKey, number>> = {
    homeVisits: outreach.total.outreach,
    accompaniments: outreach.total.accompaniment,
    distributionSets: goals.distributionSets ?? 0,
  };
  for (const channel of CHANNELS) results[channel] = total.byChannel[channel];
  const kpis = kpiLines(goals.targets, results, yearShareGone(fiscalYear, goals.asOf));
  return { fiscalYear, months, total, kpis, asOf: goals.asOf, outreach };
}

/** What the KPI table needs beside the figures: the year's targets, the visits done, and the day. */
export interface YearGoals {
  targets: FiscalYearTargets;
  /** The year's visits done (not withdrawn). */
  visits: readonly OutreachVisit[];
  /** Visits the retention purge tallied by kind before visits were kept as rows. */
  purgedVisits: Partial<Record<VisitKind, number>>;
  /** Sets handed out at the year's distribution events (0 when none is recorded). */
  distributionSets?: number | undefined;
  /** Tokyo YYYY-MM-DD the pace is reckoned for. */
  asOf: string;
}

/** YYYY-MM of an instant in Tokyo. */
export function tokyoMonthOf(iso: string): string {
  return tokyoParts(new Date(iso)).ymd.slice(0, 7);
}

function count(f: ReportFigures, row: ReportRow): void {
  if (row.endReason === 'nuisance') {
    f.nuisance++;
    return;
  }
  f.consultations++;
  f.byChannel.chat++;
  f.started++;
  const campaign = row.campaign ?? WEB_CAMPAIGN;
  f.byCampaign[campaign] = (f.byCampaign[campaign] ?? 0) + 1;
  for (const kind of row.handoffs) f.byHandoff[kind]++;
  if (!answered(row)) {
    if (row.endedAt !== null) f.leftWaiting++;
    return;
  }
  f.answered++;
  if (!row.record) return;
  f.recorded++;
  for (const topic of row.record.topics) f.byTopic[topic]++;
  f.byOutcome[row.record.outcome]++;
  f.byAgeBand[row.record.ageBand ?? 'unknown']++;
}

/**
 * Answered (対応済み) in the report: a counselor took her up, now or before (the lead's decision,
 * issue 17) — a woman who talked with a counselor is not counted as unanswered because the chat
 * went back to the queue and she then left. `assignedAt` covers rows read before `taken` existed.
 */
export function answered(row: Pick<ReportRow, 'assignedAt' | 'taken'>): boolean {
  return row.assignedAt !== null || row.taken;
}

function countLogged(f: ReportFigures, entry: CaseLogEntry): void {
  f.consultations++;
  f.byChannel[entry.channel]++;
  f.recorded++;
  for (const topic of entry.topics) f.byTopic[topic]++;
  f.byOutcome[entry.outcome]++;
  f.byAgeBand[entry.ageBand ?? 'unknown']++;
  f.byContact[entry.contact]++;
  f.byDuration[entry.durationBand]++;
}

/** Adds one month's figures into the total. */
function add(total: ReportFigures, m: ReportFigures): void {
  total.consultations += m.consultations;
  sumInto(total.byChannel, m.byChannel);
  total.started += m.started;
  total.answered += m.answered;
  total.leftWaiting += m.leftWaiting;
  total.nuisance += m.nuisance;
  total.recorded += m.recorded;
  sumInto(total.byTopic, m.byTopic);
  sumInto(total.byOutcome, m.byOutcome);
  sumInto(total.byAgeBand, m.byAgeBand);
  sumInto(total.byCampaign, m.byCampaign);
  sumInto(total.byHandoff, m.byHandoff);
  sumInto(total.byContact, m.byContact);
  sumInto(total.byDuration, m.byDuration);
}

function sumInto<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + from[key];
}
