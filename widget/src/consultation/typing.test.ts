import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TypingSignal, TYPING_IDLE_MS } from './typing.js';

describe('TypingSignal', () => {
  let sent: boolean[];
  let signal: TypingSignal;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    signal = new TypingSignal((t) => sent.push(t), () => Date.now());
  });
  afterEach(() => vi.useRealTimers());

  test('true when she starts, false after she has been idle', () => {
    signal.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
  });

  test('throttled: at most one true per throttle window while she keeps typing', () => {
    for (let i = 0; i < 50; i++) {
      signal.input();
      vi.advanceTimersByTime(100); // a keystroke every 100 ms for 5 s
    }
    // 0 ms, 2000 ms and 4000 ms: three, never a false in between.
    expect(sent).toEqual([true, true, true]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, true, true, false]);
  });

  test('stop (she sent) says false at once, and only once', () => {
    signal.input();
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, false]);
    // Typing again right after sending is a new start.
    signal.input();
    expect(sent).toEqual([true, false, true]);
  });

  test('stop without typing says nothing; reset forgets without a word', () => {
    signal.stop();
    expect(sent).toEqual([]);
    signal.input();
    signal.reset();
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true]);
  });
});
