import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/**
 * staff:* and stats:today — counselors' status and capacity, the board, today's figures; and the
 * admins' staff lifecycle (invite, directory, activate, re-sign, disable), whose rules live in
 * the domain (StaffLifecycle). eventRoles lets only admins send those.
 */
export function registerStaffHandlers(
  handlers: HandlerTable,
  deps: Pick<Services, 'routing' | 'presenter' | 'consultations' | 'staff'> & { log: Logger },
): void {
  const { routing, presenter, consultations, staff, log } = deps;
  handlers.staff('staff:status', async (payload, s) => {
    await routing.counselors.setStatus(s.data.staffId, payload.status);
    log.info({ event: 'staff.status', status: payload.status }, 'counselor status changed');
    return presenter.counselorState(await routing.router.view(), s.data.staffId);
  });

  handlers.staff('staff:capacity', async (payload) => {
    await routing.counselors.setCapacity(payload.staffId, payload.capacity);
    return presenter.counselorState(await routing.router.view(), payload.staffId);
  });

  handlers.staff('staff:list', async () => ({ counselors: await presenter.counselorStates(await routing.router.view()) }));

  handlers.staff('stats:today', () => consultations.todayFigures());

  // Logs name the step and the role only: never a username, a token or a key.
  handlers.staff('staff:invite', async (payload) => {
    const invitation = await staff.invite(payload);
    log.info({ event: 'staff.invited', staffRole: payload.role }, 'staff member invited');
    return invitation;
  });

  handlers.staff('staff:directory', async () => ({ staff: await staff.directory() }));

  handlers.staff('staff:activate', async (payload) => {
    const listing = await staff.activate(payload.staffId, payload.signed);
    log.info({ event: 'staff.activated', staffRole: listing.role }, 'staff statement signed');
    return listing;
  });

  handlers.staff('staff:resign', async (payload) => {
    const listing = await staff.resign(payload.staffId, payload.signed);
    log.info({ event: 'staff.resigned', staffRole: listing.role }, 'staff statement renewed');
    return listing;
  });

  handlers.staff('staff:disable', async (payload) => {
    const listing = await staff.disable(payload.staffId, payload.revocations);
    log.info({ event: 'staff.disabled', staffRole: listing.role }, 'staff member disabled');
    return listing;
  });
}
