import type { RoutingEvents } from '../domain/routing/events.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { QueuePusher } from './queue-pusher.js';
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

type Deps = Pick<Services, 'consultations' | 'presenter' | 'counselors'> & { log: Logger };

/** Pushes for what routing reports. Queue and counselor changes go through the pusher, coalesced. */
export function routingEvents(io: TsunagariServer, deps: Deps, pusher: QueuePusher): RoutingEvents {
  const { consultations, presenter, counselors, log } = deps;
  const moveStaffSockets = (consultationId: string, from: string | null, to: string | null) => {
    if (from) io.in(rooms.staffMember(from)).socketsLeave(rooms.consultation(consultationId));
    if (to) io.in(rooms.staffMember(to)).socketsJoin(rooms.consultation(consultationId));
  };
  /** Her widget learns who holds her chat now, and since when (a new assignment: it re-keys). */
  const tellClient = async (consultationId: string, staffId: string, assignedAt: string) => {
    const counselor = await counselors.identity(staffId);
    io.to(rooms.consultation(consultationId)).except(rooms.staffMember(staffId)).emit('consultation:assigned', { consultationId, counselor, assignedAt });
  };
  return {
    offered: (staffId, offer) => void io.to(rooms.staffMember(staffId)).emit('queue:offer', offer),
    offerWithdrawn: (staffId, consultationId, reason) => void io.to(rooms.staffMember(staffId)).emit('queue:offer-withdrawn', { consultationId, reason }),
    changed: (what) => pusher.changed(what),
    assigned: async (consultationId, staffId, assignedAt) => {
      moveStaffSockets(consultationId, null, staffId);
      await tellClient(consultationId, staffId, assignedAt);
    },
    transferred: async (consultationId, from, to, assignedAt) => {
      moveStaffSockets(consultationId, from, to);
      io.to(rooms.staffMember(from)).emit('consultation:released', { consultationId });
      const c = await consultations.access({ role: 'counselor', staffId: to }, consultationId);
      io.to(rooms.staffMember(to)).emit('consultation:incoming', { consultation: await presenter.forStaff(c, to), fromStaffId: from });
      // Her widget, when connected, starts a new key epoch and seals it to the new counselor.
      await tellClient(consultationId, to, assignedAt);
    },
    requeued: (consultationId, from) => {
      io.to(rooms.staffMember(from)).emit('consultation:released', { consultationId });
      moveStaffSockets(consultationId, from, null);
      io.to(rooms.consultation(consultationId)).emit('consultation:requeued', { consultationId });
    },
    stillWaiting: (consultationId, answerBy) => {
      io.to(rooms.consultation(consultationId)).emit('queue:still-waiting', { consultationId, answerBy });
    },
    abandoned: (consultationId) => {
      io.to(rooms.consultation(consultationId)).emit('consultation:ended', { consultationId, endedBy: 'client', reason: 'abandoned' });
    },
    clientAway: (consultationId, staffId, away, endsAt) => {
      io.to(rooms.staffMember(staffId)).emit('consultation:client-away', { consultationId, away, endsAt });
    },
    clientGone: (consultationId) => {
      io.to(rooms.consultation(consultationId)).emit('consultation:ended', { consultationId, endedBy: 'client', reason: 'client_gone' });
      log.info({ event: 'consultation.ended', by: 'client', reason: 'client_gone' }, 'consultation ended');
    },
    failed: (caught) => {
      log.error({ event: 'routing.failed', err: describeError(caught) }, 'routing work outside a handler failed');
    },
  };
}

/**
 * Presence, for offers and grace periods: `online` when a socket connects, `offline` when it
 * leaves. Made once per server; `offline` is a disconnect listener shared by every socket (called
 * with the socket as `this`), so a connection holds no closure of its own for it.
 */
export function presence(io: TsunagariServer, routing: Services['routing'], failed: (caught: unknown) => void): { online(socket: TsunagariSocket): void; offline(this: TsunagariSocket): void } {
  return {
    online: (socket) => {
      // A client is online for her consultation once she is bound to it (the join-room hook).
      if (socket.data.role !== 'client') routing.staffOnline(socket.data.staffId).catch(failed);
    },
    offline(this: TsunagariSocket): void {
      const d = this.data;
      if (d.role === 'client') {
        const cid = d.consultationId;
        if (cid && !anyOther(io, rooms.consultation(cid), this.id, (s) => s.data.role === 'client')) routing.clientOffline(cid).catch(failed);
      } else if (!anyOther(io, rooms.staffMember(d.staffId), this.id, () => true)) {
        routing.staffOffline(d.staffId).catch(failed);
      }
    },
  };
}
