import type { Ack } from '../errors.js';
import { emptySchema, type EmptyPayload } from '../schemas.js';
import { type ProgramContacts, type ProgramSettings, type SettingsSavePayload, settingsSaveSchema } from '../settings-schemas.js';
import type { Role } from './roles.js';

/**
 * The program's settings (`settings:*`): hours, closure days, retention, the long-wait alert,
 * offer timeout and grace periods. Part of the wire protocol; `../events.ts` joins the parts.
 */

/** What staff read: the settings, and the program's phone and mail (seeded from the environment; an admin changes them). */
export interface SettingsView {
  settings: ProgramSettings;
  contacts: ProgramContacts;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface SettingsClientEvents {
  /** Staff: the settings in force now (the board's alert, the flyer's hours, the admin's form). */
  'settings:get': (payload: EmptyPayload, ack: Ack<SettingsView>) => void;
  /** Admin: replace the settings (and the phone and mail, when sent); applied at once, no restart. Answers what is now in force. */
  'settings:save': (payload: SettingsSavePayload, ack: Ack<SettingsView>) => void;
}

/** What the server pushes, in this part. */
export interface SettingsServerEvents {
  /** To all staff: an admin saved the settings; what is now in force. */
  'settings:changed': (view: SettingsView) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const settingsSchemas = {
  'settings:get': emptySchema,
  'settings:save': settingsSaveSchema,
} as const satisfies Record<keyof SettingsClientEvents, unknown>;

/** Which roles may send each of this part's events. */
export const settingsRoles = {
  'settings:get': ['counselor', 'supervisor', 'admin'],
  'settings:save': ['admin'],
} as const satisfies Record<keyof SettingsClientEvents, readonly Role[]>;
