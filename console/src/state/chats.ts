import type { EndReason, QueueEntry, SenderRole, StaffConsultation, StoredMessage } from '@tsunagari/shared';
import { mergeMessages, type PlainTexts } from './messages.js';

/** Why and by whom a consultation ended, as far as this browser knows. */
export interface EndInfo {
  endedBy: SenderRole | null;
  reason: EndReason | null;
}

/** One consultation this counselor holds, with what the browser knows about it. */
export interface ChatState {
  consultation: StaffConsultation;
  /** The session key once opened; in memory only. */
  sessionKey: Uint8Array | null;
  /** The sealed key was there but did not open with her keys. */
  keyFailed: boolean;
  /** Ciphertexts, deduplicated and ordered by id. */
  messages: readonly StoredMessage[];
  plain: PlainTexts;
  historyLoaded: boolean;
  /** Highest seq this browser used for a send, so two quick sends never share one. */
  reservedSeq: number;
  unread: number;
  ended: EndInfo | null;
}

/** Everything the workspace shows. Changed only through the functions below. */
export interface ConsoleState {
  queue: readonly QueueEntry[];
  chats: readonly ChatState[];
  selectedId: string | null;
}

export const emptyState: ConsoleState = { queue: [], chats: [], selectedId: null };

/** A fresh chat for a consultation she has just taken or that the server lists as hers. */
export function newChat(consultation: StaffConsultation): ChatState {
  return {
    consultation,
    sessionKey: null,
    keyFailed: false,
    messages: [],
    plain: new Map(),
    historyLoaded: false,
    reservedSeq: 0,
    unread: 0,
    ended: consultation.status === 'ended' ? { endedBy: null, reason: null } : null,
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
  if (!findChat(state, id)) return { ...state, chats: [...state.chats, newChat(consultation)] };
  return updateChat(state, id, (c) => ({
    ...c,
    // A sealed key once seen is kept: a later list may omit it, the key does not change.
    consultation: { ...consultation, sealedKey: consultation.sealedKey ?? c.consultation.sealedKey },
    ended: c.ended ?? (consultation.status === 'ended' ? { endedBy: null, reason: null } : null),
  }));
}

/**
 * Reconciles with `consultation:mine` (at login and after a reconnect). Chats she still holds
 * are refreshed; chats that ended here stay visible so she can read the end; the rest (moved
 * elsewhere while she was away) are dropped.
 */
export function applyMine(state: ConsoleState, mine: readonly StaffConsultation[]): ConsoleState {
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
    const fresh = incoming.filter((m) => !known.has(m.id) && m.senderRole === 'client').length;
    return {
      ...c,
      messages: mergeMessages(c.messages, incoming),
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

/** Removes a chat from her list (after it ended and she has read it). */
export function closeChat(state: ConsoleState, id: string): ConsoleState {
  return {
    ...state,
    chats: state.chats.filter((c) => c.consultation.consultationId !== id),
    selectedId: state.selectedId === id ? null : state.selectedId,
  };
}

/** What the chat list shows as a chat's status. */
export function chatPhase(chat: ChatState): 'ended' | 'keyPending' | 'keyFailed' | 'active' {
  if (chat.ended) return 'ended';
  if (chat.keyFailed) return 'keyFailed';
  return chat.sessionKey ? 'active' : 'keyPending';
}
