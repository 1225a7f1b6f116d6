import type { AgeBand, CaseLogAddPayload, CaseLogEntry, ContactKind, DurationBand, LoggedChannel, Outcome, Topic } from '@tsunagari/shared';
import { tokyoParts } from '@tsunagari/shared';

/** How many topic fields the compact form shows at first (a call rarely has more). */
export const FORM_TOPICS = 3;

/** The most topics one entry takes (the protocol's limit). */
export const MAX_TOPICS = 5;

/**
 * How many topic fields to show: always one empty field after the last chosen topic, so a fourth
 * and fifth appear as she fills the fields before them (Tab reaches them, keyboard only), at least
 * {@link FORM_TOPICS} and at most {@link MAX_TOPICS}.
 */
export function topicFieldCount(topics: readonly (Topic | '')[]): number {
  let last = -1;
  topics.forEach((t, i) => {
    if (t !== '') last = i;
  });
  return Math.min(MAX_TOPICS, Math.max(FORM_TOPICS, last + 2));
}

/**
 * The compact form's draft. Topics are positional fields, '' for none; the first is required.
 * Everything else always has a value, so a phone call needs only a topic and Enter.
 */
export interface CaseLogDraft {
  date: string;
  channel: LoggedChannel;
  topics: (Topic | '')[];
  outcome: Outcome;
  ageBand: AgeBand | '';
  durationBand: DurationBand;
  contact: ContactKind;
}

/** Today's date in Tokyo, YYYY-MM-DD (the server checks entries against the same day). */
export function todayTokyo(now: Date): string {
  return tokyoParts(now).ymd;
}

/**
 * A fresh draft: today, phone, and the outcome she chose last (calls in a row often end alike);
 * 15–30 minutes, first contact and age unknown until she says otherwise.
 */
export function freshDraft(now: Date, lastOutcome: Outcome = 'listened'): CaseLogDraft {
  return {
    date: todayTokyo(now),
    channel: 'phone',
    topics: Array.from({ length: FORM_TOPICS }, () => ''),
    outcome: lastOutcome,
    ageBand: '',
    durationBand: '15-30',
    contact: 'first',
  };
}

/** A draft holding an entry, to correct it. */
export function entryDraft(entry: CaseLogEntry): CaseLogDraft {
  const topics: (Topic | '')[] = [...entry.topics];
  while (topics.length < FORM_TOPICS) topics.push('');
  return {
    date: entry.date,
    channel: entry.channel,
    topics,
    outcome: entry.outcome,
    ageBand: entry.ageBand ?? '',
    durationBand: entry.durationBand,
    contact: entry.contact,
  };
}

/** Why the draft cannot be sent yet, or null: a first topic is needed, and none twice. */
export function draftProblem(d: CaseLogDraft): 'topic' | 'repeat' | null {
  const chosen = d.topics.filter((t): t is Topic => t !== '');
  if (d.topics[0] === '' || chosen.length === 0) return 'topic';
  return new Set(chosen).size === chosen.length ? null : 'repeat';
}

/** The payload for `caselog:add` (and, with the entry id, `caselog:correct`). */
export function draftPayload(d: CaseLogDraft): CaseLogAddPayload {
  return {
    channel: d.channel,
    date: d.date,
    durationBand: d.durationBand,
    contact: d.contact,
    topics: d.topics.filter((t): t is Topic => t !== ''),
    outcome: d.outcome,
    ...(d.ageBand ? { ageBand: d.ageBand } : {}),
  };
}

/** Puts a saved or corrected entry into her list (newest recorded first), replacing the old one. */
export function upsertEntry(list: readonly CaseLogEntry[], entry: CaseLogEntry): CaseLogEntry[] {
  const rest = list.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
}
