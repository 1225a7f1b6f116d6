import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingExpiry } from './typing-expiry.js';

describe('TypingExpiry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes the line down when no fresh signal came in time', () => {
    const expired: string[] = [];
    const expiry = new TypingExpiry((id) => expired.push(id), 8000);
    expiry.seen('a', true);
    vi.advanceTimersByTime(7999);
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
