import type { SealedEpochKey, StoredMessage } from '@tsunagari/shared';
import { type MessageOrder, nextSeq } from '@tsunagari/shared/client';

/**
 * A chat's session keys by key epoch (0 first), once opened; in memory only. Her widget starts a
 * new epoch whenever someone new holds the chat, so a counselor holds the epochs sealed to her:
 * the newest to send with, the older ones to read the history.
 */
export type EpochKeys = ReadonlyMap<number, Uint8Array>;

/** The newest epoch she holds, with its key: what she sends with. Null before any key opened. */
export function sendingKey(keys: EpochKeys): { epoch: number; key: Uint8Array } | null {
  let newest: { epoch: number; key: Uint8Array } | null = null;
  for (const [epoch, key] of keys) if (!newest || epoch > newest.epoch) newest = { epoch, key };
  return newest;
}

/** The seq this browser reserved for a send still in flight, in one epoch. */
export interface ReservedSeq {
  epoch: number;
  seq: number;
}

/**
 * The next counselor sequence number in `epoch`. Seq (with its epoch) is bound into each message's
 * associated data and the server treats a repeated (epoch, seq) as the same message, so it
 * continues from the highest counselor seq stored in that epoch — including any this browser
 * reserved there for a send still in flight. A new epoch starts again from 1.
 */
export function nextCounselorSeq(messages: readonly StoredMessage[], epoch: number, reserved: ReservedSeq | null = null): number {
  return nextSeq(messages, 'counselor', epoch, reserved?.epoch === epoch ? reserved.seq : 0);
}

/**
 * Merges sealed keys by epoch: what arrives replaces what was held for the same epoch (a grant
 * for an epoch she has is sealed again to the same key), and nothing once seen is dropped (a
 * later list may omit it). Oldest epoch first; the same array when nothing changed.
 */
export function mergeSealedKeys(held: readonly SealedEpochKey[], incoming: readonly SealedEpochKey[]): SealedEpochKey[] {
  if (incoming.every((k) => held.some((h) => h.keyEpoch === k.keyEpoch && h.sealedKey === k.sealedKey))) return held as SealedEpochKey[];
  const byEpoch = new Map(held.map((k) => [k.keyEpoch, k]));
  for (const k of incoming) byEpoch.set(k.keyEpoch, k);
  return [...byEpoch.values()].sort((a, b) => a.keyEpoch - b.keyEpoch);
}

/**
 * A decrypted message as the chat shows it: its text, and when the sender wrote it, from inside
 * the ciphertext (the relay keeps no time; a message sealed before times moved inside has none).
 */
export interface OpenedMessage {
  text: string;
  writtenAt: string | null;
}

/** What each message id opened to; `null` marks a message that could not be decrypted. */
export type PlainTexts = ReadonlyMap<number, OpenedMessage | null>;

/**
 * Decrypts, in id order, the messages not decrypted yet whose epoch key she holds (one whose key
 * has not come yet waits for it, not shown). `open` returns the text or throws; a throw becomes
 * `null` so the view shows a neutral placeholder instead of failing the whole chat. Every message
 * that opened goes through the chat's order check: a repeat (a second id with a (sender, epoch,
 * seq) already shown, as a relay replaying it would send) is taken out of the list.
 */
export function decryptNew<T = OpenedMessage>(
  chat: { messages: readonly StoredMessage[]; plain: ReadonlyMap<number, T | null>; order: MessageOrder },
  hasKey: (epoch: number) => boolean,
  open: (m: StoredMessage) => T,
): { messages: readonly StoredMessage[]; plain: ReadonlyMap<number, T | null>; dropped: readonly StoredMessage[] } {
  const todo = chat.messages.filter((m) => !chat.plain.has(m.id) && hasKey(m.keyEpoch));
  if (todo.length === 0) return { messages: chat.messages, plain: chat.plain, dropped: [] };
  const plain = new Map(chat.plain);
  const dropped: StoredMessage[] = [];
  for (const m of todo) {
    let text: T | null;
    try {
      text = open(m);
    } catch {
      text = null;
    }
    if (text !== null && !chat.order.accept(m)) dropped.push(m);
    else plain.set(m.id, text);
  }
  return { messages: dropped.length ? chat.messages.filter((m) => !dropped.includes(m)) : chat.messages, plain, dropped };
}
