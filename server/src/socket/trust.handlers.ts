import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** trust:publish — an admin re-publishes the organisation-signed revocation list (checks in StaffLifecycle). */
export function registerTrustHandlers(handlers: HandlerTable, deps: Pick<Services, 'staff'> & { log: Logger }): void {
  const { staff, log } = deps;
  handlers.staff('trust:publish', async (payload) => {
    const published = await staff.publishRevocations(payload.revocations);
    log.info({ event: 'trust.published' }, 'revocation list published');
    return published;
  });
}
