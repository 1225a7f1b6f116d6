import type { Municipality } from './municipalities.js';

/**
 * Distribution events (生理用品配布会, seed: つながりサポート事業 (3)): the program hands out
 * period products with partner groups around the prefecture, with flyers whose QR code opens the
 * chat under a campaign. Supervisors record each event; the year report sets the sets handed out
 * against the target and counts the chats that came from each event's campaign afterwards.
 *
 * Nothing here is about a woman: an event is a day, a municipality, the partner organisation
 * that ran it with the NPO, and two counts. Nobody who came is named or counted one by one.
 */

/** The partner organisation's name: short (an organisation's name, not a note). */
export const PARTNER_MAX_CHARS = 40;
/** Sets handed out at one event: the seed's 8 events gave 527 in all; a few thousand is already a typo. */
export const MAX_EVENT_SETS = 5_000;
/** Flyers handed out at one event (more than sets: flyers also go to people who take no set). */
export const MAX_EVENT_FLYERS = 10_000;
/**
 * How long after an event its campaign's chats are counted: the event's own Tokyo day and the
 * {@link FOLLOW_UP_DAYS} days after it (a flyer taken home is often read days later).
 */
export const FOLLOW_UP_DAYS = 30;

/** What a supervisor enters for one event. */
export interface DistributionEventInput {
  /** YYYY-MM-DD, Tokyo. */
  date: string;
  municipality: Municipality;
  /** The organisation that ran it with the NPO (e.g. a こども食堂 or single-parent support group). */
  partner: string;
  sets: number;
  flyers: number;
  /** The campaign its flyers' QR code carries (one on the admin's list), if any. */
  campaign?: string | undefined;
}

/** One event as the server keeps and returns it. */
export interface DistributionEvent extends Omit<DistributionEventInput, 'campaign'> {
  id: string;
  campaign: string | null;
  /** The supervisor who entered it. */
  staffId: string;
  recordedAt: string;
  correctedAt: string | null;
}

/** One event in the year report, with the chats its campaign brought. */
export interface DistributionEventLine {
  date: string;
  municipality: Municipality;
  partner: string;
  sets: number;
  flyers: number;
  campaign: string | null;
  /** Chats started under its campaign from its day to {@link FOLLOW_UP_DAYS} days after; null without a campaign. */
  chatsAfter: number | null;
}

/** The report's distribution section: the year's events by date, and their totals. */
export interface DistributionReport {
  events: DistributionEventLine[];
  total: {
    events: number;
    sets: number;
    flyers: number;
    /** Chats counted after any event, each once (two events of one campaign may share a chat). */
    chatsAfter: number;
  };
}

/** The last Tokyo day (YYYY-MM-DD) whose chats count for an event on `ymd`. */
export function followUpLastDay(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + FOLLOW_UP_DAYS * 86_400_000).toISOString().slice(0, 10);
}
