import { z } from 'zod';

/** "HH:MM", 00:00 to 23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** A closure day: "MM-DD" every year, or "YYYY-MM-DD" once (a real calendar day either way). */
const closureDay = z.union([
  z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).refine((d) => !Number.isNaN(Date.parse(`2000-${d}T00:00:00Z`)) && new Date(`2000-${d}T00:00:00Z`).toISOString().slice(5, 10) === d),
  z.iso.date(),
]);

/** Opening hours as an admin sets them: always open (demo), or weekdays, a time range and closure days. */
export const openingHoursSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('always') }),
  z
    .strictObject({
      mode: z.literal('schedule'),
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).readonly(),
      open: clockTime,
      close: clockTime,
      closures: z.array(closureDay).max(100).readonly(),
    })
    .refine((h) => h.open < h.close, { message: 'closes before it opens', path: ['close'] })
    .refine((h) => new Set(h.weekdays).size === h.weekdays.length, { message: 'a weekday twice', path: ['weekdays'] }),
]);

/**
 * The program's settings an admin changes in the console (stored in the database, applied at once;
 * the environment only seeds them on the first start). Bounds keep a slip of the finger from
 * shutting the service or deleting transcripts at once.
 */
export const programSettingsSchema = z.strictObject({
  hours: openingHoursSchema,
  /** Days an ended consultation's transcript is kept (1 to 10 years' worth). */
  retentionDays: z.number().int().min(1).max(3650),
  /** Minutes of waiting from which the board shows the long-wait alert. */
  longWaitAlertMinutes: z.number().int().min(1).max(240),
  /** Seconds an offer waits for the counselor before it goes to another. */
  offerTimeoutSeconds: z.number().int().min(5).max(600),
  /** Seconds a waiting woman who dropped keeps her place. */
  clientGraceSeconds: z.number().int().min(10).max(3600),
  /** Seconds a counselor who dropped keeps her chats. */
  counselorGraceSeconds: z.number().int().min(10).max(3600),
});

/**
 * The program's phone line as it is printed and shown to her: a Japanese number, 10 or 11 digits
 * starting with 0, hyphens between the groups allowed ("0836-37-5611", "0120-000-000").
 */
export const programPhoneSchema = z
  .string()
  .max(20)
  .regex(/^0\d+(?:-\d+){0,2}$/)
  .refine((p) => /^\d{10,11}$/.test(p.replace(/-/g, '')), 'not 10 or 11 digits');

/**
 * The program's own phone and mail (issue 16): the widget's alternatives and the flyers show them.
 * Seeded from the environment on the first start; an admin changes them with the settings.
 */
export const programContactsSchema = z.strictObject({
  phone: programPhoneSchema,
  mail: z.email().max(254),
});

/** Admin: the whole set, as the form sends it, and the program's phone and mail (kept as they are when left out). */
export const settingsSaveSchema = z.strictObject({ settings: programSettingsSchema, contacts: programContactsSchema.optional() });

export type ProgramSettings = z.infer<typeof programSettingsSchema>;
export type ProgramContacts = z.infer<typeof programContactsSchema>;
export type SettingsSavePayload = z.infer<typeof settingsSaveSchema>;
