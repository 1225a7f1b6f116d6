import type { EndReason, QueueEntry, SenderRole, StaffConsultation, StoredMessage } from '@tsunagari/shared';
import { MessageOrder, mergeById, NO_ORDER_NOTICE, type OrderNotice } from '@tsunagari/shared/client';
import type { IntakeAnswers, RecordedState } from './case-record.js';
import { type EpochKeys, mergeSealedKeys, type PlainTexts, type ReservedSeq } from './messages.js';

/** Why and by whom a consultation ended, as far as this browser knows. */
export interface EndInfo {
  endedBy: SenderRole | null;
  reason: EndReason | null;
}

/** One consultation this counselor holds, with what the browser knows about it. */
export interface ChatState {
  consultation: StaffConsultation;
  /** The session keys opened so far, by key epoch; in memory only. */
  keys: EpochKeys;
  /** The newest sealed key was there but did not open with her keys. */
  keyFailed: boolean;
  /** Ciphertexts, deduplicated, ordered by id, a replayed copy taken out. */
  messages: readonly StoredMessage[];
  plain: PlainTexts;
  historyLoaded: boolean;
  /** Highest seq this browser used for a send (and in which epoch), so two quick sends never share one. */
  reservedSeq: ReservedSeq | null;
  /** The check that the relay dropped or replayed nothing of hers (fed what decrypts, in id order). */
  order: MessageOrder;
  /** What the chat tells her about that: a gap in her messages, or one that came twice. */
  orderNotice: OrderNotice;
  unread: number;
  /** Highest message id she has read here (kept by the server, so a reload keeps it). */
  lastReadId: number;
  /** The client is typing now. */
  typing: boolean;
  /**
   * What the server said about her connection, shown in the chat: she continued on another device,
   * or she has been gone long enough that the chat is parked (and when it ends). Null: nothing to say.
   */
  clientNotice: string | null;
  /** Handover notes from earlier counselors, decrypted once the key is open (`null`: unreadable). */
  handover: readonly { fromName: string; createdAt: string; text: string | null }[];
  ended: EndInfo | null;
  /** Her intake answers, once decrypted here (the record form starts from them). */
  intake: IntakeAnswers | null;
  /**
   * The case record this console sent and the server stored. Its fields are not kept across a
   * reload; whether and when it was recorded is (`consultation.recordedAt`, see {@link recordedAt}).
   */
  record: RecordedState | null;
}

/** A client waiting to be taken, offered to this counselor until `expiresAt`. */
export interface OfferState {
  consultationId: string;
  urgent: boolean;
  requeued: boolean;
  queuedAt: string;
  expiresAt: string;
}

/** Everything the workspace shows. Changed only through the functions below. */
export interface ConsoleState {
  queue: readonly QueueEntry[];
  chats: readonly ChatState[];
  selectedId: string | null;
  offers: readonly OfferState[];
  /**
   * Ended chats she closed in this browser. The server keeps listing an unrecorded one for a day
   * (`consultation:mine`); after a mere reconnect it must not pop back up, only at her next sign-in.
   */
  dismissed: ReadonlySet<string>;
}

export const emptyState: ConsoleState = { queue: [], chats: [], selectedId: null, offers: [], dismissed: new Set() };

/** A fresh chat for a consultation she has just taken or that the server lists as hers. */
export function newChat(consultation: StaffConsultation): ChatState {
  return {
    consultation,
    keys: new Map(),
    keyFailed: false,
    messages: [],
    plain: new Map(),
    historyLoaded: false,
    reservedSeq: null,
    order: new MessageOrder('client'),
    orderNotice: NO_ORDER_NOTICE,
    unread: 0,
    lastReadId: consultation.lastReadId ?? 0,
    typing: false,
    clientNotice: null,
    handover: [],
    ended: consultation.status === 'ended' ? { endedBy: null, reason: null } : null,
    intake: null,
    record: null,
  };
}

export function findChat(state: ConsoleState, id: string | null): ChatState | undefined {
  return id === null ? undefined : state.chats.find((c) => c.consultation.consultationId === id);
}

