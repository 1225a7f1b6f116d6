import { z } from 'zod';
import { AGE_BANDS } from '../intake/intake.js';
import { CONTACT_KINDS, DURATION_BANDS, LOGGED_CHANNELS } from '../records/case-log.js';
import { OUTCOMES } from '../records/records.js';
import { TARGET_KEYS, type TargetKey } from '../records/targets.js';
import { SEALED_NOTE_LENGTHS } from '../crypto/records-note.js';
import { idSchema, recordTopicsSchema } from './schemas.js';

/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused, not rolled over). */
export const ymdSchema = z.iso.date();

/**
 * A free-text note sealed to the records key in the staff member's browser (`sealRecordsNote`):
 * base64url of one of the padded sizes only, so nothing readable, and no length between the bands,
 * can be sent as a note.
 */
export const sealedNoteSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .refine((s) => SEALED_NOTE_LENGTHS.includes(s.length), 'not a sealed note');

/**
 * One logged consultation: closed lists and a day only, and optionally a note sealed to the
 * records key. Strict, so a name, a number or a note in clear cannot ride along. Whether the day is
 * inside the fiscal year and not ahead is the server's check (it needs the clock).
 */
const caseLogFields = {
  channel: z.enum(LOGGED_CHANNELS),
  date: ymdSchema,
  durationBand: z.enum(DURATION_BANDS),
  contact: z.enum(CONTACT_KINDS),
  topics: recordTopicsSchema,
  outcome: z.enum(OUTCOMES),
  ageBand: z.enum(AGE_BANDS).optional(),
  note: sealedNoteSchema.optional(),
};

/** Counselor or supervisor: log a consultation that did not start in the chat. */
export const caseLogAddSchema = z.strictObject(caseLogFields);

/** Its maker or a supervisor: replace an entry's fields (the whole entry, as the form sends it). */
export const caseLogCorrectSchema = z.strictObject({ entryId: idSchema, ...caseLogFields });

/** Its maker or a supervisor: withdraw an entry (entered by mistake); the report drops it. */
export const caseLogWithdrawSchema = z.strictObject({ entryId: idSchema });

export type CaseLogAddPayload = z.infer<typeof caseLogAddSchema>;
export type CaseLogCorrectPayload = z.infer<typeof caseLogCorrectSchema>;
export type CaseLogWithdrawPayload = z.infer<typeof caseLogWithdrawSchema>;

/** A target: a whole count, with a ceiling no program reaches (a typo of extra zeros is refused). */
const targetSchema = z.number().int().min(0).max(100_000);

/**
 * Admin: the targets of one fiscal year, replacing those set before (a key left out has none).
 * Strict: an unknown key is refused.
 */
export const targetsSetSchema = z.strictObject({
  fiscalYear: z.number().int().min(2020).max(2100),
  targets: z.strictObject(Object.fromEntries(TARGET_KEYS.map((k) => [k, targetSchema.optional()])) as Record<TargetKey, z.ZodOptional<typeof targetSchema>>),
});
export type TargetsSetPayload = z.infer<typeof targetsSetSchema>;

/** Supervisor: the sealed notes of a fiscal year's case-log entries, to open with the records key. */
export const caseLogNotesSchema = z.strictObject({ fiscalYear: z.number().int().min(2020).max(2100) });
export type CaseLogNotesPayload = z.infer<typeof caseLogNotesSchema>;
