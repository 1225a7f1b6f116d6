/**
 * Hand-off (DESIGN "Hand-off"): a chat handed on to another way of consulting, booked as an
 * appointment with a short reservation code. She keeps only the code (she writes it down: nothing
 * is stored on her device); for a phone appointment she calls the line at the booked time and
 * quotes it, so no number of hers is ever needed.
 */
export const HANDOFF_KINDS = [
  /** 電話相談: she calls the program's line at the booked time. */
  'phone',
  /** リモートカウンセリング: an online session. */
  'remote',
  /** 面接相談: an in-person interview (Fridays by default; the place is agreed in the chat). */
  'interview',
  /** 家庭訪問: an outreach home visit. */
  'outreach',
  /** 同行支援: a counselor goes with her to an agency. */
  'accompaniment',
] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

/** booked → done / no_show / cancelled (and back to booked if a status was set by mistake). */
export const APPOINTMENT_STATUSES = ['booked', 'done', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Reservation codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to
 * read out on the phone and to write down; ~887 million codes, unique among booked appointments.
 */
export const RESERVATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RESERVATION_CODE_LENGTH = 6;

/** How far ahead an appointment may be booked. */
export const MAX_BOOKING_AHEAD_DAYS = 90;

/** How long an appointment lasts when the booking does not say (the calendar's overlap check uses it). */
export const DEFAULT_APPOINTMENT_MINUTES = 60;
/** The shortest and longest appointment a booking may ask for, in minutes (steps of 5). */
export const APPOINTMENT_MINUTES_RANGE = { min: 15, max: 240 } as const;

/** An appointment as staff see it. Nothing in it names her: the consultation id and the code. */
export interface Appointment {
  id: string;
  /** The chat it was booked from. */
  consultationId: string;
  kind: HandoffKind;
  /** ISO instant of the appointment. */
  startsAt: string;
  /** ISO instant it ends (exclusive): the calendar refuses a second booking of her counselor that overlaps. */
  endsAt: string;
  code: string;
  status: AppointmentStatus;
  /** The counselor who booked it (and, by default, takes it). */
  staffId: string;
  staffName: string;
  /**
   * The supervisor who booked it outside the program's hours, on a holiday or a closure day by an
   * explicit override (issue 16, the calendar); null for an ordinary booking.
   */
  overriddenBy: string | null;
  createdAt: string;
}
