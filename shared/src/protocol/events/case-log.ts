import type { CaseLogEntry, ListedCaseNote } from '../../records/case-log.js';
import type { CaseLogAddPayload, CaseLogCorrectPayload, CaseLogNotesPayload, CaseLogWithdrawPayload } from '../case-log-schemas.js';
import { caseLogAddSchema, caseLogCorrectSchema, caseLogNotesSchema, caseLogWithdrawSchema } from '../case-log-schemas.js';
import type { Ack } from '../errors.js';
import type { EmptyPayload } from '../schemas.js';
import { emptySchema } from '../schemas.js';
import type { Role } from './roles.js';

/**
 * The case log of every channel but chat (`caselog:*`): phone, mail, interview and remote
 * consultations staff enter by hand, for the fiscal-year report.
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/** Events a browser sends, in this part (the ack is always last). */
export interface CaseLogClientEvents {
  /** Log one consultation. The day must be in this fiscal year (or, in April, the last) and not ahead: DATE_OUT_OF_RANGE. */
  'caselog:add': (payload: CaseLogAddPayload, ack: Ack<CaseLogEntry>) => void;
  /** Replace an entry: its maker, or a supervisor (FORBIDDEN otherwise; UNKNOWN_CASE_LOG if none or withdrawn). */
  'caselog:correct': (payload: CaseLogCorrectPayload, ack: Ack<CaseLogEntry>) => void;
  /** Withdraw an entry: its maker, or a supervisor. It stays stored, out of every count. */
  'caselog:withdraw': (payload: CaseLogWithdrawPayload, ack: Ack<{ withdrawn: true }>) => void;
  /** Her own entries of the last 30 days not withdrawn, newest first (for the console's list). */
  'caselog:mine': (payload: EmptyPayload, ack: Ack<{ entries: CaseLogEntry[] }>) => void;
  /** Supervisor: the year's entries that carry a sealed note (not withdrawn), to open with the records key. */
  'caselog:notes': (payload: CaseLogNotesPayload, ack: Ack<{ notes: ListedCaseNote[] }>) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const caseLogSchemas = {
  'caselog:add': caseLogAddSchema,
  'caselog:correct': caseLogCorrectSchema,
  'caselog:withdraw': caseLogWithdrawSchema,
  'caselog:mine': emptySchema,
  'caselog:notes': caseLogNotesSchema,
} as const satisfies Record<keyof CaseLogClientEvents, unknown>;

/** Which roles may send each of this part's events (admins keep accounts, not case work). */
export const caseLogRoles = {
  'caselog:add': ['counselor', 'supervisor'],
  'caselog:correct': ['counselor', 'supervisor'],
  'caselog:withdraw': ['counselor', 'supervisor'],
  'caselog:mine': ['counselor', 'supervisor'],
  'caselog:notes': ['supervisor'],
} as const satisfies Record<keyof CaseLogClientEvents, readonly Role[]>;