/** Applies `fn` to one chat; the state is returned unchanged when she does not hold it. */
export function updateChat(state: ConsoleState, id: string, fn: (chat: ChatState) => ChatState): ConsoleState {
  let changed = false;
  const chats = state.chats.map((c) => {
    if (c.consultation.consultationId !== id) return c;
    changed = true;
    return fn(c);
  });
  return changed ? { ...state, chats } : state;
}

/** Adds a consultation, or refreshes its server fields while keeping what the browser holds. */
export function upsertConsultation(state: ConsoleState, consultation: StaffConsultation): ConsoleState {
  const id = consultation.consultationId;
  if (!findChat(state, id)) return { ...state, chats: withNewChat(state.chats, newChat(consultation)) };
  return updateChat(state, id, (c) => ({
    ...c,
    // A sealed key once seen is kept: a later list may omit it, an epoch's key does not change.
    // So is a recording: it cannot be undone, and a list read just before it may not show it yet.
    consultation: {
      ...consultation,
      sealedKeys: mergeSealedKeys(c.consultation.sealedKeys, consultation.sealedKeys),
      recordedAt: consultation.recordedAt ?? c.consultation.recordedAt ?? null,
    },
    lastReadId: Math.max(c.lastReadId, consultation.lastReadId ?? 0),
    ended: c.ended ?? (consultation.status === 'ended' ? { endedBy: null, reason: null } : null),
  }));
}

/**
 * A new chat she talks in goes after her last live chat, above the ended ones below it, which
 * wait only for their record or her closing them: her live chats keep the first places and with
 * them the Alt+1…9 keys. A chat that ends stays where it is; a recalled ended chat goes last.
 */
function withNewChat(chats: readonly ChatState[], chat: ChatState): ChatState[] {
  if (chat.ended !== null) return [...chats, chat];
  const afterLastLive = chats.findLastIndex((c) => c.ended === null) + 1;
  return [...chats.slice(0, afterLastLive), chat, ...chats.slice(afterLastLive)];
}

/**
 * Reconciles with `consultation:mine` (at login and after a reconnect). Chats she still holds
 * are refreshed; chats that ended here stay visible so she can read the end; the rest (moved
 * elsewhere while she was away) are dropped. Ended chats the server recalls because they are not
 * recorded yet are added, unless she closed them in this browser.
 */
export function applyMine(state: ConsoleState, incoming: readonly StaffConsultation[]): ConsoleState {
  const mine = incoming.filter((c) => !(c.status === 'ended' && state.dismissed.has(c.consultationId)));
  const ids = new Set(mine.map((c) => c.consultationId));
  let next: ConsoleState = {
    ...state,
    chats: state.chats.filter((c) => ids.has(c.consultation.consultationId) || c.ended !== null),
  };
  for (const c of mine) next = upsertConsultation(next, c);
  if (next.selectedId !== null && !findChat(next, next.selectedId)) next = { ...next, selectedId: null };
  return next;
}

/** Selects a chat and clears its unread count. */
export function selectChat(state: ConsoleState, id: string | null): ConsoleState {
  const selected = { ...state, selectedId: id };
  return id === null ? selected : updateChat(selected, id, (c) => ({ ...c, unread: 0 }));
}

/** Merges messages; client messages to a chat she is not looking at count as unread. */
export function receiveMessages(state: ConsoleState, id: string, incoming: readonly StoredMessage[]): ConsoleState {
  return updateChat(state, id, (c) => {
    const known = new Set(c.messages.map((m) => m.id));
    // Unread: her client's messages past the read mark (which the server keeps across reloads).
    const fresh = incoming.filter((m) => !known.has(m.id) && m.senderRole === 'client' && m.id > c.lastReadId).length;
    return {
      ...c,
      messages: mergeById(c.messages, incoming),
      unread: state.selectedId === id ? 0 : c.unread + fresh,
    };
  });
}

/** Marks a consultation ended; the first reason heard is kept. */
export function markEnded(state: ConsoleState, id: string, info: EndInfo): ConsoleState {
  return updateChat(state, id, (c) => ({
    ...c,
    consultation: { ...c.consultation, status: 'ended' },
    ended: c.ended?.endedBy ? c.ended : info,
  }));
}

/** Removes a chat from her list (after it ended and she has read it, or it went to someone else). */
export function closeChat(state: ConsoleState, id: string): ConsoleState {
  const ended = findChat(state, id)?.ended != null;
  return {
    ...state,
    chats: state.chats.filter((c) => c.consultation.consultationId !== id),
    selectedId: state.selectedId === id ? null : state.selectedId,
    dismissed: ended ? new Set(state.dismissed).add(id) : state.dismissed,
  };
}

