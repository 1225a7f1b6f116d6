import type { DistributionEvent } from '../../records/distribution.js';
import type { DistributionAddPayload, DistributionCorrectPayload, DistributionWithdrawPayload } from '../distribution-schemas.js';
import { distributionAddSchema, distributionCorrectSchema, distributionWithdrawSchema } from '../distribution-schemas.js';
import type { Ack } from '../errors.js';
import type { EmptyPayload } from '../schemas.js';
import { emptySchema } from '../schemas.js';
import type { Role } from './roles.js';

/**
 * Distribution events (生理用品配布会, `distribution:*`): supervisors record them, counselors see
 * them; the year report counts them. Part of the wire protocol; `../events.ts` joins the parts.
 */

/** Events a browser sends, in this part (the ack is always last). */
export interface DistributionClientEvents {
  /**
   * Record an event. DATE_OUT_OF_RANGE for a day ahead of today or outside the open fiscal year;
   * UNKNOWN_CAMPAIGN for a campaign not on the admin's list; a place off the list or an absurd
   * count is INVALID_PAYLOAD.
   */
  'distribution:add': (payload: DistributionAddPayload, ack: Ack<DistributionEvent>) => void;
  /** Replace an event's fields (UNKNOWN_DISTRIBUTION_EVENT if none or withdrawn; a closed year's: DATE_OUT_OF_RANGE). */
  'distribution:correct': (payload: DistributionCorrectPayload, ack: Ack<DistributionEvent>) => void;
  /** Withdraw an event: it stays stored, out of every count. */
  'distribution:withdraw': (payload: DistributionWithdrawPayload, ack: Ack<{ withdrawn: true }>) => void;
  /** The events of the open fiscal year(s), newest day first. */
  'distribution:list': (payload: EmptyPayload, ack: Ack<{ events: DistributionEvent[] }>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const distributionSchemas = {
  'distribution:add': distributionAddSchema,
  'distribution:correct': distributionCorrectSchema,
  'distribution:withdraw': distributionWithdrawSchema,
  'distribution:list': emptySchema,
} as const satisfies Record<keyof DistributionClientEvents, unknown>;

/** Which roles may send each of this part's events: supervisors keep the record, counselors may look. */
export const distributionRoles = {
  'distribution:add': ['supervisor'],
  'distribution:correct': ['supervisor'],
  'distribution:withdraw': ['supervisor'],
  'distribution:list': ['counselor', 'supervisor'],
} as const satisfies Record<keyof DistributionClientEvents, readonly Role[]>;
