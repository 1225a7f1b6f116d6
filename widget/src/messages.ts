import type { ChatMessage } from './consultation-types.js';

/**
 * Pure helpers for the in-memory message list. Messages can arrive twice (a live
 * `message:new`, then again in a resume snapshot or a `message:list` catch-up), and her own
 * messages exist before the server gives them an id; these functions keep one copy of each.
 */

/** Key for a stored message. */
export const storedKey = (id: number): string => `s${id}`;
/** Key for her own message before it is acknowledged. */
export const pendingKey = (seq: number): string => `c${seq}`;

/**
 * Merges messages that carry a server id into the list: one copy per id; her own message that
 * was pending (same seq) becomes that stored message. Stored messages are kept in id order;
 * unacknowledged ones stay after them, in seq order.
 */
export function mergeStored(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<number, ChatMessage>();
  const local: ChatMessage[] = [];
  for (const m of list) {
    if (m.id === null) local.push(m);
    else byId.set(m.id, m);
  }
  for (const m of incoming) {
    if (m.id === null || byId.has(m.id)) continue;
    byId.set(m.id, { ...m, state: 'sent', envelope: undefined });
    if (m.from === 'client') {
      const i = local.findIndex((p) => p.seq === m.seq);
      // The server saw her pending message (e.g. the ack was lost in a drop): keep her text,
      // which is what she typed, and drop the pending copy.
      if (i >= 0) {
        const [pending] = local.splice(i, 1);
        if (pending && m.text === null) byId.set(m.id, { ...m, text: pending.text, state: 'sent', envelope: undefined });
      }
    }
  }
  const stored = [...byId.values()].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  return [...stored, ...local.sort((a, b) => a.seq - b.seq)];
}

/** Adds her own message, not yet acknowledged. */
export function addPending(list: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  return [...list, message];
}

/** Marks her pending message (by seq) as failed, keeping it so she can retry; `busy` when the server asked her to slow down. */
export function markFailed(list: readonly ChatMessage[], seq: number, busy = false): ChatMessage[] {
  return list.map((m) => (m.id === null && m.from === 'client' && m.seq === seq ? { ...m, state: 'failed', ...(busy ? { failedBusy: true } : {}) } : m));
}

/** Marks her failed message (by seq) as pending again, for a retry. */
export function markPending(list: readonly ChatMessage[], seq: number): ChatMessage[] {
  return list.map((m) => {
    if (m.id !== null || m.from !== 'client' || m.seq !== seq) return m;
    const { failedBusy: _busy, ...rest } = m;
    return { ...rest, state: 'pending' };
  });
}

/** The highest server id in the list (0 when none): the `afterId` for a catch-up. */
export function lastStoredId(list: readonly ChatMessage[]): number {
  return list.reduce((max, m) => (m.id !== null && m.id > max ? m.id : max), 0);
}

/** The highest seq she has used, so a resumed session keeps counting upward. */
export function lastClientSeq(list: readonly ChatMessage[]): number {
  return list.reduce((max, m) => (m.from === 'client' && m.seq > max ? m.seq : max), 0);
}
