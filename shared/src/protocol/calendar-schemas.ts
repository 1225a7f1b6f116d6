import { z } from 'zod';
import { handoffBookSchema, idSchema } from './schemas.js';

/**
 * The calendar (issue 16): a week of appointments by counselor, and a supervisor's booking for a
 * counselor, which may override the program's hours, holidays and closure days explicitly.
 */

/** A Tokyo date "YYYY-MM-DD" that is a Monday: the week shown runs Monday to Sunday. */
export const weekStartSchema = z.iso.date().refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'not a Monday');

/** Staff: the appointments of one Tokyo week (any status) and which of its days the program is closed. */
export const calendarWeekSchema = z.strictObject({ weekStart: weekStartSchema });

/**
 * Supervisor: book an appointment for a counselor (`counselorId`) about a consultation she has
 * taken up. `override: true` books it even outside the opening hours, on a holiday or a closure
 * day; the appointment records the supervisor who overrode. Nobody else may override.
 */
export const appointmentBookSchema = handoffBookSchema.extend({
  counselorId: idSchema,
  override: z.boolean().optional(),
});

export type CalendarWeekPayload = z.infer<typeof calendarWeekSchema>;
export type AppointmentBookPayload = z.infer<typeof appointmentBookSchema>;
