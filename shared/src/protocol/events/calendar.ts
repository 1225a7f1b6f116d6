import type { Appointment } from '../../handoff/handoff.js';
import type { ClosedDayReason } from '../../hours/opening-hours.js';
import type { AppointmentBookPayload, CalendarWeekPayload } from '../calendar-schemas.js';
import { appointmentBookSchema, calendarWeekSchema } from '../calendar-schemas.js';
import type { Ack } from '../errors.js';
import type { Role } from './roles.js';

/**
 * The calendar (issue 16): the week view by counselor (`calendar:week`) and a supervisor's booking
 * for a counselor (`appointment:book`). A booking made here is announced like a hand-off
 * (`appointment:changed`). Part of the wire protocol; `../events.ts` joins the parts.
 */

/** One Tokyo day of the week shown. */
export interface CalendarDay {
  /** "YYYY-MM-DD", Tokyo. */
  date: string;
  /** Why the program takes no bookings that day, or null when it is open. */
  closed: ClosedDayReason | null;
  /** The program's interview (面接) day, when one is configured. */
  interviewDay: boolean;
}

/** A week of the calendar: Monday to Sunday, and every appointment starting in it, soonest first. */
export interface CalendarWeek {
  weekStart: string;
  days: CalendarDay[];
  appointments: Appointment[];
}

/** Events a browser sends, in this part (the ack is always last). */
export interface CalendarClientEvents {
  /** Staff: one week's appointments, any status, with the days the program is closed. */
  'calendar:week': (payload: CalendarWeekPayload, ack: Ack<CalendarWeek>) => void;
  /**
   * Supervisor: book an appointment for a counselor about a consultation that was taken up, with
   * the same rules as a hand-off, except that `override: true` books outside hours, on holidays
   * and closure days (recorded on the appointment).
   */
  'appointment:book': (payload: AppointmentBookPayload, ack: Ack<Appointment>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const calendarSchemas = {
  'calendar:week': calendarWeekSchema,
  'appointment:book': appointmentBookSchema,
} as const satisfies Record<keyof CalendarClientEvents, unknown>;

/** Which roles may send each of this part's events. Counselors may not override, so they do not book here. */
export const calendarRoles = {
  'calendar:week': ['counselor', 'supervisor', 'admin'],
  'appointment:book': ['supervisor'],
} as const satisfies Record<keyof CalendarClientEvents, readonly Role[]>;
