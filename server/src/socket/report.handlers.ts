import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** report:year — the fiscal-year report for supervisors and admins; campaign:* — the admin's list of campaigns. */
export function registerReportHandlers(handlers: HandlerTable, deps: Pick<Services, 'records' | 'campaigns'>): void {
  handlers.staff('report:year', (payload) => deps.records.yearReport(payload.fiscalYear));
  handlers.staff('campaign:list', () => ({ campaigns: deps.campaigns.all() }));
  handlers.staff('campaign:save', (payload) => ({ campaigns: deps.campaigns.save(payload) }));
}
