import type { HandoffKind } from '@tsunagari/shared';
import { tokyoParts } from '@tsunagari/shared';
import { errors } from '../errors.js';
import type { OpeningHours } from './opening.js';

/** What the one booking said about the program's rules. */
export interface BookingWaivers {
  /** She saw the warning that interviews are on the interview day and books another day anyway. */
  offDayConfirmed?: boolean | undefined;
  /** A supervisor books outside the hours, on a holiday or a closure day (only ever true for a supervisor). */
  override?: boolean | undefined;
}

/**
 * The program's rules for a booking (issue 16, the calendar), as configured: appointments only
 * inside the opening hours and not on holidays or closure days (the hours come from
 * {@link OpeningHours}, never from the configuration directly), unless a supervisor overrides;
 * interviews (面接) on the interview weekday (Fridays by default; TSUNAGARI_INTERVIEW_DAY), other
 * days only once the warning is confirmed. Double booking is the repository's atomic check.
 */
export class BookingRules {
  constructor(
    private readonly hours: Pick<OpeningHours, 'bookable'>,
    /** ISO weekday of interviews (1 = Monday … 7 = Sunday), or null when any day will do. */
    readonly interviewWeekday: number | null,
  ) {}

  /**
   * Throws the coded refusal for a booking from `start` to `end`, checked in this order:
   * BOOKING_CLOSED_DAY, BOOKING_HOLIDAY, BOOKING_OUTSIDE_HOURS (each unless overridden), then
   * NOT_INTERVIEW_DAY (unless confirmed). Returns whether the override was needed, so that only
   * a booking that really bent the hours is recorded as overridden.
   */
  check(kind: HandoffKind, start: Date, end: Date, waivers: BookingWaivers): { overridden: boolean } {
    const refusal = this.hours.bookable(start, end);
    if (refusal && !waivers.override) {
      if (refusal === 'closure') throw errors.bookingClosedDay();
      if (refusal === 'holiday') throw errors.bookingHoliday();
      throw errors.bookingOutsideHours();
    }
    if (kind === 'interview' && !waivers.offDayConfirmed && !this.isInterviewDay(start)) throw errors.notInterviewDay();
    return { overridden: refusal !== null };
  }

  /** Whether the Tokyo day of the instant is the interview day (always, when none is configured). */
  isInterviewDay(instant: Date): boolean {
    return this.interviewWeekday === null || tokyoParts(instant).weekday === this.interviewWeekday;
  }
}

/** No rules: any time, any day (a server built without any, as older tests build it). */
export const ANY_TIME: BookingRules = new BookingRules({ bookable: () => null }, null);
