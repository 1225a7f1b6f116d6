import type { Appointment } from '@tsunagari/shared';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms, type TsunagariSocket } from './types.js';

/** Every staff socket (the sender's too: her other tabs) hears of a booking or a status change. */
function pushChanged(s: TsunagariSocket, appointment: Appointment): void {
  s.nsp.to(rooms.staff).emit('appointment:changed', { appointment });
}

/** handoff:book and appointment:list / find / status — hand-off appointments. Thin: the domain decides. */
export function registerAppointmentHandlers(handlers: HandlerTable, deps: Pick<Services, 'appointments'> & { log: Logger }): void {
  const { appointments, log } = deps;
  handlers.staff('handoff:book', async (payload, s) => {
    const appointment = await appointments.book(s.data.staffId, payload.consultationId, payload.kind, payload.startsAt, payload);
    // The kind only: the code and the time would let a log reader find her appointment.
    log.info({ event: 'handoff.booked', kind: appointment.kind }, 'counselor booked a hand-off');
    pushChanged(s, appointment);
    return appointment;
  });

  handlers.staff('appointment:list', async () => ({ appointments: await appointments.list() }));

  handlers.staff('appointment:find', (payload) => appointments.find(payload.code));

  handlers.staff('appointment:status', async (payload, s) => {
    const { appointment, changed } = await appointments.setStatus({ staffId: s.data.staffId, role: s.data.role }, payload.appointmentId, payload.status, payload.visit);
    if (changed) {
      log.info({ event: 'appointment.status', status: appointment.status }, 'appointment status set');
      pushChanged(s, appointment);
    }
    return appointment;
  });
}
