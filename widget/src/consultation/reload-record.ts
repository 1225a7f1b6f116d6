import type { SavedGrant, SavedSession } from '../safety/session-store.js';
import type { SessionCrypto } from './types.js';

/** What the record is made from. */
export interface ReloadParts {
  consultationId: string | null;
  clientToken: string | null;
  /** She waits or chats (nothing is kept while opening, after an unsafe counselor, or at the end). */
  live: boolean;
  crypto: Pick<SessionCrypto, 'exportKeys'>;
  /** Her seq in the newest epoch and her messages on their way (sealed). */
  conversation: Pick<SavedSession, 'seq' | 'unsent'>;
  /** Who the newest epoch's keys went to, so a reload does not take the same counselor for a new one. */
  grant: SavedGrant | null;
}

/**
 * What a reload of the same tab needs to carry on, and nothing more: the one place that decides
 * what sessionStorage keeps — her keys by epoch, her seq, her messages on their way as sealed
 * envelopes (no plaintext), and which assignment the newest key was sealed for (issue 15 adds an
 * expiry). A record is handed out only when it differs from the last one, so the tab's storage is
 * written only when something a reload needs has changed.
 */
export class ReloadRecord {
  private last = '';

  /** The record if it changed since the last one handed out; null when unchanged or nothing is worth keeping. */
  changed(p: ReloadParts): SavedSession | null {
    if (!p.live || !p.consultationId || !p.clientToken) return null;
    const keys = p.crypto.exportKeys();
    // The keys were wiped: there is nothing a reload could continue.
    if (keys.length === 0) return null;
    const record: SavedSession = { v: 2, consultationId: p.consultationId, clientToken: p.clientToken, keys, ...p.conversation, grant: p.grant };
    const json = JSON.stringify(record);
    if (json === this.last) return null;
    this.last = json;
    return record;
  }
}
