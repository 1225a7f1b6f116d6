import { describe, expect, it } from 'vitest';
import { nextOpeningText } from './format.js';
import { isJapaneseHoliday } from './holidays.js';
import { type OpeningHoursConfig, PROGRAM_HOURS, isOpen, nextOpening } from './opening-hours.js';

/** An instant given in Tokyo local time. */
const tokyo = (local: string) => new Date(`${local}+09:00`);
const open = (local: string, config: OpeningHoursConfig = PROGRAM_HOURS) => isOpen(config, tokyo(local), isJapaneseHoliday);

describe('opening hours (Asia/Tokyo)', () => {
  it('is closed on substitute holidays', () => {
    expect(open('2024-02-12T12:00:00')).toBe(false); // 振替休日 for 建国記念の日 (Sun 11 Feb)
    expect(open('2024-11-04T12:00:00')).toBe(false); // 振替休日 for 文化の日 (Sun 3 Nov)
  });

  it('opens at 10:00 and closes at 20:00 on a normal Monday', () => {
    expect(open('2024-11-11T09:59:00')).toBe(false);
    expect(open('2024-11-11T10:00:00')).toBe(true);
    expect(open('2024-11-11T19:59:00')).toBe(true);
    expect(open('2024-11-11T20:00:00')).toBe(false);
  });

  it('is closed on Saturday and Sunday', () => {
    expect(open('2024-11-09T12:00:00')).toBe(false);
    expect(open('2024-11-10T12:00:00')).toBe(false);
  });

  it('is closed on configured closure days, every year or once', () => {
    expect(open('2024-12-30T12:00:00')).toBe(false); // New Year closure (Monday)
    const once: OpeningHoursConfig = { ...PROGRAM_HOURS, closures: ['2024-11-12'] } as OpeningHoursConfig;
    expect(open('2024-11-12T12:00:00', once)).toBe(false);
    expect(open('2024-11-13T12:00:00', once)).toBe(true);
  });

  it('reads Tokyo time whatever the instant’s UTC date', () => {
    // 2024-11-11 10:30 in Tokyo is still Sunday 10 November in UTC.
    expect(isOpen(PROGRAM_HOURS, new Date('2024-11-11T01:30:00Z'), isJapaneseHoliday)).toBe(true);
  });

  it('is always open in the always mode', () => {
    expect(open('2024-11-10T03:00:00', { mode: 'always' })).toBe(true);
    expect(nextOpening({ mode: 'always' }, tokyo('2024-11-10T03:00:00'), isJapaneseHoliday)).toBeNull();
  });

  it('finds the next opening across a weekend, a holiday and the same morning', () => {
    const next = (local: string) => nextOpening(PROGRAM_HOURS, tokyo(local), isJapaneseHoliday)?.toISOString();
    expect(next('2026-11-28T15:00:00')).toBe(tokyo('2026-11-30T10:00:00').toISOString()); // Sat → Mon
    expect(next('2024-11-01T20:30:00')).toBe(tokyo('2024-11-05T10:00:00').toISOString()); // Fri night → Tue (Mon 4th is a substitute holiday)
    expect(next('2024-11-11T08:00:00')).toBe(tokyo('2024-11-11T10:00:00').toISOString()); // same morning
    expect(next('2024-11-11T12:00:00')).toBeUndefined(); // open now
    expect(next('2024-12-27T21:00:00')).toBe(tokyo('2025-01-06T10:00:00').toISOString()); // over New Year
  });

  it('writes the next opening in each language', () => {
    const monday = tokyo('2026-11-30T10:00:00');
    expect(nextOpeningText(monday, 'ja')).toBe('次は 11月30日（月）10:00 から');
    expect(nextOpeningText(tokyo('2026-12-01T10:00:00'), 'ja')).toBe('次は 12月1日（火）10:00 から');
    expect(nextOpeningText(monday, 'ja-easy')).toBe('つぎは 11がつ30にち（げつようび）10じ から です');
    expect(nextOpeningText(monday, 'en')).toBe('Next open: Monday 30 November, from 10:00');
  });
});
