import {
  type DistributionAddPayload,
  type DistributionEvent,
  MAX_EVENT_FLYERS,
  MAX_EVENT_SETS,
  type Municipality,
  MUNICIPALITIES,
  PARTNER_MAX_CHARS,
} from '@tsunagari/shared';
import { todayTokyo } from './case-log.js';

/**
 * The distribution-event form's draft: what the fields hold, as typed (counts as text until
 * saved). The place starts unchosen (no default is right for every event); the day is today.
 */
export interface DistributionDraft {
  date: string;
  municipality: Municipality | '';
  partner: string;
  sets: string;
  flyers: string;
  /** A campaign on the admin's list, or '' for none. */
  campaign: string;
}

/** What is wrong with a draft, for the form to say (the server checks all of it again). */
export type DistributionProblem = 'municipality' | 'partner' | 'sets' | 'flyers';

/** A fresh draft: today, no place chosen, and the partner and campaign of the last event (events come in series). */
export function freshDistributionDraft(now: Date, last?: Pick<DistributionDraft, 'partner' | 'campaign'>): DistributionDraft {
  return { date: todayTokyo(now), municipality: '', partner: last?.partner ?? '', sets: '', flyers: '', campaign: last?.campaign ?? '' };
}

/** A draft holding an event, to correct it. */
export function eventDistributionDraft(e: DistributionEvent): DistributionDraft {
  return { date: e.date, municipality: e.municipality, partner: e.partner, sets: String(e.sets), flyers: String(e.flyers), campaign: e.campaign ?? '' };
}

const count = (text: string, max: number): number | null => {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && /^\d+$/.test(trimmed) && n <= max ? n : null;
};

/** The first thing to fix, in the order of the fields, or null. */
export function distributionProblem(d: DistributionDraft): DistributionProblem | null {
  if (d.municipality === '' || !(MUNICIPALITIES as readonly string[]).includes(d.municipality)) return 'municipality';
  const partner = d.partner.trim();
  if (partner === '' || [...partner].length > PARTNER_MAX_CHARS) return 'partner';
  if (count(d.sets, MAX_EVENT_SETS) === null) return 'sets';
  if (count(d.flyers, MAX_EVENT_FLYERS) === null) return 'flyers';
  return null;
}

/** The payload for `distribution:add` (and, with the event id, `distribution:correct`); call after {@link distributionProblem} said null. */
export function distributionPayload(d: DistributionDraft): DistributionAddPayload {
  return {
    date: d.date,
    municipality: d.municipality as Municipality,
    partner: d.partner.trim(),
    sets: count(d.sets, MAX_EVENT_SETS) ?? 0,
    flyers: count(d.flyers, MAX_EVENT_FLYERS) ?? 0,
    ...(d.campaign ? { campaign: d.campaign } : {}),
  };
}

/** Puts a saved or corrected event into the list (newest day first, then newest entry), replacing the old one. */
export function upsertDistributionEvent(list: readonly DistributionEvent[], event: DistributionEvent): DistributionEvent[] {
  const rest = list.filter((e) => e.id !== event.id);
  return [event, ...rest].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
}

/** The partners named before, each once, for the field's suggestions. */
export function knownPartners(list: readonly DistributionEvent[]): string[] {
  return [...new Set(list.map((e) => e.partner))];
}
