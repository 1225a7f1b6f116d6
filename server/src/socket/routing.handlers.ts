import type { ConsultationService } from '../domain/consultations.js';
import type { RoutingEvents, RoutingService } from '../domain/routing-service.js';
import { errors } from '../errors.js';
import type { Logger } from '../log.js';
import { actorOf } from './actor.js';
import type { QueuePusher } from './queue-pusher.js';
import type { HandlerTable } from './handle.js';
import { rooms, type TsunagariServer, type TsunagariSocket } from './types.js';

/** Whether another socket than `except` in a room matches. */
function anyOther(io: TsunagariServer, room: string, except: string, match: (s: TsunagariSocket) => boolean): boolean {
  for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
    if (id === except) continue;
    const s = io.sockets.sockets.get(id);
    if (s && match(s)) return true;
  }
  return false;
}

/** Pushes for what routing reports. Every queue change also pushes each waiting client her place. */
export function routingEvents(io: TsunagariServer, routing: RoutingService, consultations: ConsultationService, pusher: QueuePusher): RoutingEvents {
  const moveStaffSockets = (consultationId: string, from: string | null, to: string | null) => {
    if (from) io.in(rooms.staffMember(from)).socketsLeave(rooms.consultation(consultationId));
    if (to) io.in(rooms.staffMember(to)).socketsJoin(rooms.consultation(consultationId));
  };
  return {
    offered: (staffId, offer) => void io.to(rooms.staffMember(staffId)).emit('queue:offer', offer),
    offerWithdrawn: (staffId, consultationId, reason) => void io.to(rooms.staffMember(staffId)).emit('queue:offer-withdrawn', { consultationId, reason }),
    queueChanged: () => pusher.changed(),
    counselorsChanged: () => pusher.counselorsChanged(),
    assigned: (consultationId, staffId) => {
      moveStaffSockets(consultationId, null, staffId);
      io.to(rooms.consultation(consultationId)).except(rooms.staffMember(staffId)).emit('consultation:assigned', {
        consultationId,
        counselor: consultations.counselorIdentity(staffId),
      });
    },
    transferred: (consultationId, from, to) => {
      moveStaffSockets(consultationId, from, to);
      io.to(rooms.staffMember(from)).emit('consultation:released', { consultationId });
      const c = consultations.access({ role: 'counselor', staffId: to }, consultationId);
      io.to(rooms.staffMember(to)).emit('consultation:incoming', { consultation: routing.forStaff(c, to), fromStaffId: from });
      // Her widget, when connected, re-seals the session key to the new counselor.
      io.to(rooms.consultation(consultationId)).except(rooms.staffMember(to)).emit('consultation:assigned', {
        consultationId,
        counselor: consultations.counselorIdentity(to),
      });
    },
    requeued: (consultationId, from) => {
      io.to(rooms.staffMember(from)).emit('consultation:released', { consultationId });
      moveStaffSockets(consultationId, from, null);
      io.to(rooms.consultation(consultationId)).emit('consultation:requeued', { consultationId });
    },
    abandoned: (consultationId) => {
      io.to(rooms.consultation(consultationId)).emit('consultation:ended', { consultationId, endedBy: 'client', reason: 'abandoned' });
    },
  };
}

/**
 * Presence, for offers and grace periods: `online` when a socket connects, `offline` when it
 * leaves. Made once per server; `offline` is a disconnect listener shared by every socket (called
 * with the socket as `this`), so a connection holds no closure of its own for it.
 */
export function presence(io: TsunagariServer, routing: RoutingService): { online(socket: TsunagariSocket): void; offline(this: TsunagariSocket): void } {
  return {
    online: (socket) => {
      // A client is online for her consultation once she is bound to it (the join-room hook).
      if (socket.data.role !== 'client') routing.staffOnline(socket.data.staffId);
    },
    offline(this: TsunagariSocket): void {
      const d = this.data;
      if (d.role === 'client') {
        const cid = d.consultationId;
        if (cid && !anyOther(io, rooms.consultation(cid), this.id, (s) => s.data.role === 'client')) routing.clientOffline(cid);
      } else if (!anyOther(io, rooms.staffMember(d.staffId), this.id, () => true)) {
        routing.staffOffline(d.staffId);
      }
    },
  };
}

/** The routing events: status, capacity, offers, transfer, read, typing. */
export function registerRoutingHandlers(handlers: HandlerTable, routing: RoutingService, consultations: ConsultationService, log: Logger): void {
  handlers.on('staff:status', (payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    const state = routing.setStatus(s.data.staffId, payload.status);
    log.info({ event: 'staff.status', status: payload.status }, 'counselor status changed');
    return state;
  });

  handlers.on('staff:capacity', (payload) => routing.setCapacity(payload.staffId, payload.capacity));

  handlers.on('staff:list', () => ({ counselors: routing.counselorStates() }));
  handlers.on('stats:today', () => consultations.todayFigures());

  handlers.on('offer:accept', (payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    const c = routing.take(s.data.staffId, payload.consultationId);
    log.info({ event: 'consultation.taken', via: 'offer' }, 'counselor accepted an offer');
    return routing.forStaff(c, s.data.staffId);
  });

  handlers.on('consultation:transfer', (payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    const c = consultations.access(actorOf(s), payload.consultationId);
    const result = routing.transfer(s.data.staffId, c, payload);
    log.info({ event: 'consultation.transferred', toQueue: payload.toStaffId === undefined, withKey: !!payload.sealedKey }, 'consultation transferred');
    return result;
  });

  handlers.on('consultation:read', (payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    const c = consultations.access(actorOf(s), payload.consultationId);
    return { lastReadId: routing.read(s.data.staffId, c, payload.lastReadId) };
  });

  handlers.on('typing:set', (payload, s) => {
    const actor = actorOf(s);
    const c = consultations.access(actor, payload.consultationId);
    if (c.status !== 'active') return {};
    // Relayed only, never stored; volatile so a slow link drops it rather than queueing it.
    s.volatile.to(rooms.consultation(c.id)).emit('typing:changed', { consultationId: c.id, role: actor.role, typing: payload.typing });
    return {};
  });
}
