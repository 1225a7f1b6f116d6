import { describe, expect, it } from 'vitest';
import { writtenTime } from './written-time.js';

describe('the time a message was written, from inside its body', () => {
  it('shows hours and minutes in Tokyo time, in her language', () => {
    expect(writtenTime('2026-11-30T04:05:09.123Z', 'ja')).toBe('13:05');
    expect(writtenTime('2026-11-30T04:05:09.123Z', 'ja-easy')).toBe('13:05');
    expect(writtenTime('2026-11-30T14:59:00.000Z', 'en')).toBe('23:59');
  });

  it('shows none for a message with no time inside (sealed before times moved there) or one that does not parse', () => {
    expect(writtenTime(undefined, 'ja')).toBe('');
    expect(writtenTime('not a time', 'en')).toBe('');
  });
});
