import type { SavedSession } from '../safety/session-store.js';
import type { SessionCrypto } from './types.js';

/** What the record is made from. */
export interface ReloadParts {
  consultationId: string | null;
  clientToken: string | null;
  /** She waits or chats (nothing is kept while opening, after an unsafe counselor, or at the end). */
  live: boolean;
  crypto: Pick<SessionCrypto, 'exportKey'>;
  /** Her seq and the messages on their way. */
  conversation: Pick<SavedSession, 'seq' | 'unsent'>;
}

/**
 * What a reload of the same tab needs to carry on, and nothing more: the one place that decides
 * what sessionStorage keeps (issue 15 narrows it: no plaintext, an expiry). A record is handed
 * out only when it differs from the last one, so the tab's storage is written only when
 * something a reload needs has changed.
 */
export class ReloadRecord {
  private last = '';

  /** The record if it changed since the last one handed out; null when unchanged or nothing is worth keeping. */
  changed(p: ReloadParts): SavedSession | null {
    if (!p.live || !p.consultationId || !p.clientToken) return null;
    let key: string;
    try {
      key = p.crypto.exportKey();
    } catch {
      // The key was wiped: there is nothing a reload could continue.
      return null;
    }
    const record: SavedSession = { v: 1, consultationId: p.consultationId, clientToken: p.clientToken, key, ...p.conversation };
    const json = JSON.stringify(record);
    if (json === this.last) return null;
    this.last = json;
    return record;
  }
}
