import type { RoutingEvents } from '../domain/routing/events.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { QueuePusher } from './queue-pusher.js';
import { rooms, type SocketData, type TsunagariServer, type TsunagariSocket } from './types.js';

/** Whether another socket than `except` in a room, on this node, matches. */
function anyOther(io: TsunagariServer, room: string, except: string, match: (d: SocketData) => boolean): boolean {
  for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
    if (id === except) continue;
    const s = io.sockets.sockets.get(id);
    if (s && match(s.data)) return true;
  }
  return false;
}

/**
 * Runs `then` when no other socket than `except` in the room matches. One node: this node's
 * sockets, at once. Several nodes (issue 17): when none here does, the other nodes are asked
 * (`fetchSockets` through the adapter), so a counselor whose other tab is on another node is not
 * taken for gone. When they do not all answer (a node stalled, or thousands of such questions
 * at once), `ifUnanswered` says whether `then` runs all the same.
 */
function whenNoOther(io: TsunagariServer, shared: boolean, room: string, except: string, match: (d: SocketData) => boolean, then: () => Promise<unknown>, failed: (caught: unknown) => void, ifUnanswered: 'act' | 'leave'): void {
  if (anyOther(io, room, except, match)) return;
  if (!shared) return void then().catch(failed);
  io.in(room)
    .fetchSockets()
    .then(
      (found) => (found.some((s) => s.id !== except && match(s.data)) ? undefined : then()),
      (caught: unknown) => {
        failed(caught);
        if (ifUnanswered === 'act') return then();
      },
    )
    .catch(failed);
}

type Deps = Pick<Services, 'consultations' | 'presenter' | 'counselors'> & { log: Logger };

/**
 * Pushes for what routing reports. Queue and counselor changes go through the pusher, coalesced.
 * With several nodes (`shared`) it also tells the other nodes when a waiting woman speaks through this one.
 */
export function routingEvents(io: TsunagariServer, deps: Deps, pusher: QueuePusher, shared = false): RoutingEvents {
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
    offerWithdrawn: (staffId, consultationId, reason, at) => void io.to(rooms.staffMember(staffId)).emit('queue:offer-withdrawn', { consultationId, reason, withdrawnAt: new Date(at).toISOString() }),
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
    ...(shared ? {
      clientSpokeHere: (consultationId: string, answered: boolean) => void io.serverSideEmit('routing:client-spoke', consultationId, answered),
      clientBackHere: (consultationId: string) => void io.serverSideEmit('routing:client-back', consultationId),
    } : {}),
  };
}

/**
 * Presence, for offers and grace periods: `online` when a socket connects, `offline` when it
 * leaves. Made once per server; `offline` is a disconnect listener shared by every socket (called
 * with the socket as `this`), so a connection holds no closure of its own for it.
 */
export function presence(io: TsunagariServer, routing: Services['routing'], failed: (caught: unknown) => void, shared = false): { online(socket: TsunagariSocket): void; offline(this: TsunagariSocket): void } {
  return {
    online: (socket) => {
      // A client is online for her consultation once she is bound to it (the join-room hook).
      if (socket.data.role !== 'client') routing.counselors.online(socket.data.staffId).catch(failed);
    },
    offline(this: TsunagariSocket): void {
      const d = this.data;
      if (d.role === 'client') {
        const cid = d.consultationId;
        // Unanswered, her grace starts all the same: before it ends anything it asks the presence
        // registry whether she has a socket on any node, so a wrong start ends nothing, where no
        // start would leave her waiting with no grace at all (found holding 30,000 on 3 nodes).
        if (cid) whenNoOther(io, shared, rooms.consultation(cid), this.id, (o) => o.role === 'client', () => routing.absence.offline(cid), failed, 'act');
      } else {
        const gone = this.id;
        const room = rooms.staffMember(d.staffId);
        whenNoOther(io, shared, room, gone, () => true, async () => {
          await routing.counselors.offline(d.staffId);
          // Several nodes: her next socket may have reached another node after this one looked, and
          // that node's "online" may have landed before this "offline" (each node's presence work
          // is in order only on that node). Left so, she would be shown offline while connected,
          // get no offers, and at the end of her grace lose her live chats to the queue. Looked
          // for once more after the write: a socket of hers anywhere puts her back online.
          if (shared && (await io.in(room).fetchSockets()).some((s) => s.id !== gone)) await routing.counselors.online(d.staffId);
          // Unanswered, she stays online: taken for gone while connected elsewhere, her live chats
          // would go back to the queue at the end of her grace.
        }, failed, 'leave');
      }
    },
  };
}
