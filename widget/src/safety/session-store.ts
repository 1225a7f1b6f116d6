/**
 * The only thing the widget ever writes on her device: one sessionStorage entry, so that a
 * reload of the same tab can pick the consultation up again within a short window (issue 15).
 * It dies with the tab, carries an expiry (`until`) that is checked before anything is shown
 * (an expired entry is removed and the widget starts clean: a browser's "reopen closed tab" or
 * session restore hours later gives whoever holds her phone nothing), and the widget removes it
 * when the consultation ends and on quick exit. Never local or indexed storage, cookies or
 * IndexedDB.
 */
export const SESSION_KEY = 'tsunagari-chat';

import type { EnvelopePayload } from '@tsunagari/shared';

/** The assignment her newest key epoch was sealed for, and whether the server took the grant. */
export interface SavedGrant {
  staffId: string;
  assignedAt: string;
  done: boolean;
}

/** What a reload needs to carry on. No plaintext: her messages on their way stay sealed. */
export interface SavedSession {
  v: 2;
  consultationId: string;
  clientToken: string;
  /** Her session keys, base64url, by key epoch ('' for an epoch this tab never held). */
  keys: string[];
  /** Her highest seq so far in the newest epoch. */
  seq: number;
  /** Her messages (and intake answers) the server has not acknowledged yet, sealed, re-sent as they are. */
  unsent: EnvelopePayload[];
  /** Who the newest epoch's keys went to (null before the first grant): the same assignment after a reload needs no new key. */
  grant: SavedGrant | null;
}

const isEnvelope = (u: Partial<EnvelopePayload> | null): boolean =>
  typeof u?.keyEpoch === 'number' && typeof u.seq === 'number' && typeof u.nonce === 'string' && typeof u.ciphertext === 'string' && typeof u.consultationId === 'string';

const isGrant = (g: Partial<SavedGrant> | null | undefined): boolean =>
  g === null || (typeof g?.staffId === 'string' && typeof g.assignedAt === 'string' && typeof g.done === 'boolean');

/** Storage as the widget needs it (sessionStorage in the browser, a fake in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** This tab's sessionStorage, or null where the browser blocks it. */
export function tabStorage(): KeyValueStore | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Storage can be blocked by the browser's settings; the widget works without it.
    return null;
  }
}

/** The reload window when the page does not set one: 5 minutes. */
export const DEFAULT_RELOAD_WINDOW_MS = 5 * 60_000;

/** Writes the record with its expiry, `until` (epoch ms): after that a reload starts clean. */
export function saveSession(s: SavedSession, until: number, kv: KeyValueStore | null = tabStorage()): void {
  try {
    kv?.setItem(SESSION_KEY, JSON.stringify({ ...s, until }));
  } catch {
    // Full or blocked: a reload will simply start over.
  }
}

/**
 * The saved session, or null when none, malformed or expired at `now` (epoch ms); a malformed or
 * expired one is removed. An entry without an expiry (from before issue 15) counts as expired.
 */
export function loadSession(now: number, kv: KeyValueStore | null = tabStorage()): SavedSession | null {
  let raw: string | null = null;
  try {
    raw = kv?.getItem(SESSION_KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const { until, ...s } = JSON.parse(raw) as Partial<SavedSession> & { until?: unknown };
    if (
      typeof until === 'number' &&
      until > now &&
      s.v === 2 &&
      typeof s.consultationId === 'string' &&
      typeof s.clientToken === 'string' &&
      Array.isArray(s.keys) &&
      s.keys.length > 0 &&
      s.keys.every((k) => typeof k === 'string') &&
      typeof s.seq === 'number' &&
      Array.isArray(s.unsent) &&
      s.unsent.every(isEnvelope) &&
      isGrant(s.grant)
    ) {
      return s as SavedSession;
    }
  } catch {
    // fall through
  }
  wipeSession(kv);
  return null;
}

export function wipeSession(kv: KeyValueStore | null = tabStorage()): void {
  try {
    kv?.removeItem(SESSION_KEY);
  } catch {
    // nothing to do
  }
}
