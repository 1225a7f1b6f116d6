import type { CallerKeys } from '../http/client-key.js';
import type { StaffOrigin } from '../http/staff-origin.js';
import type { Limits } from '../limits.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import { registerAppointmentHandlers } from './appointment.handlers.js';
import { registerCalendarHandlers } from './calendar.handlers.js';
import { registerCaseLogHandlers } from './case-log.handlers.js';
import { registerDistributionHandlers } from './distribution.handlers.js';
import { KeyedSerial } from '../domain/routing/serial.js';
import { admitUnderCap, type CallerSocketCount, CallerSockets, OutboundCap } from './connection-limits.js';
import { registerConsultationHandlers } from './consultation.handlers.js';
import { EventBudgets } from './event-budget.js';
import { HandlerTable } from './handle.js';
import { forgetHandshake, identify } from './handshake.js';
import { registerKeyHandlers } from './key.handlers.js';
import { registerMessageHandlers } from './message.handlers.js';
import { OutsideChanges } from '../domain/staff/outside-changes.js';
import type { Scheduler } from '../scheduler.js';
import { QueuePusher } from './queue-pusher.js';
import { NodeSockets } from './node-sockets.js';
import type { NodePresence } from '../cluster/node-presence.js';
import { registerOutreachHandlers } from './outreach.handlers.js';
import { registerQueueHandlers } from './queue.handlers.js';
import { registerReportHandlers } from './report.handlers.js';
import { registerResumeHandlers } from './resume.handlers.js';
import { registerSettingsHandlers } from './settings.handlers.js';
import { presence, routingEvents } from './routing-events.js';
import { registerStaffHandlers } from './staff.handlers.js';
import { registerTrustHandlers } from './trust.handlers.js';
import { registerTypingHandlers } from './typing.handlers.js';
import { rooms, type TsunagariServer, type TsunagariSocket } from './types.js';

export type SocketDeps = Services & {
  log: Logger;
  /** Daily keys of callers, read from the handshake before it is forgotten. */
  callers: CallerKeys;
  /** Where staff sockets may come from (the console's origin). */
  staffOrigin: StaffOrigin;
  /** Moves when staff, sessions or the revocation list change in storage (the admin CLI included). */
  staffChanges: { version(): Promise<number> };
  scheduler: Scheduler;
  /** Budgets per socket, per caller and per consultation (README "Limits"). */
  limits: Limits;
  /** One of several nodes (issue 17): staff may be connected to another node, so pushes never skip for want of local staff. */
  shared?: boolean;
  /** Several nodes: this node's heartbeat and the registry of whose sockets are on which node. */
  nodePresence?: NodePresence | undefined;
  /** Called once when routing could not load, or the shared store lost what was restored into it: this process must start again. */
  mustStartAgain?: (() => void) | undefined;
  /** With several nodes: client sockets per caller network counted across them (default: this process's). */
  callerSockets?: ((max: number) => CallerSocketCount) | undefined;
};

/** Every inbound event's handler, one register call per event prefix. */
function handlerTable(deps: SocketDeps): HandlerTable {
  const handlers = new HandlerTable(deps.log, (data) => deps.auth.isLive(data.sessionHash), new EventBudgets(deps.limits.events));
  // One sender's messages and her end of a chat take effect in the order they arrived.
  const arrivalOrder = new KeyedSerial();
  registerConsultationHandlers(handlers, { ...deps, arrivalOrder });
  registerQueueHandlers(handlers, deps);
  registerStaffHandlers(handlers, deps);
  registerMessageHandlers(handlers, { ...deps, arrivalOrder });
  registerKeyHandlers(handlers, deps);
  registerTypingHandlers(handlers, deps);
  registerResumeHandlers(handlers, deps);
  registerReportHandlers(handlers, deps);
  registerAppointmentHandlers(handlers, deps);
  registerCalendarHandlers(handlers, deps);
  registerCaseLogHandlers(handlers, deps);
  registerOutreachHandlers(handlers, deps);
  registerDistributionHandlers(handlers, deps);
  registerTrustHandlers(handlers, deps);
  registerSettingsHandlers(handlers, deps);
  return handlers;
}

/**
 * Wires the handshake (who is this socket?), routing's pushes and the handlers. Logs carry the
 * role and event only: never the handshake's address, headers or payloads. Returns what shutdown
 * must stop: the pusher and the watch for changes made by the admin CLI; and, with several nodes,
 * this node's sockets in the shared registry (whose sweep runs with the one-node jobs).
 */
