import { PROGRAM_HOURS, type OpeningHoursConfig } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { closedLines, closureRanges, hoursLines, landingUrlFor } from './flyer.js';

const schedule = (over: Partial<Extract<OpeningHoursConfig, { mode: 'schedule' }>>): OpeningHoursConfig => ({
  mode: 'schedule',
  weekdays: [1, 2, 3, 4, 5],
  open: '10:00',
  close: '20:00',
  closures: [],
  ...over,
});

describe('flyer text', () => {
  it('puts the campaign into the landing URL template', () => {
    expect(landingUrlFor('https://www.npo.example/c/{campaign}.html', 'event-2026-05')).toBe('https://www.npo.example/c/event-2026-05.html');
  });

  it('writes the program hours in the three languages', () => {
    expect(hoursLines(PROGRAM_HOURS)).toEqual({ ja: '月〜金曜日 10:00〜20:00', easy: 'げつようび〜きんようび 10じ〜20じ', en: 'Monday–Friday, 10:00–20:00' });
    expect(hoursLines(schedule({ weekdays: [1, 3, 5], open: '09:30', close: '17:00' }))).toEqual({
      ja: '月・水・金曜日 9:30〜17:00',
      easy: 'げつようび、すいようび、きんようび 9じ30ふん〜17じ',
      en: 'Monday, Wednesday, Friday, 9:30–17:00',
    });
    expect(hoursLines({ mode: 'always' }).ja).toBe('いつでも（24時間）');
  });

  it('joins the New Year closure across New Year’s Day, keeps other closures apart, in year order', () => {
    expect(closureRanges(['12-29', '12-30', '12-31', '01-02', '01-03'])).toEqual([['12-29', '01-03']]);
    expect(closureRanges(['08-13', '08-14', '12-29', '05-01'])).toEqual([['05-01', '05-01'], ['08-13', '08-14'], ['12-29', '12-29']]);
    expect(closureRanges(['2027-05-06'])).toEqual([]);
    expect(closureRanges([])).toEqual([]);
  });

  it('says when it is closed besides the weekdays not served', () => {
    expect(closedLines(PROGRAM_HOURS)).toEqual({
      ja: '祝日、12月29日〜1月3日はお休みです',
      easy: 'しゅくじつ、12がつ29にち〜1がつ3にちは やすみです',
      en: 'Closed on public holidays, 29 Dec–3 Jan',
    });
    expect(closedLines({ mode: 'always' })).toBeNull();
  });
});
