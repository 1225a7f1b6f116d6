import type { Ack } from '../errors.js';
import type { ResumeCreatePayload, ResumeOpenPayload } from '../schemas.js';
import { resumeCreateSchema, resumeOpenSchema } from '../schemas.js';
import type { ConsultationSnapshot } from './consultation.js';
import type { Role } from './roles.js';

/**
 * Resume codes: `resume:*` (continue a consultation from any device with the code she keeps).
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

export interface ResumeOpened {
  consultationId: string;
  /** A fresh reconnect token for this device; the old device's token stops working and its sockets are dropped. */
  clientToken: string;
  /** Every key epoch's session key, wrapped under the code's wrap key; only her code unwraps it. */
  wrappedKey: string;
  snapshot: ConsultationSnapshot;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface ResumeClientEvents {
  /** Client: register a resume code (its lookup and her wrapped session key); replaces an earlier one. */
  'resume:create': (payload: ResumeCreatePayload, ack: Ack<{ expiresAt: string }>) => void;
  /** Client: continue a consultation by code, from any device. Unknown or expired → UNKNOWN_CONSULTATION. */
  'resume:open': (payload: ResumeOpenPayload, ack: Ack<ResumeOpened>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const resumeSchemas = {
  'resume:create': resumeCreateSchema,
  'resume:open': resumeOpenSchema,
} as const satisfies Record<keyof ResumeClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const resumeRoles = {
  'resume:create': ['client'],
  'resume:open': ['client'],
} as const satisfies Record<keyof ResumeClientEvents, readonly Role[]>;
