import { describe, expect, it } from 'vitest';
import { historyAfter, type HistoryPage } from './history.js';
import type { RequestResult } from './request.js';

const page = (ids: number[], more: boolean): RequestResult<HistoryPage<{ id: number }>> => ({ ok: true, data: { messages: ids.map((id) => ({ id })), more } });

describe('historyAfter', () => {
  it('asks each page after the one before until the relay says no more, and hands every page on', async () => {
    const asked: number[] = [];
    const taken: number[] = [];
    const pages = [page([4, 5], true), page([6, 7], true), page([8], false)];
    const ended = await historyAfter(3, async (after) => (asked.push(after), pages.shift() ?? null), (ms) => taken.push(...ms.map((m) => m.id)));
    expect([ended, asked, taken]).toEqual(['done', [3, 5, 7], [4, 5, 6, 7, 8]]);
  });

  it('ends on a refused page, or when the caller gives up, saying which', async () => {
    expect(await historyAfter(0, async () => ({ ok: false, error: 'TIMEOUT' }), () => undefined)).toBe('refused');
    expect(await historyAfter(0, async () => null, () => undefined)).toBe('stopped');
  });
});
