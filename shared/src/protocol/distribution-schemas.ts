import { z } from 'zod';
import { MAX_EVENT_FLYERS, MAX_EVENT_SETS, PARTNER_MAX_CHARS } from '../records/distribution.js';
import { MUNICIPALITIES } from '../records/municipalities.js';
import { campaignSchema, idSchema } from './schemas.js';

/**
 * The partner organisation, as staff read it in the console and the prefecture in the CSV: 1–40
 * characters, trimmed, on one line, no control or formatting characters (which could hide or
 * reorder what is shown). It names the group the NPO worked with, which is public (the program's
 * own flyer names its partner), never anyone who came: so it is no data about her, and it is kept
 * short so it cannot become a note.
 */
const partnerSchema = z
  .string()
  .trim()
  .min(1)
  .max(PARTNER_MAX_CHARS)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u);

/**
 * One distribution event. Strict, so nothing else rides along. Whether the day is in the open
 * fiscal year and not ahead, and whether the campaign is on the admin's list, are the server's
 * checks (they need the clock and the list).
 */
const eventFields = {
  date: z.iso.date(),
  municipality: z.enum(MUNICIPALITIES),
  partner: partnerSchema,
  sets: z.number().int().min(0).max(MAX_EVENT_SETS),
  flyers: z.number().int().min(0).max(MAX_EVENT_FLYERS),
  campaign: campaignSchema.optional(),
};

/** Supervisor: record an event. */
export const distributionAddSchema = z.strictObject(eventFields);
/** Supervisor: replace an event's fields (the whole event, as the form sends it). */
export const distributionCorrectSchema = z.strictObject({ eventId: idSchema, ...eventFields });
/** Supervisor: withdraw an event (entered by mistake); it stays stored, counted nowhere. */
export const distributionWithdrawSchema = z.strictObject({ eventId: idSchema });

export type DistributionAddPayload = z.infer<typeof distributionAddSchema>;
export type DistributionCorrectPayload = z.infer<typeof distributionCorrectSchema>;
export type DistributionWithdrawPayload = z.infer<typeof distributionWithdrawSchema>;
