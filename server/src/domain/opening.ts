import { type BookingRefusal, type ClosedDayReason, type OpeningHoursConfig, type WidgetStatus, bookingRefusal, closedDayReason, isOpen, nextOpening } from '@tsunagari/shared';
import { isJapaneseHoliday } from '@tsunagari/shared/holidays';
import type { Clock } from '../clock.js';

/**
 * Whether chat takes new consultations now, by the program's hours and Japan's holidays. The
 * hours and the retention period are read at each call (`hours()`, `records()`): an admin's change
 * in the console applies to the very next status and start, without a restart. Everything about
 * opening hours, holidays and closure days goes through this class.
 */
export class OpeningHours {
  constructor(
    private readonly hours: () => OpeningHoursConfig,
    private readonly clock: Clock,
    /** The program's phone and mail, read at each status (an admin changes them in the console). */
    private readonly alternatives: () => WidgetStatus['alternatives'],
    private readonly records: () => WidgetStatus['records'],
  ) {}

  /** The hours in force now (weekdays, times, closure days). */
  config(): OpeningHoursConfig {
    return this.hours();
  }

  isOpenNow(): boolean {
    return isOpen(this.hours(), this.clock.now(), isJapaneseHoliday);
  }

  /** What the widget shows before she starts. */
  status(): WidgetStatus {
    const now = this.clock.now();
    const hours = this.hours();
    const open = isOpen(hours, now, isJapaneseHoliday);
    return {
      open,
      nextOpening: open ? null : (nextOpening(hours, now, isJapaneseHoliday)?.toISOString() ?? null),
      alternatives: this.alternatives(),
      records: this.records(),
    };
  }

  /**
   * Why an appointment from `start` to `end` (exclusive) cannot be booked — its day is a closure
   * day, a holiday or a weekday the program does not serve, or it reaches outside the hours — or
   * null when it lies within one open day's hours (issue 16, the calendar).
   */
  bookable(start: Date, end: Date): BookingRefusal | null {
    return bookingRefusal(this.hours(), start, end, isJapaneseHoliday);
  }

  /** Why the Tokyo day "YYYY-MM-DD" takes no bookings, or null when it is open (the calendar's week). */
  closedDay(ymd: string): ClosedDayReason | null {
    const day = new Date(`${ymd}T00:00:00Z`).getUTCDay();
    return closedDayReason(this.hours(), ymd, day === 0 ? 7 : day, isJapaneseHoliday);
  }
}
