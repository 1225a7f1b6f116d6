import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/**
 * report:year — the fiscal-year report for supervisors and admins; targets:set — admins' targets;
 * campaign:* — the admin's list of campaigns.
 */
export function registerReportHandlers(handlers: HandlerTable, deps: Pick<Services, 'records' | 'campaigns'>): void {
  handlers.staff('report:year', (payload) => deps.records.yearReport(payload.fiscalYear));
  handlers.staff('targets:set', (payload) => deps.records.setTargets(payload.fiscalYear, payload.targets));
  handlers.staff('campaign:list', async () => ({ campaigns: await deps.campaigns.all() }));
  handlers.staff('campaign:save', async (payload) => ({ campaigns: await deps.campaigns.save(payload) }));
}
