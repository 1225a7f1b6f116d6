/**
 * Who has a socket on which node, and which nodes are alive (issue 17). Each node has a random id
 * for its process and renews a heartbeat with a short lifetime; every socket it holds for a
 * counselor or a woman is recorded under that id. A node that dies (SIGKILL, a lost machine) runs
 * no disconnect for its sockets, so its entries stay behind: once its heartbeat is gone, the node
 * that runs the one-node jobs claims them ({@link NodePresence.sweep}) and treats those sockets as
 * disconnected then.
 *
 * One process has no such registry: its sockets' disconnects always run (`socket/routing-events.ts`).
 */
export interface NodePresence {
  /** This process's node id (random per start; the job lock names its holder with it). */
  readonly nodeId: string;
  /** How often the heartbeat is renewed, in ms; it lives three times as long. */
  readonly beatMs: number;
  /** A socket of this node stands for `person` ({@link staffPerson} or {@link clientPerson}). */
  add(socketId: string, person: string): Promise<void>;
  /** The socket left this node (its own disconnect ran). */
  remove(socketId: string): Promise<void>;
  /** Whether `person` has a socket on a node whose heartbeat lives. */
  anywhere(person: string): Promise<boolean>;
  /**
   * Claims the entries of every node whose heartbeat is gone, atomically, so two sweeps never both
   * get one: the people they leave with no socket on a live node, and the nodes swept.
   */
  sweep(): Promise<{ nodes: string[]; gone: string[] }>;
  /**
   * Called after a renewal that found this node's heartbeat gone (a pause longer than its
   * lifetime): its entries may have been swept while its sockets stayed, and must be made again.
   */
  onLapse(listener: () => void): void;
}

/** A counselor's (or any staff member's) entry. */
export const staffPerson = (staffId: string): string => `s:${staffId}`;

/** A woman's entry, by the consultation her socket is bound to. */
export const clientPerson = (consultationId: string): string => `c:${consultationId}`;

/** Which person an entry names. */
export function personOf(entry: string): { kind: 'staff'; staffId: string } | { kind: 'client'; consultationId: string } | null {
  if (entry.startsWith('s:')) return { kind: 'staff', staffId: entry.slice(2) };
  if (entry.startsWith('c:')) return { kind: 'client', consultationId: entry.slice(2) };
  return null;
}
