import type { OutreachVisit } from '../../records/outreach.js';
import type { Ack } from '../errors.js';
import type { OutreachCorrectPayload, OutreachLogPayload, OutreachWithdrawPayload } from '../outreach-schemas.js';
import { outreachCorrectSchema, outreachLogSchema, outreachWithdrawSchema } from '../outreach-schemas.js';
import type { EmptyPayload } from '../schemas.js';
import { emptySchema } from '../schemas.js';
import type { Role } from './roles.js';

/**
 * Home visits and accompaniments done (`outreach:*`) without an appointment; those done from an
 * appointment are recorded by `appointment:status` with its `visit` details.
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** Events a browser sends, in this part (the ack is always last). */
export interface OutreachClientEvents {
  /** Log a visit done. DATE_OUT_OF_RANGE for a day ahead of today or outside the open fiscal year. */
  'outreach:log': (payload: OutreachLogPayload, ack: Ack<OutreachVisit>) => void;
  /**
   * Replace a logged visit: its maker, or a supervisor (FORBIDDEN otherwise; UNKNOWN_VISIT if none
   * or withdrawn). A visit marked on an appointment is changed through the appointment (INVALID_STATE).
   */
  'outreach:correct': (payload: OutreachCorrectPayload, ack: Ack<OutreachVisit>) => void;
  /** Withdraw a logged visit: its maker, or a supervisor. It stays stored, out of every count. */
  'outreach:withdraw': (payload: OutreachWithdrawPayload, ack: Ack<{ withdrawn: true }>) => void;
  /** Her own visits (both routes) recorded in the last 30 days, newest first. */
  'outreach:mine': (payload: EmptyPayload, ack: Ack<{ visits: OutreachVisit[] }>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const outreachSchemas = {
  'outreach:log': outreachLogSchema,
  'outreach:correct': outreachCorrectSchema,
  'outreach:withdraw': outreachWithdrawSchema,
  'outreach:mine': emptySchema,
} as const satisfies Record<keyof OutreachClientEvents, unknown>;

/** Which roles may send each of this part's events (admins keep accounts, not case work). */
export const outreachRoles = {
  'outreach:log': ['counselor', 'supervisor'],
  'outreach:correct': ['counselor', 'supervisor'],
  'outreach:withdraw': ['counselor', 'supervisor'],
  'outreach:mine': ['counselor', 'supervisor'],
} as const satisfies Record<keyof OutreachClientEvents, readonly Role[]>;
