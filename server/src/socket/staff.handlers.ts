import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** staff:* and stats:today — counselors' status and capacity, the board, today's figures. */
export function registerStaffHandlers(handlers: HandlerTable, deps: Pick<Services, 'routing' | 'presenter' | 'consultations'> & { log: Logger }): void {
  const { routing, presenter, consultations, log } = deps;
  handlers.staff('staff:status', async (payload, s) => {
    await routing.setStatus(s.data.staffId, payload.status);
    log.info({ event: 'staff.status', status: payload.status }, 'counselor status changed');
    return presenter.counselorState(await routing.view(), s.data.staffId);
  });

  handlers.staff('staff:capacity', async (payload) => {
    await routing.setCapacity(payload.staffId, payload.capacity);
    return presenter.counselorState(await routing.view(), payload.staffId);
  });

  handlers.staff('staff:list', async () => ({ counselors: presenter.counselorStates(await routing.view()) }));

  handlers.staff('stats:today', () => consultations.todayFigures());
}
