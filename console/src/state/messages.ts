import type { StoredMessage } from '@tsunagari/shared';
import { nextSeq } from '@tsunagari/shared/client';

/**
 * The next counselor sequence number. Seq is bound into each message's associated data and the
 * server treats a repeated seq as the same message, so it continues from the highest counselor
 * seq stored in the consultation — including any this browser reserved for a send still in flight.
 */
export function nextCounselorSeq(messages: readonly StoredMessage[], reservedSeq = 0): number {
  return nextSeq(messages, 'counselor', reservedSeq);
}

/** Plaintext per message id; `null` marks a message that could not be decrypted. */
export type PlainTexts = ReadonlyMap<number, string | null>;

/**
 * Decrypts the messages not decrypted yet. `open` returns the text or throws; a throw becomes
 * `null` so the view shows a neutral placeholder instead of failing the whole chat.
 */
export function decryptMissing(
  messages: readonly StoredMessage[],
  plain: PlainTexts,
  open: (m: StoredMessage) => string,
): PlainTexts {
  const missing = messages.filter((m) => !plain.has(m.id));
  if (missing.length === 0) return plain;
  const out = new Map(plain);
  for (const m of missing) {
    try {
      out.set(m.id, open(m));
    } catch {
      out.set(m.id, null);
    }
  }
  return out;
}
