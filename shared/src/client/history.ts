import { type HasId, lastId } from './messages.js';
import type { RequestResult } from './request.js';

/** One `message:list` answer: a page of stored messages, and whether more follow it. */
export interface HistoryPage<T extends HasId> {
  messages: readonly T[];
  more: boolean;
}

/**
 * Asks a conversation's history after `afterId`, a page at a time (the relay cuts pages by bytes)
 * until it says none are left, handing each page to `take`. Each page is asked after the one
 * before it, not after the newest message held: a message pushed while the pages come would skip
 * the pages between. `ask` returns null when the caller no longer wants the history (its session
 * stopped, the chat closed). Says how it ended: every page taken ('done'), an answer that was not
 * ok ('refused'), or given up ('stopped').
 */
export async function historyAfter<T extends HasId>(
  afterId: number,
  ask: (afterId: number) => Promise<RequestResult<HistoryPage<T>> | null>,
  take: (messages: readonly T[]) => void,
): Promise<'done' | 'refused' | 'stopped'> {
  for (let after = afterId; ; ) {
    const page = await ask(after);
    if (!page) return 'stopped';
    if (!page.ok) return 'refused';
    take(page.data.messages);
    if (!page.data.more || page.data.messages.length === 0) return 'done';
    after = lastId(page.data.messages);
  }
}
