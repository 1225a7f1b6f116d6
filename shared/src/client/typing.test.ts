import { afterEach, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { TYPING_SHOWN_MAX_MS } from '../protocol/limits.js';
import { TYPING_IDLE_MS, TYPING_THROTTLE_MS, TypingExpiry, TypingSignal } from './typing.js';

describe('TypingSignal', () => {
  let sent: boolean[];
  let signal: TypingSignal;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    signal = new TypingSignal((t) => sent.push(t), () => Date.now());
  });
  afterEach(() => vi.useRealTimers());

  test('refreshes well inside the time the other side keeps the line up', () => {
    expect(TYPING_THROTTLE_MS).toBeLessThan(TYPING_SHOWN_MAX_MS);
    expect(TYPING_IDLE_MS).toBeLessThan(TYPING_SHOWN_MAX_MS);
  });

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

describe('TypingExpiry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes the line down when no fresh signal came in time (by default the shared limit)', () => {
    const expired: string[] = [];
    const expiry = new TypingExpiry((id) => expired.push(id));
    expiry.seen('a', true);
    vi.advanceTimersByTime(TYPING_SHOWN_MAX_MS - 1);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
  });

  it('keeps it up while signals keep coming, and not after "stopped"', () => {
    const expired: string[] = [];
    const expiry = new TypingExpiry((id) => expired.push(id), 8000);
    for (let i = 0; i < 5; i++) {
      expiry.seen('a', true);
      vi.advanceTimersByTime(3000);
    }
    expect(expired).toEqual([]);
    expiry.seen('a', false);
    vi.advanceTimersByTime(20_000);
    expect(expired).toEqual([]);
  });

  it('times each chat on its own, and clear() stops them all', () => {
    const expired: string[] = [];
    const expiry = new TypingExpiry((id) => expired.push(id), 8000);
    expiry.seen('a', true);
    vi.advanceTimersByTime(4000);
    expiry.seen('b', true);
    vi.advanceTimersByTime(4000);
    expect(expired).toEqual(['a']);
    expiry.clear();
    vi.advanceTimersByTime(20_000);
    expect(expired).toEqual(['a']);
  });
});