/** When the chat's case record was stored (by this browser or, before a reload, any other), or null. */
export function recordedAt(chat: ChatState): string | null {
  return chat.record?.recordedAt ?? chat.consultation.recordedAt ?? null;
}

/** The server stored her case record: the chat shows it as recorded from now on. */
export function markRecorded(state: ConsoleState, id: string, record: RecordedState): ConsoleState {
  return updateChat(state, id, (c) => ({ ...c, record, consultation: { ...c.consultation, recordedAt: record.recordedAt } }));
}

/**
 * The chats whose key and history to fetch after a (re)connect: every open one, and an ended one
 * only until its history came (a recalled chat arrives ended, and she needs it to record it).
 */
export function chatsToLoad(state: ConsoleState): string[] {
  return state.chats.filter((c) => !c.ended || !c.historyLoaded).map((c) => c.consultation.consultationId);
}

/** What the chat list shows as a chat's status. */
export function chatPhase(chat: ChatState): 'ended' | 'keyPending' | 'keyFailed' | 'active' {
  if (chat.ended) return 'ended';
  if (chat.keyFailed) return 'keyFailed';
  return chat.keys.size > 0 ? 'active' : 'keyPending';
}

/** Marks a chat read up to its newest message; returns the id to tell the server, or null when nothing changed. */
export function markRead(state: ConsoleState, id: string): { state: ConsoleState; lastReadId: number | null } {
  const chat = findChat(state, id);
  if (!chat) return { state, lastReadId: null };
  const newest = chat.messages.reduce((max, m) => Math.max(max, m.id), 0);
  if (newest <= chat.lastReadId && chat.unread === 0) return { state, lastReadId: null };
  return { state: updateChat(state, id, (c) => ({ ...c, unread: 0, lastReadId: Math.max(c.lastReadId, newest) })), lastReadId: newest };
}

/** The chat to switch to with the keyboard: `step` ±1 wraps around; `index` picks the n-th (0-based). */
export function chatToSwitchTo(state: ConsoleState, move: { step: 1 | -1 } | { index: number }): string | null {
  const ids = state.chats.map((c) => c.consultation.consultationId);
  if (ids.length === 0) return null;
  if ('index' in move) return ids[move.index] ?? null;
  const at = state.selectedId === null ? -1 : ids.indexOf(state.selectedId);
  const next = at < 0 ? (move.step === 1 ? 0 : ids.length - 1) : (at + move.step + ids.length) % ids.length;
  return ids[next] ?? null;
}

/**
 * Her last reply in a chat: null before her first; `at` when she wrote it, from inside that
 * message (null while it is not decrypted, or when it was sealed before times moved inside: then
 * no time is shown rather than one taken from an older reply).
 */
export function lastReply(chat: ChatState): { at: string | null } | null {
  for (let i = chat.messages.length - 1; i >= 0; i--) {
    const m = chat.messages[i];
    if (m && m.senderRole === 'counselor') return { at: chat.plain.get(m.id)?.writtenAt ?? null };
  }
  return null;
}

export function addOffer(state: ConsoleState, offer: OfferState): ConsoleState {
  return { ...state, offers: [...state.offers.filter((o) => o.consultationId !== offer.consultationId), offer] };
}

export function removeOffer(state: ConsoleState, consultationId: string): ConsoleState {
  return { ...state, offers: state.offers.filter((o) => o.consultationId !== consultationId) };
}

/**
 * Her chats under the idle lock: listed as before, but with no session key (the caller zeroed
 * them) and no plaintext, handover text or intake answers. Unlocking opens and decrypts again.
 */
export function lockChats(state: ConsoleState): ConsoleState {
  return {
    ...state,
    // The order check starts again too: what is decrypted again after the lock is not a repeat.
    chats: state.chats.map((c) => ({
      ...c,
      keys: new Map(),
      keyFailed: false,
      plain: new Map(),
      order: new MessageOrder('client'),
      orderNotice: NO_ORDER_NOTICE,
      handover: [],
      intake: null,
      typing: false,
    })),
  };
}
