import type { Appointment } from '@tsunagari/shared';
import type { AppointmentService } from '../domain/appointments.js';
import { errors } from '../errors.js';
import type { Logger } from '../log.js';
import type { HandlerTable } from './handle.js';
import { rooms, type TsunagariSocket } from './types.js';

/** Every staff socket (the sender's too: her other tabs) hears of a booking or a status change. */
function pushChanged(s: TsunagariSocket, appointment: Appointment): void {
  s.nsp.to(rooms.staff).emit('appointment:changed', { appointment });
}

/** handoff:book and appointment:list / find / status — hand-off appointments. Thin: the domain decides. */
export function registerAppointmentHandlers(handlers: HandlerTable, appointments: AppointmentService, log: Logger): void {
  handlers.on('handoff:book', (payload, s) => {
    // The table already refused other roles; this narrows the socket's data for the compiler.
    if (s.data.role === 'client') throw errors.forbidden();
    const appointment = appointments.book(s.data.staffId, payload.consultationId, payload.kind, payload.startsAt);
    // The kind only: the code and the time would let a log reader find her appointment.
    log.info({ event: 'handoff.booked', kind: appointment.kind }, 'counselor booked a hand-off');
    pushChanged(s, appointment);
    return appointment;
  });

  handlers.on('appointment:list', () => ({ appointments: appointments.list() }));

  handlers.on('appointment:find', (payload) => appointments.find(payload.code));

  handlers.on('appointment:status', (payload, s) => {
    const { appointment, changed } = appointments.setStatus(payload.appointmentId, payload.status);
    if (changed) {
      log.info({ event: 'appointment.status', status: appointment.status }, 'appointment status set');
      pushChanged(s, appointment);
    }
    return appointment;
  });
}
