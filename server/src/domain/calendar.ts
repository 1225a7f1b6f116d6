import type { CalendarDay, CalendarWeek } from '@tsunagari/shared';
import type { AppointmentRepository } from '../repositories/types.js';
import type { BookingRules } from './booking-rules.js';
import type { OpeningHours } from './opening.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar's week view (issue 16): the appointments starting in one Tokyo week, Monday to
 * Sunday, any status, and for each day whether the program is closed (from {@link OpeningHours})
 * and whether it is the interview day. Knows nothing of sockets or SQL.
 */
export class CalendarService {
  constructor(
    private readonly appointments: Pick<AppointmentRepository, 'startingBetween'>,
    private readonly hours: Pick<OpeningHours, 'closedDay'>,
    private readonly rules: Pick<BookingRules, 'interviewWeekday'>,
  ) {}

  /** The week starting on the Monday `weekStart` ("YYYY-MM-DD", Tokyo; the schema checked it is a Monday). */
  async week(weekStart: string): Promise<CalendarWeek> {
    // Tokyo has no daylight saving: its midnight is always 15:00 UTC the day before.
    const from = Date.parse(`${weekStart}T00:00:00+09:00`);
    const days: CalendarDay[] = Array.from({ length: 7 }, (_, i) => {
      const date = new Date(from + i * DAY_MS + 9 * 3_600_000).toISOString().slice(0, 10);
      return { date, closed: this.hours.closedDay(date), interviewDay: this.rules.interviewWeekday === i + 1 };
    });
    const appointments = await this.appointments.startingBetween(new Date(from).toISOString(), new Date(from + 7 * DAY_MS).toISOString());
    return { weekStart, days, appointments };
  }
}