export function setupSockets(io: TsunagariServer, deps: SocketDeps): { pusher: QueuePusher; outside: OutsideChanges; nodeSockets: NodeSockets | null } {
  const { routing, consultations, log, auth, callers, staffOrigin, liveSessions, staff, counselors, settings } = deps;
  const pusher = new QueuePusher(io, deps, log, deps.scheduler, deps.shared ?? false);
  deps.demand.onCount = () => pusher.figuresChanged();
  const handlers = handlerTable(deps);
  // With several nodes the count is shared, so N nodes admit the cap once, not N times.
  const callerSockets = deps.callerSockets?.(deps.limits.socketsPerCaller) ?? new CallerSockets(deps.limits.socketsPerCaller);
  // A caller at her limit is refused before the upgrade; the handshake below checks again.
  io.engine.opts.allowRequest = admitUnderCap(callerSockets, callers);
  const outbound = new OutboundCap(deps.limits.outboundBufferBytes, log);
  const events = routingEvents(io, deps, pusher, deps.shared ?? false);
  // No socket is admitted before routing has loaded the queue it will be told about.
  const booted = routing.boot(events);
  booted.then(({ from }) => {
    if (!deps.shared) return;
    // Several nodes: whether this node restored routing from the database or joined a running cluster.
    log.info({ event: 'routing.booted', from }, 'routing loaded');
    // Redis keeps nothing on disk: restarted, it is empty while this node's routing runs on.
    routing.crossNode.watchStore(() => {
      log.error({ event: 'redis.memory_lost' }, 'Redis lost the queue it held (restarted or flushed): this node stops, to start again from the database');
      deps.mustStartAgain?.();
    });
  }, (caught: unknown) => {
    events.failed(caught);
    // Routing never loaded (Redis went away while it booted, the database failing its first
    // reads): this process would admit nobody for good while looking up. It stops to start
    // again — one node or several — so its supervisor sees it and tries again.
    log.error({ event: 'routing.boot_failed' }, 'routing could not load: this node stops, to start again');
    deps.mustStartAgain?.();
  });
  const nodeSockets = deps.nodePresence ? new NodeSockets(io, deps.nodePresence, routing, log, events.failed) : null;
  // Changes the admin CLI makes beside the running relay take effect here within a second; so do
  // capacities written straight to the database (routing offers by them on every node).
  const outside = new OutsideChanges(deps.scheduler, () => deps.staffChanges.version(), async () => void (await Promise.all([staff.reconcile(), routing.counselors.capacitiesFromDatabase()])), events.failed);
  booted.then(() => outside.start(), () => undefined);
  // A session that ended (logout, expiry, password change, disable) loses its sockets at once.
  liveSessions.onEnded((tokenHash) => io.in(rooms.staffSession(tokenHash)).disconnectSockets(true));
  staff.attach({
    disabled: (staffId) => routing.counselors.remove(staffId),
    trustChanged: (staffId) => {
      counselors.forget(staffId);
      io.to(rooms.staff).emit('trust:changed', {});
      // The board carries identities; a renewed statement must reach the consoles' transfer lists.
      pusher.changed({ counselors: true });
    },
  });
  // An admin's settings reach every open console at once (the board's long-wait alert).
  // With several nodes the node where the admin saved tells every console (through the adapter)
  // and the other nodes, which read the settings again from the database.
  settings.onChange((_s, savedOn) => {
    if (savedOn !== 'here') return;
    io.to(rooms.staff).emit('settings:changed', settings.view());
    if (deps.shared) io.serverSideEmit('settings:changed');
  });
  io.on('settings:changed', () => void settings.reload().catch(events.failed));
  // A waiting woman who spoke through another node: her silence timer may run here.
  io.on('routing:client-spoke', (consultationId: string, answered: boolean) => routing.silence.spokeElsewhere(consultationId, answered));
  // A woman bound through another node: a chat of hers parked here is hers again, her counselor told.
  io.on('routing:client-back', (consultationId: string) => void routing.absence.backElsewhere(consultationId).catch(events.failed));
  // Another node changed the queue: the women waiting here learn their places from this node.
  io.on('queue:moved', () => pusher.moved());
  // Whichever event binds a client socket to her consultation (start, resume, resume by code),
  // she is present again: her grace period stops.
  io.sockets.adapter.on('join-room', (room: string, id: string) => {
    if (!room.startsWith('c:')) return;
    if (io.sockets.sockets.get(id)?.data.role !== 'client') return;
    nodeSockets?.clientBound(id, room.slice(2));
    void routing.absence.online(room.slice(2)).catch(events.failed);
    pusher.rejoined(room.slice(2));
  });

  io.use((socket, next) => {
    identify(socket, auth, callers, staffOrigin).then((data) => {
      if (data === 'NOT_AUTHENTICATED') return next(new Error('NOT_AUTHENTICATED'));
      if (!data) return next(new Error('INVALID_PAYLOAD'));
      socket.data = data;
      // Staff sockets come with a live session, so only clients are counted per caller.
      if (data.role !== 'client') return void booted.then(() => next(), next);
      return Promise.resolve(callerSockets.open(data.caller)).then((admitted) => {
        if (!admitted) return next(new Error('RATE_LIMITED'));
        // Counted from here: given back once, when the socket disconnects or, if it never
        // connects (gone during the handshake), when its connection closes.
        let counted = true;
        const giveBack = (): void => {
          if (!counted) return;
          counted = false;
          callerSockets.closed(data.caller);
        };
        socket.once('disconnect', giveBack);
        socket.conn.once('close', giveBack);
        booted.then(() => next(), next);
      });
    }).catch(next);
  });

  const present = presence(io, routing, events.failed, deps.shared ?? false);
  // Shared by every socket (called with the socket as `this`): no closure per connection.
  function onDisconnect(this: TsunagariSocket, reason: string): void {
    nodeSockets?.closed(this);
    present.offline.call(this);
    log.debug({ event: 'socket.disconnected', role: this.data.role, reason }, 'socket disconnected');
  }

  io.on('connection', (socket) => {
    forgetHandshake(socket);
    const data = socket.data;
    outbound.watch(socket);
    if (data.role !== 'client') {
      // Her session may have ended while the handshake waited for routing to boot.
      if (!auth.isLive(data.sessionHash)) return void socket.disconnect(true);
      void socket.join([rooms.staff, rooms.staffMember(data.staffId), rooms.staffSession(data.sessionHash)]);
      // Read after she is in her own room: a chat she takes meanwhile joins her there, and is read here too.
      consultations.forConsole(data.staffId).then((mine) => {
        for (const c of mine) void socket.join(rooms.consultation(c.id));
      }, events.failed);
    }
    log.debug({ event: 'socket.connected', role: data.role }, 'socket connected');
    handlers.attach(socket);
    nodeSockets?.staffOpened(socket);
    present.online(socket);
    socket.on('disconnect', onDisconnect);
  });
  return { pusher, outside, nodeSockets };
}
