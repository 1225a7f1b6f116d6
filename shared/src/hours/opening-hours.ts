/**
 * Opening hours in Asia/Tokyo, whatever the machine's zone. Holidays are injected (the server
 * passes the maintained holiday table; see ./holidays.ts) so this module stays small enough to
 * run in the widget too.
 */

/** When the service takes chats. `always` is for tests and demos. */
export type OpeningHoursConfig =
  | { mode: 'always' }
  | {
      mode: 'schedule';
      /** ISO weekdays that are open: 1 = Monday … 7 = Sunday. */
      weekdays: readonly number[];
      /** Local Tokyo opening and closing time, "HH:MM"; closing is exclusive. */
      open: string;
      close: string;
      /** Extra closed days: "MM-DD" every year, or "YYYY-MM-DD" once. */
      closures: readonly string[];
    };

/** The program's hours: Monday–Friday 10:00–20:00, closed on national holidays and over New Year. */
export const PROGRAM_HOURS: OpeningHoursConfig = {
  mode: 'schedule',
  weekdays: [1, 2, 3, 4, 5],
  open: '10:00',
  close: '20:00',
  closures: ['12-29', '12-30', '12-31', '01-02', '01-03'],
};

/** True when a Tokyo date "YYYY-MM-DD" is a national or substitute holiday. */
export type HolidayCheck = (ymd: string) => boolean;

// Japan has had no daylight saving time since 1951, so Tokyo is always UTC+9.
const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Tokyo calendar date, ISO weekday and minutes since midnight of an instant. */
export function tokyoParts(instant: Date): { ymd: string; weekday: number; minutes: number } {
  const t = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  const ymd = t.toISOString().slice(0, 10);
  const weekday = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  return { ymd, weekday, minutes: t.getUTCHours() * 60 + t.getUTCMinutes() };
}

/** Midnight at the start of the Tokyo day of an instant, as an instant. */
export function tokyoDayStart(instant: Date): Date {
  return new Date(Date.parse(`${tokyoParts(instant).ymd}T00:00:00Z`) - TOKYO_OFFSET_MS);
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Whether a whole Tokyo day is closed (weekday not served, holiday, closure day). */
function dayClosed(config: Extract<OpeningHoursConfig, { mode: 'schedule' }>, ymd: string, weekday: number, isHoliday: HolidayCheck): boolean {
  return !config.weekdays.includes(weekday) || isHoliday(ymd) || config.closures.includes(ymd) || config.closures.includes(ymd.slice(5));
}

/** Is the service open at this instant? */
export function isOpen(config: OpeningHoursConfig, instant: Date, isHoliday: HolidayCheck): boolean {
  if (config.mode === 'always') return true;
  const { ymd, weekday, minutes } = tokyoParts(instant);
  if (dayClosed(config, ymd, weekday, isHoliday)) return false;
  return minutes >= toMinutes(config.open) && minutes < toMinutes(config.close);
}

/** The next instant the service opens after `instant` (null when open now or never within a year). */
export function nextOpening(config: OpeningHoursConfig, instant: Date, isHoliday: HolidayCheck): Date | null {
  if (isOpen(config, instant, isHoliday) || config.mode === 'always') return null;
  const openMin = toMinutes(config.open);
  const { minutes } = tokyoParts(instant);
  const todayStart = tokyoDayStart(instant).getTime();
  for (let day = minutes < openMin ? 0 : 1; day <= 400; day++) {
    const start = new Date(todayStart + day * DAY_MS + openMin * 60_000);
    const p = tokyoParts(start);
    if (!dayClosed(config, p.ymd, p.weekday, isHoliday)) return start;
  }
  return null;
}

/**
 * Why a Tokyo day takes no bookings: a weekday the program does not serve, a national or
 * substitute holiday, or one of its closure days (checked in the order closure, holiday, weekday,
 * so a closure that falls on a Sunday is told as a closure). Null when the day is open.
 */
export type ClosedDayReason = 'closure' | 'holiday' | 'weekday';

/** Why an appointment cannot be booked at that time: its day is closed, or it reaches outside the hours. */
export type BookingRefusal = ClosedDayReason | 'hours';

/** Why the Tokyo day `ymd` (with its ISO weekday) is closed, or null when it is open. */
export function closedDayReason(config: OpeningHoursConfig, ymd: string, weekday: number, isHoliday: HolidayCheck): ClosedDayReason | null {
  if (config.mode === 'always') return null;
  if (config.closures.includes(ymd) || config.closures.includes(ymd.slice(5))) return 'closure';
  if (isHoliday(ymd)) return 'holiday';
  if (!config.weekdays.includes(weekday)) return 'weekday';
  return null;
}

/**
 * Whether an appointment from `start` to `end` (exclusive) lies inside the opening hours of one
 * open Tokyo day: it may begin at the opening time and end exactly at the closing time. Null when
 * it does; otherwise why not. `end` must be after `start`.
 */
export function bookingRefusal(config: OpeningHoursConfig, start: Date, end: Date, isHoliday: HolidayCheck): BookingRefusal | null {
  if (config.mode === 'always') return null;
  const from = tokyoParts(start);
  const closed = closedDayReason(config, from.ymd, from.weekday, isHoliday);
  if (closed) return closed;
  // The end is exclusive: an appointment ending at 20:00 sharp ends within a day closing at 20:00.
  const last = tokyoParts(new Date(end.getTime() - 1));
  if (last.ymd !== from.ymd) return 'hours';
  return from.minutes >= toMinutes(config.open) && last.minutes < toMinutes(config.close) ? null : 'hours';
}
