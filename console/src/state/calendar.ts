import type { Appointment, CalendarDay, CalendarWeek } from '@tsunagari/shared';

/**
 * Pure helpers for the calendar's week view (issue 16). Weeks are Tokyo weeks, Monday to Sunday,
 * whatever the browser's zone; Japan has no daylight saving, so Tokyo is always UTC+9.
 */

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** The Monday ("YYYY-MM-DD") of the Tokyo week an instant falls in. */
export function weekStartOf(instant: Date): string {
  const t = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  const back = (t.getUTCDay() + 6) % 7; // days since Monday
  return new Date(t.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday `weeks` weeks after (or before, when negative) the Monday `weekStart`. */
export function addWeeks(weekStart: string, weeks: number): string {
  return new Date(Date.parse(`${weekStart}T00:00:00Z`) + weeks * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** "12月4日（金）" for a Tokyo date "YYYY-MM-DD". */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS[d.getUTCDay()]}）`;
}

/** "12月7日〜12月13日" for the week starting on the Monday `weekStart`. */
export function weekLabel(weekStart: string): string {
  const sunday = new Date(Date.parse(`${weekStart}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10);
  const monthDay = (date: string) => dayLabel(date).replace(/（.）$/, '');
  return `${monthDay(weekStart)}〜${monthDay(sunday)}`;
}

/** Tokyo wall time "HH:MM" of an instant. */
export function tokyoTime(iso: string): string {
  return new Date(Date.parse(iso) + TOKYO_OFFSET_MS).toISOString().slice(11, 16);
}

/** The Tokyo date "YYYY-MM-DD" of an instant. */
export function tokyoDay(iso: string): string {
  return new Date(Date.parse(iso) + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether an appointment starts in the week shown. */
export function inWeek(weekStart: string, a: Appointment): boolean {
  const day = tokyoDay(a.startsAt);
  return day >= weekStart && day < addWeeks(weekStart, 1);
}

/** One counselor's row: her name and, per day of the week, her appointments soonest first. */
export interface CounselorRow {
  staffId: string;
  displayName: string;
  byDay: Appointment[][];
}

/**
 * The week's rows: every counselor on the list (in its order), then anyone else who has an
 * appointment that week (a counselor since disabled still shows what was booked for her).
 */
export function counselorRows(week: CalendarWeek, counselors: readonly { staffId: string; displayName: string }[]): CounselorRow[] {
  const rows = new Map<string, CounselorRow>();
  const row = (staffId: string, displayName: string) => {
    let r = rows.get(staffId);
    if (!r) rows.set(staffId, (r = { staffId, displayName, byDay: week.days.map(() => []) }));
    return r;
  };
  for (const c of counselors) row(c.staffId, c.displayName);
  const dayIndex = new Map(week.days.map((d: CalendarDay, i) => [d.date, i]));
  const sorted = [...week.appointments].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
  for (const a of sorted) {
    const i = dayIndex.get(tokyoDay(a.startsAt));
    if (i !== undefined) row(a.staffId, a.staffName).byDay[i]?.push(a);
  }
  return [...rows.values()];
}

/** Adds or replaces an appointment in the week shown, when it starts in it. */
export function upsertInWeek(week: CalendarWeek, a: Appointment): CalendarWeek {
  const rest = week.appointments.filter((x) => x.id !== a.id);
  return { ...week, appointments: inWeek(week.weekStart, a) ? [...rest, a] : rest };
}
