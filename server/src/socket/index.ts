import { STAFF_SESSION_COOKIE } from '@tsunagari/shared';
import { parseCookie } from 'cookie';
import type { AppointmentService } from '../domain/appointments.js';
import type { CaseRecordService } from '../domain/case-records.js';
import type { ConsultationService } from '../domain/consultations.js';
import type { OpeningHours } from '../domain/opening.js';
import type { RoutingService } from '../domain/routing-service.js';
import type { ResumeService } from '../domain/resume.js';
import type { StartLimit } from '../domain/start-limit.js';
import type { StaffAuthService } from '../domain/staff-auth.js';
import type { CallerKeys } from '../http/client-key.js';
import type { Logger } from '../log.js';
import { registerAppointmentHandlers } from './appointment.handlers.js';
import { registerConsultationHandlers } from './consultation.handlers.js';
import { registerMessageHandlers } from './message.handlers.js';
import { registerRecordHandlers } from './record.handlers.js';
import { registerResumeHandlers } from './resume.handlers.js';
import { presence, registerRoutingHandlers, routingEvents } from './routing.handlers.js';
import { HandlerTable } from './handle.js';
import { QueuePusher } from './queue-pusher.js';
import { rooms, type TsunagariServer, type TsunagariSocket } from './types.js';

export interface SocketDeps {
  consultations: ConsultationService;
  records: CaseRecordService;
  appointments: AppointmentService;
  resume: ResumeService;
  hours: OpeningHours;
  routing: RoutingService;
  auth: StaffAuthService;
  log: Logger;
  /** Daily keys of callers, read from the handshake before it is forgotten. */
  callers: CallerKeys;
  starts: StartLimit;
}

/**
 * Staff sockets must come from the console's own origin; the cookie alone is not enough.
 * Browsers omit Origin on same-origin GETs (long-polling), but then say so in Sec-Fetch-Site.
 */
function sameOrigin(socket: TsunagariSocket): boolean {
  const origin = socket.handshake.headers.origin;
  const host = socket.handshake.headers.host;
  if (!origin) return socket.handshake.headers['sec-fetch-site'] === 'same-origin';
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Once a socket is authenticated nothing reads its first HTTP request again, yet the request
 * stays reachable for the whole session (engine.io keeps it in a close listener of the TCP
 * socket, and on the connection unless dropped, as Socket.IO's memory guide suggests). Emptying
 * it means her user agent, cookies and other headers are not held in memory while she talks (and
 * about 0.5 KB less heap per connection for every full garbage collection to walk).
 */
function forgetHandshake(socket: TsunagariSocket): void {
  const conn = socket.conn as unknown as { request: { headers: object; rawHeaders: string[]; _query?: object } | null };
  if (conn.request) {
    conn.request.headers = {};
    conn.request.rawHeaders = [];
    conn.request._query = {};
  }
  conn.request = null;
  socket.handshake.headers = {};
  socket.handshake.address = '';
}

/**
 * Wires the handshake (who is this socket?) and the per-domain handlers. Logs carry the role and
 * event only: never the handshake's address, headers or payloads.
 */
export function setupSockets(io: TsunagariServer, deps: SocketDeps): void {
  const { consultations, records, appointments, auth, log, resume, hours, routing, callers, starts } = deps;
  const pusher = new QueuePusher(io, routing, () => consultations.todayFigures());
  const handlers = new HandlerTable(log);
  registerConsultationHandlers(handlers, { service: consultations, routing, log, hours, starts });
  registerRoutingHandlers(handlers, routing, consultations, log);
  registerMessageHandlers(handlers, consultations);
  registerResumeHandlers(handlers, consultations, resume, log);
  registerRecordHandlers(handlers, records, log);
  registerAppointmentHandlers(handlers, appointments, log);
  routing.boot(routingEvents(io, routing, consultations, pusher));
  // Whichever event binds a client socket to her consultation (start, resume, resume by code),
  // she is present again: her grace period stops.
  io.sockets.adapter.on('join-room', (room: string, id: string) => {
    if (!room.startsWith('c:')) return;
    if (io.sockets.sockets.get(id)?.data.role !== 'client') return;
    routing.clientOnline(room.slice(2));
    pusher.rejoined(room.slice(2));
  });

  io.use((socket, next) => {
    const requested = (socket.handshake.auth as { role?: unknown } | undefined)?.role;
    if (requested === 'client') {
      // Bound to her consultation by consultation:start or consultation:resume, never by the handshake.
      // Her daily key is all that is kept of where she connects from (see forgetHandshake).
      socket.data = { role: 'client', consultationId: null, caller: callers.of(socket.request) };
      return next();
    }
    if (requested === 'staff') {
      const token = parseCookie(socket.handshake.headers.cookie ?? '')[STAFF_SESSION_COOKIE];
      const staff = sameOrigin(socket) ? auth.authenticate(token) : null;
      if (!staff) return next(new Error('NOT_AUTHENTICATED'));
      socket.data = { role: staff.role, staffId: staff.id };
      return next();
    }
    next(new Error('INVALID_PAYLOAD'));
  });

  const present = presence(io, routing);
  // Shared by every socket (called with the socket as `this`): no closure per connection.
  function onDisconnect(this: TsunagariSocket, reason: string): void {
    present.offline.call(this);
    log.debug({ event: 'socket.disconnected', role: this.data.role, reason }, 'socket disconnected');
  }

  io.on('connection', (socket) => {
    forgetHandshake(socket);
    const data = socket.data;
    if (data.role !== 'client') {
      void socket.join([rooms.staff, rooms.staffMember(data.staffId)]);
      for (const c of consultations.mine(data.staffId)) void socket.join(rooms.consultation(c.consultationId));
    }
    log.debug({ event: 'socket.connected', role: data.role }, 'socket connected');
    handlers.attach(socket);
    present.online(socket);
    socket.on('disconnect', onDisconnect);
  });
}
