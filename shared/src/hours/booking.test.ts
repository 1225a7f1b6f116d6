import { describe, expect, it } from 'vitest';
import { isJapaneseHoliday } from './holidays.js';
import { type OpeningHoursConfig, PROGRAM_HOURS, bookingRefusal, closedDayReason } from './opening-hours.js';

/** An instant given in Tokyo local time. */
const tokyo = (local: string) => new Date(`${local}+09:00`);
/** Why an appointment from `start` for `minutes` cannot be booked under the program's hours. */
const refusal = (start: string, minutes = 60, config: OpeningHoursConfig = PROGRAM_HOURS) =>
  bookingRefusal(config, tokyo(start), new Date(tokyo(start).getTime() + minutes * 60_000), isJapaneseHoliday);

describe('booking inside the opening hours (issue 16, the calendar)', () => {
  it('takes an appointment from the opening minute to one ending exactly at closing', () => {
    expect(refusal('2026-12-04T10:00:00')).toBeNull(); // Friday, first hour
    expect(refusal('2026-12-04T19:00:00')).toBeNull(); // ends 20:00 sharp: the end is exclusive
    expect(refusal('2026-12-04T19:45:00', 15)).toBeNull();
  });

  it('refuses a start before opening and an end after closing, by a minute', () => {
    expect(refusal('2026-12-04T09:59:00')).toBe('hours');
    expect(refusal('2026-12-04T19:01:00')).toBe('hours'); // ends 20:01
    expect(refusal('2026-12-04T19:50:00', 15)).toBe('hours'); // ends 20:05
    expect(refusal('2026-12-04T20:00:00', 15)).toBe('hours');
    expect(refusal('2026-12-04T23:30:00', 60)).toBe('hours'); // crosses midnight
  });

  it('refuses days the program does not serve: Saturday and Sunday', () => {
    expect(refusal('2026-12-05T14:00:00')).toBe('weekday');
    expect(refusal('2026-12-06T14:00:00')).toBe('weekday');
  });

  it('refuses national holidays and substitute holidays', () => {
    expect(refusal('2026-11-23T14:00:00')).toBe('holiday'); // 勤労感謝の日 (Monday)
    expect(refusal('2026-05-06T14:00:00')).toBe('holiday'); // 振替休日 for 憲法記念日 (Sunday 3 May)
    expect(refusal('2024-02-12T14:00:00')).toBe('holiday'); // 振替休日 for 建国記念の日 (Sunday 11 Feb)
    expect(refusal('2026-05-07T14:00:00')).toBeNull(); // the Thursday after is an ordinary day
  });

  it('refuses closure days, every year or once, and tells a closure before a holiday or weekend', () => {
    expect(refusal('2026-12-29T14:00:00')).toBe('closure'); // New Year closure (Tuesday)
    expect(refusal('2027-01-02T14:00:00')).toBe('closure'); // a Saturday, but closed first of all
    const once: OpeningHoursConfig = { ...PROGRAM_HOURS, closures: ['2026-12-02'] } as OpeningHoursConfig;
    expect(refusal('2026-12-02T14:00:00', 60, once)).toBe('closure');
    expect(refusal('2026-12-03T14:00:00', 60, once)).toBeNull();
    expect(closedDayReason(PROGRAM_HOURS, '2027-01-01', 5, isJapaneseHoliday)).toBe('holiday'); // 元日 is not on the closure list
  });

  it('reads the Tokyo day whatever the instant’s UTC date', () => {
    // Friday 4 December 10:30 in Tokyo is still Thursday in UTC.
    const start = new Date('2026-12-04T01:30:00Z');
    expect(bookingRefusal(PROGRAM_HOURS, start, new Date(start.getTime() + 3_600_000), isJapaneseHoliday)).toBeNull();
  });

  it('takes any time in the always mode', () => {
    expect(refusal('2026-12-05T03:00:00', 60, { mode: 'always' })).toBeNull();
  });
});
