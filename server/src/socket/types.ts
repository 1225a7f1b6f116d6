import type { ClientToServerEvents, ServerToClientEvents, StaffRole } from '@tsunagari/shared';
import type { Server, Socket } from 'socket.io';

/** What the server remembers about a client socket: `caller` is her daily key (a salted hash that changes every day, for the start limit), never her address. */
export type ClientData = { role: 'client'; consultationId: string | null; caller: string };
/**
 * What the server remembers about a staff socket: who, and the hash of the session it came with
 * (the gate checks that session on every event; ending it closes the socket).
 */
export type StaffData = { role: StaffRole; staffId: string; sessionHash: string };
export type SocketData = ClientData | StaffData;

/**
 * What one relay node tells the others (issue 17; `io.serverSideEmit` through the Redis adapter):
 * an admin saved the program's settings there, so each node reads them again from the database.
 */
export interface InterNodeEvents {
  'settings:changed': () => void;
  /** A waiting woman spoke through the sending node (`answered`: her answer to 「まだお待ちですか？」). */
  'routing:client-spoke': (consultationId: string, answered: boolean) => void;
  /** A woman's socket was bound to her consultation through the sending node (a parked chat elsewhere is hers again). */
  'routing:client-back': (consultationId: string) => void;
  /** The sending node changed the queue or the counselors: each node tells its own waiting women their places. */
  'queue:moved': () => void;
}

export type TsunagariServer = Server<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, SocketData>;
export type TsunagariSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, SocketData>;
/** A socket the handler table let through as a client's. */
export type ClientSocket = TsunagariSocket & { data: ClientData };
/** A socket the handler table let through as a staff member's. */
export type StaffSocket = TsunagariSocket & { data: StaffData };

/** Room names, in one place so every emitter agrees. */
export const rooms = {
  /** Everyone taking part in one consultation: her sockets and her counselor's. */
  consultation: (id: string) => `c:${id}`,
  /** Every socket of one staff member (she may have the console open twice). */
  staffMember: (id: string) => `s:${id}`,
  /** Every socket opened with one staff session (logout or a password change closes them). */
  staffSession: (tokenHash: string) => `ss:${tokenHash}`,
  /** All staff sockets, for queue updates. */
  staff: 'staff',
} as const;
