import type { StoredMessage } from '@tsunagari/shared';

/**
 * Merges incoming messages into a list, without duplicates, ordered by the server's id (which
 * orders both senders). A message can arrive twice: by `message:new` and again in the history
 * fetched after a reconnect; the later copy wins as they are the same stored row.
 */
export function mergeMessages(existing: readonly StoredMessage[], incoming: readonly StoredMessage[]): StoredMessage[] {
  if (incoming.length === 0) return existing as StoredMessage[];
  const byId = new Map<number, StoredMessage>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The highest stored id, for `message:list {afterId}` catch-up requests. */
export function lastMessageId(messages: readonly StoredMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, m.id), 0);
}

/**
 * The next counselor sequence number. Seq is bound into each message's associated data and the
 * server treats a repeated seq as the same message, so it continues from the highest counselor
 * seq stored in the consultation — including any this browser reserved for a send still in flight.
 */
export function nextCounselorSeq(messages: readonly StoredMessage[], reservedSeq = 0): number {
  let max = reservedSeq;
  for (const m of messages) if (m.senderRole === 'counselor' && m.seq > max) max = m.seq;
  return max + 1;
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
