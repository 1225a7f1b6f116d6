import type { Appointment } from '../../handoff/handoff.js';
import type { FiscalYearReport } from '../../records/records.js';
import type { Ack } from '../errors.js';
import type { AppointmentFindPayload, AppointmentStatusPayload, CampaignSavePayload, EmptyPayload, HandoffBookPayload, ReportYearPayload } from '../schemas.js';
import { appointmentFindSchema, appointmentStatusSchema, campaignSaveSchema, emptySchema, handoffBookSchema, reportYearSchema } from '../schemas.js';
import type { Role } from './roles.js';

/**
 * Work around a chat that outlives it: hand-offs and appointments (`handoff:*`, `appointment:*`)
 * and the fiscal-year report (`report:*`) with the admin's list of campaigns (`campaign:*`).
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** A campaign on the admin's list, as staff see it. */
export interface Campaign {
  name: string;
  label: string;
  /** Starts through `/c/<name>` count under this name only while it is active; otherwise as 'other'. */
  active: boolean;
  updatedAt: string;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface CaseworkClientEvents {
  /** Supervisor or admin: the fiscal-year report (months April–March, Tokyo time). */
  'report:year': (payload: ReportYearPayload, ack: Ack<FiscalYearReport>) => void;
  /** Staff: the campaigns on the admin's list (the report shows their labels). */
  'campaign:list': (payload: EmptyPayload, ack: Ack<{ campaigns: Campaign[] }>) => void;
  /** Admin: adds a campaign or changes its label or whether it is active. */
  'campaign:save': (payload: CampaignSavePayload, ack: Ack<{ campaigns: Campaign[] }>) => void;
  /**
   * Counselor: book a hand-off (phone, remote, interview, outreach, accompaniment) for the active
   * chat she holds; the server makes the reservation code. The console then tells her the code in
   * an ordinary encrypted message, so the widget needs nothing new and keeps nothing.
   */
  'handoff:book': (payload: HandoffBookPayload, ack: Ack<Appointment>) => void;
  /** Staff: appointments from 7 days ago onwards, soonest first (then pushed as `appointment:changed`). */
  'appointment:list': (payload: EmptyPayload, ack: Ack<{ appointments: Appointment[] }>) => void;
  /** Staff: the appointment a reservation code belongs to (she quotes it on the phone). */
  'appointment:find': (payload: AppointmentFindPayload, ack: Ack<Appointment>) => void;
  /** Counselor, supervisor or admin: set an appointment's status. */
  'appointment:status': (payload: AppointmentStatusPayload, ack: Ack<Appointment>) => void;
}

/** Events the server pushes, in this part. */
export interface CaseworkServerEvents {
  /** Staff: an appointment was booked or its status changed. */
  'appointment:changed': (payload: { appointment: Appointment }) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const caseworkSchemas = {
  'report:year': reportYearSchema,
  'campaign:list': emptySchema,
  'campaign:save': campaignSaveSchema,
  'handoff:book': handoffBookSchema,
  'appointment:list': emptySchema,
  'appointment:find': appointmentFindSchema,
  'appointment:status': appointmentStatusSchema,
} as const satisfies Record<keyof CaseworkClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const caseworkRoles = {
  'report:year': ['supervisor', 'admin'],
  'campaign:list': ['counselor', 'supervisor', 'admin'],
  'campaign:save': ['admin'],
  'handoff:book': ['counselor'],
  'appointment:list': ['counselor', 'supervisor', 'admin'],
  'appointment:find': ['counselor', 'supervisor', 'admin'],
  'appointment:status': ['counselor', 'supervisor', 'admin'],
} as const satisfies Record<keyof CaseworkClientEvents, readonly Role[]>;
