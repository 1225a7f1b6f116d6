import type { MessageBody, StoredMessage } from '@tsunagari/shared';
import type { ChatMessage, SessionCrypto } from '../consultation-types.js';
import type { SavedSession } from '../safety/session-store.js';
import { lastClientSeq, pendingKey, storedKey } from '../messages.js';

/**
 * Her outgoing messages, as plain functions: sealing one into a pending entry (kept so a resend
 * uses the very same seq), what a reload must carry, what goes again after a reconnect, and
 * decrypting what the server stored. No socket here; the controller does the sending.
 */

/** Seals one of her messages (text, or intake answers) into a pending entry for the list. */
export function sealOutgoing(crypto: SessionCrypto, consultationId: string, seq: number, body: MessageBody): ChatMessage {
  const base = { key: pendingKey(seq), id: null, from: 'client' as const, seq, state: 'pending' as const };
  if (body.kind === 'intake') {
    const { kind: _kind, ...intake } = body;
    return { ...base, text: null, intake, envelope: crypto.sealIntake(consultationId, seq, intake) };
  }
  return { ...base, text: body.text, envelope: crypto.sealText(consultationId, seq, body.text) };
}

/** The next seq for a new message: above anything she has sent, in memory or in the list. */
export function nextSeq(current: number, list: readonly ChatMessage[]): number {
  return Math.max(current, lastClientSeq(list)) + 1;
}

/** Her messages the server has not acknowledged, as a reload needs them. */
export function unsentForSave(list: readonly ChatMessage[]): SavedSession['unsent'] {
  return list
    .filter((m) => m.id === null && m.from === 'client')
    .map((m) => ({ seq: m.seq, body: m.intake ? { kind: 'intake', ...m.intake } : { kind: 'text', text: m.text ?? '' } }));
}

/** Seqs to send again after a reconnect: unacknowledged and not marked failed (those wait for her retry). */
export function seqsToResend(list: readonly ChatMessage[]): number[] {
  return list.filter((m) => m.id === null && m.from === 'client' && m.state !== 'failed').map((m) => m.seq);
}

/** Decrypts stored messages (either sender) into list entries; undecryptable ones keep `text: null`. */
export function openStored(crypto: Pick<SessionCrypto, 'open'>, stored: readonly StoredMessage[]): ChatMessage[] {
  return stored.map((m) => {
    const body = crypto.open(m);
    const base = { key: storedKey(m.id), id: m.id, from: m.senderRole, seq: m.seq, state: 'sent' as const };
    if (body?.kind === 'intake') {
      const { kind: _kind, ...intake } = body;
      return { ...base, text: null, intake };
    }
    return { ...base, text: body?.text ?? null };
  });
}
