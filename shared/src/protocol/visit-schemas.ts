import { z } from 'zod';
import { DURATION_BANDS } from '../records/case-log.js';
import { AGENCY_KINDS } from '../records/outreach.js';

/**
 * How a visit went: a duration band and, for an accompaniment, the kind of agency. Strict, so no
 * place, name or note rides along. Whether an agency belongs (accompaniment) or not (home visit)
 * depends on the kind, which the appointment holds on the server (VISIT_DETAILS_INVALID there).
 */
export const visitDetailsSchema = z.strictObject({
  durationBand: z.enum(DURATION_BANDS),
  agency: z.enum(AGENCY_KINDS).optional(),
});
