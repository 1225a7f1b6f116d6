/**
 * The only thing the widget ever writes on her device: one sessionStorage entry, so that a
 * reload of the same tab can pick the consultation up again. It dies with the tab, and the
 * widget removes it when the consultation ends and on quick exit. Never local or indexed storage, cookies
 * or IndexedDB.
 */
export const SESSION_KEY = 'tsunagari-chat';

import type { MessageBody } from '@tsunagari/shared';

/** What a reload needs to carry on. */
export interface SavedSession {
  v: 1;
  consultationId: string;
  clientToken: string;
  /** The session key, base64url. */
  key: string;
  /** Her highest seq used so far. */
  seq: number;
  /** Her messages (and intake answers) the server has not acknowledged yet, re-sent with the same seq. */
  unsent: { seq: number; body: MessageBody }[];
}

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

export function saveSession(s: SavedSession, kv: KeyValueStore | null = tabStorage()): void {
  try {
    kv?.setItem(SESSION_KEY, JSON.stringify(s));
  } catch {
    // Full or blocked: a reload will simply start over.
  }
}

/** The saved session, or null when none or malformed (a malformed one is removed). */
export function loadSession(kv: KeyValueStore | null = tabStorage()): SavedSession | null {
  let raw: string | null = null;
  try {
    raw = kv?.getItem(SESSION_KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<SavedSession>;
    if (
      s.v === 1 &&
      typeof s.consultationId === 'string' &&
      typeof s.clientToken === 'string' &&
      typeof s.key === 'string' &&
      typeof s.seq === 'number' &&
      Array.isArray(s.unsent) &&
      s.unsent.every((u) => typeof u?.seq === 'number' && typeof u?.body === 'object' && u.body !== null && (u.body.kind === 'text' || u.body.kind === 'intake'))
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
