import type { RequestResult } from './request.js';

/**
 * Answers worth asking for again: the relay did not answer in time, or failed inside. Refusals
 * (FORBIDDEN, NOT_FOUND, …) would answer the same, and OFFLINE waits for the reconnect, which
 * asks everything again anyway.
 */
const TRANSIENT = new Set(['TIMEOUT', 'INTERNAL']);

/** How long to wait before each further try: about a minute and a half in all. */
export const ASK_AGAIN_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000];

export interface AskAgainOptions {
  /** Waits before each further try (default {@link ASK_AGAIN_DELAYS_MS}). */
  delaysMs?: readonly number[];
  /** False once the answer is no longer wanted (the connection it was asked on is gone). */
  stillWanted?: () => boolean;
  /** The wait itself; a test passes its own. */
  wait?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks a read (a list the screen is built from) until it is answered. A screen whose first list
 * timed out on a busy relay would otherwise stay empty until something changed: a counselor who
 * signs in while a woman waits would not see her. Only for reads, which are safe to repeat.
 * Returns the last answer: ok, a refusal, or the transient failure after the last try.
 */
export async function askAgain<T>(ask: () => Promise<RequestResult<T>>, options: AskAgainOptions = {}): Promise<RequestResult<T>> {
  const wait = options.wait ?? sleep;
  let result = await ask();
  for (const delay of options.delaysMs ?? ASK_AGAIN_DELAYS_MS) {
    if (result.ok || !TRANSIENT.has(result.error)) return result;
    await wait(delay);
    if (options.stillWanted && !options.stillWanted()) return result;
    result = await ask();
  }
  return result;
}

/**
 * Hands out `stillWanted` checks where a newer ask supersedes an older one (a reconnect's refresh
 * after an earlier one still trying): each `next()` is wanted until the following `next()`.
 */
export class NewestAsk {
  private count = 0;

  next(): () => boolean {
    const mine = ++this.count;
    return () => mine === this.count;
  }
}
