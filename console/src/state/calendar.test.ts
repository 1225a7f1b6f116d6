import type { Appointment, CalendarWeek } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { addWeeks, counselorRows, dayLabel, inWeek, tokyoTime, upsertInWeek, weekLabel, weekStartOf } from './calendar.js';

const appt = (id: string, staffId: string, startsAt: string): Appointment => ({
  id,
  consultationId: 'c'.repeat(22),
  kind: 'interview',
  startsAt,
  endsAt: startsAt,
  code: 'AB2C3D',
  status: 'booked',
  staffId,
  staffName: staffId === 's' ? '佐藤' : '田中',
  overriddenBy: null,
  createdAt: '2026-11-28T00:00:00Z',
});
const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((date) => ({ date, closed: null, interviewDay: false }));

describe('the calendar’s Tokyo weeks', () => {
  it('finds the Monday of a Tokyo week, whatever the UTC date', () => {
    expect(weekStartOf(new Date('2026-12-06T14:59:00Z'))).toBe('2026-11-30'); // Sunday 23:59 in Tokyo
    expect(weekStartOf(new Date('2026-12-06T15:00:00Z'))).toBe('2026-12-07'); // Monday 00:00 in Tokyo
    expect(weekStartOf(new Date('2026-11-30T00:00:00+09:00'))).toBe('2026-11-30');
  });

  it('steps weeks across months and years, and labels days and weeks', () => {
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWeeks('2026-11-30', -1)).toBe('2026-11-23');
    expect(dayLabel('2026-12-04')).toBe('12月4日（金）');
    expect(weekLabel('2026-12-28')).toBe('12月28日〜1月3日');
    expect(tokyoTime('2026-12-04T05:00:00.000Z')).toBe('14:00');
  });

  it('lays the week out by counselor: listed ones first, anyone else with an appointment after, soonest first per day', () => {
    const week: CalendarWeek = {
      weekStart: '2026-11-30',
      days,
      appointments: [appt('2', 's', '2026-12-04T06:00:00Z'), appt('1', 's', '2026-12-04T01:00:00Z'), appt('3', 't', '2026-11-30T15:30:00Z')],
    };
    const rows = counselorRows(week, [{ staffId: 's', displayName: '佐藤' }, { staffId: 'u', displayName: '上野' }]);
    expect(rows.map((r) => r.displayName)).toEqual(['佐藤', '上野', '田中']);
    expect(rows[0]?.byDay[4]?.map((a) => a.id)).toEqual(['1', '2']);
    expect(rows[2]?.byDay[1]?.map((a) => a.id)).toEqual(['3']); // 00:30 Tuesday in Tokyo
  });

  it('takes a pushed appointment only into the week it starts in', () => {
    const week: CalendarWeek = { weekStart: '2026-11-30', days, appointments: [] };
    expect(inWeek('2026-11-30', appt('x', 's', '2026-12-06T14:59:00Z'))).toBe(true);
    expect(upsertInWeek(week, appt('x', 's', '2026-12-06T15:00:00Z')).appointments).toEqual([]);
    const once = upsertInWeek(week, appt('x', 's', '2026-12-04T05:00:00Z'));
    expect(upsertInWeek(once, { ...appt('x', 's', '2026-12-04T05:00:00Z'), status: 'done' }).appointments.map((a) => a.status)).toEqual(['done']);
  });
});
