import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** calendar:week and appointment:book — the calendar (issue 16). Thin: the domain decides. */
export function registerCalendarHandlers(handlers: HandlerTable, deps: Pick<Services, 'appointments' | 'calendar'> & { log: Logger }): void {
  const { appointments, calendar, log } = deps;
  handlers.staff('calendar:week', (payload) => calendar.week(payload.weekStart));

  handlers.staff('appointment:book', async (payload, s) => {
    const appointment = await appointments.bookFor(s.data.staffId, payload);
    // The kind and whether a rule was overridden: never the code or the time (see handoff.booked).
    log.info({ event: 'appointment.booked', kind: appointment.kind, overridden: appointment.overriddenBy !== null }, 'supervisor booked an appointment');
    // Every staff socket, as for a hand-off: the counselor sees it in her calendar at once.
    s.nsp.to(rooms.staff).emit('appointment:changed', { appointment });
    return appointment;
  });
}
