import type { FiscalYearTargets } from '../../records/targets.js';
import type { TargetsSetPayload } from '../case-log-schemas.js';
import { targetsSetSchema } from '../case-log-schemas.js';
import type { Ack } from '../errors.js';
import type { Role } from './roles.js';

/**
 * The fiscal year's targets (`targets:*`), which the year report sets its results against.
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** Events a browser sends, in this part (the ack is always last). */
export interface TargetsClientEvents {
  /** Admin: set one fiscal year's targets (replacing the year's earlier ones); answers what is stored. */
  'targets:set': (payload: TargetsSetPayload, ack: Ack<{ fiscalYear: number; targets: FiscalYearTargets }>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const targetsSchemas = {
  'targets:set': targetsSetSchema,
} as const satisfies Record<keyof TargetsClientEvents, unknown>;

/** Which roles may send each of this part's events. */
export const targetsRoles = {
  'targets:set': ['admin'],
} as const satisfies Record<keyof TargetsClientEvents, readonly Role[]>;
