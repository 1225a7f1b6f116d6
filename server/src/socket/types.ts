import type { ClientToServerEvents, ServerToClientEvents, StaffRole } from '@tsunagari/shared';
import type { Server, Socket } from 'socket.io';

/**
 * What the server remembers about a socket. `caller` is her daily key (a salted hash that changes
 * every day, for the start limit), never her address.
 */
export type SocketData =
  | { role: 'client'; consultationId: string | null; caller: string }
  | { role: StaffRole; staffId: string };

export type TsunagariServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TsunagariSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Room names, in one place so every emitter agrees. */
export const rooms = {
  /** Everyone taking part in one consultation: her sockets and her counselor's. */
  consultation: (id: string) => `c:${id}`,
  /** Every socket of one staff member (she may have the console open twice). */
  staffMember: (id: string) => `s:${id}`,
  /** All staff sockets, for queue updates. */
  staff: 'staff',
} as const;
