import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** settings:get — staff read the program's settings in force; settings:save — admins change them (applied at once). */
export function registerSettingsHandlers(handlers: HandlerTable, deps: Pick<Services, 'settings'>): void {
  handlers.staff('settings:get', () => deps.settings.view());
  handlers.staff('settings:save', (payload) => deps.settings.save(payload.settings, payload.contacts));
}
