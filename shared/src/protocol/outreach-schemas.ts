import { z } from 'zod';
import { DURATION_BANDS } from '../records/case-log.js';
import { AGENCY_KINDS, VISIT_KINDS } from '../records/outreach.js';
import { ymdSchema } from './case-log-schemas.js';
import { idSchema } from './schemas.js';

/**
 * One visit logged without an appointment: kind, Tokyo day, duration band, and for an
 * accompaniment the kind of agency (a home visit has none). Strict: nothing else rides along.
 * Whether the day is in the open fiscal year and not ahead is the server's check (it needs the clock).
 */
const visitFields = {
  kind: z.enum(VISIT_KINDS),
  date: ymdSchema,
  durationBand: z.enum(DURATION_BANDS),
  agency: z.enum(AGENCY_KINDS).optional(),
};

/** An agency exactly when the visit is an accompaniment. */
const agencyFitsKind = (p: { kind: string; agency?: string | undefined }) => (p.kind === 'accompaniment') === (p.agency !== undefined);
const agencyRule = { message: 'an accompaniment names the kind of agency; a home visit none', path: ['agency'] };

/** Counselor or supervisor: log a home visit or accompaniment done without an appointment. */
export const outreachLogSchema = z.strictObject(visitFields).refine(agencyFitsKind, agencyRule);

/** Its maker or a supervisor: replace a logged visit's fields (the whole visit, as the form sends it). */
export const outreachCorrectSchema = z.strictObject({ entryId: idSchema, ...visitFields }).refine(agencyFitsKind, agencyRule);

/** Its maker or a supervisor: withdraw a logged visit (entered by mistake); the report drops it. */
export const outreachWithdrawSchema = z.strictObject({ entryId: idSchema });

export type OutreachLogPayload = z.infer<typeof outreachLogSchema>;
export type OutreachCorrectPayload = z.infer<typeof outreachCorrectSchema>;
export type OutreachWithdrawPayload = z.infer<typeof outreachWithdrawSchema>;
