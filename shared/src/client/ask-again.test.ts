import { describe, expect, it } from 'vitest';
import { askAgain } from './ask-again.js';
import type { RequestError, RequestResult } from './request.js';

/** A relay that answers with each of `answers` in turn, and counts the asks and the waits. */
function relay(answers: Array<RequestResult<string>>) {
  const waits: number[] = [];
  let asks = 0;
  return {
    ask: async () => answers[Math.min(asks++, answers.length - 1)]!,
    wait: async (ms: number) => void waits.push(ms),
    asks: () => asks,
    waits,
  };
}
const fail = (error: RequestError): RequestResult<string> => ({ ok: false, error });
const ok: RequestResult<string> = { ok: true, data: 'the queue' };

describe('askAgain: a read the screen needs is asked again until answered', () => {
  it('asks again after a timeout and an internal failure, waiting between, and returns the answer', async () => {
    const r = relay([fail('TIMEOUT'), fail('INTERNAL'), ok]);
    expect(await askAgain(r.ask, { delaysMs: [10, 20, 40], wait: r.wait })).toEqual(ok);
    expect(r.asks()).toBe(3);
    expect(r.waits).toEqual([10, 20]);
  });

  it('does not ask again after a refusal or when offline: those would answer the same, or the reconnect asks', async () => {
    for (const error of ['FORBIDDEN', 'OFFLINE', 'INVALID_PAYLOAD'] as const) {
      const r = relay([fail(error), ok]);
      expect(await askAgain(r.ask, { delaysMs: [10], wait: r.wait })).toEqual(fail(error));
      expect(r.asks()).toBe(1);
    }
  });

  it('stops when the answer is no longer wanted, and after the last delay', async () => {
    const gone = relay([fail('TIMEOUT')]);
    expect(await askAgain(gone.ask, { delaysMs: [10, 20], wait: gone.wait, stillWanted: () => false })).toEqual(fail('TIMEOUT'));
    expect(gone.asks()).toBe(1);
    const never = relay([fail('TIMEOUT')]);
    expect(await askAgain(never.ask, { delaysMs: [10, 20], wait: never.wait })).toEqual(fail('TIMEOUT'));
    expect(never.asks()).toBe(3);
  });
});
