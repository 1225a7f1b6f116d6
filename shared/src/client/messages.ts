import type { SenderRole } from '../protocol/events/roles.js';

/**
 * Stored messages as both apps keep them. A message can arrive more than once (a live
 * `message:new`, then again in a resume snapshot or a `message:list` catch-up); the server's id
 * orders both senders, and a sender's seq (bound into each envelope's associated data with its key
 * epoch) counts up from 1 within each epoch, a repeated (epoch, seq) being the same message to the server.
 */

/** Anything with a server id. */
export interface HasId {
  id: number;
}

/** Anything with a sender, its key epoch and that sender's seq within the epoch. */
export interface HasSeq {
  senderRole: SenderRole;
  keyEpoch: number;
  seq: number;
}

/**
 * Merges incoming messages into a list, one copy per id, ordered by id. The copy already held
 * wins: it is the same stored row, and the holder may have added to it (her own text, say).
 * Returns the list itself when nothing is new, so callers can skip a re-render.
 */
export function mergeById<T extends HasId>(existing: readonly T[], incoming: readonly T[]): T[] {
  const byId = new Map<number, T>();
  for (const m of existing) byId.set(m.id, m);
  let added = false;
  for (const m of incoming) {
    if (byId.has(m.id)) continue;
    byId.set(m.id, m);
    added = true;
  }
  if (!added) return existing as T[];
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The highest id in the list (0 when none): the `afterId` of a `message:list` catch-up. */
export function lastId(messages: readonly HasId[]): number {
  let max = 0;
  for (const m of messages) if (m.id > max) max = m.id;
  return max;
}

/** The highest seq `sender` has used in the list within `keyEpoch` (0 when none). */
export function lastSeq(messages: readonly HasSeq[], sender: SenderRole, keyEpoch: number): number {
  let max = 0;
  for (const m of messages) if (m.senderRole === sender && m.keyEpoch === keyEpoch && m.seq > max) max = m.seq;
  return max;
}

/**
 * The seq for `sender`'s next message in `keyEpoch`: above any in the list and above `reserved`
 * (the highest this browser already used in that epoch for a send still in flight), so a seq is
 * never used twice for different messages. Seqs start again from 1 in each epoch.
 */
export function nextSeq(messages: readonly HasSeq[], sender: SenderRole, keyEpoch: number, reserved = 0): number {
  return Math.max(reserved, lastSeq(messages, sender, keyEpoch)) + 1;
}

/** Invisible control characters, most of which JSON writes as six-byte escapes (tab, line feed and carriage return stay). */
const LONG_ESCAPES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/**
 * Her text as it is sealed: invisible control characters (pasted from elsewhere) dropped and a
 * broken surrogate made U+FFFD, so every character takes at most 3 bytes in the sealed JSON and
 * her longest message always fits the relay's ciphertext cap (MAX_BODY_BYTES). What she sees of
 * her words does not change.
 */
export function sendableText(text: string): string {
  const plain = text.replace(LONG_ESCAPES, '');
  return /[\uD800-\uDFFF]/.test(plain) ? wellFormed(plain) : plain;
}

/**
 * Lone surrogates as U+FFFD (JSON writes them as six-byte escapes). A loop rather than a regular
 * expression with lookbehind, which older phone browsers cannot parse (the widget would not load).
 */
function wellFormed(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2);
      i++;
    } else out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : text[i];
  }
  return out;
}
