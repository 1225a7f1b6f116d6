import { clientPerson, type NodePresence, personOf, staffPerson } from '../cluster/node-presence.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { TsunagariServer, TsunagariSocket } from './types.js';

/**
 * This node's sockets in the shared presence registry (issue 17, several nodes only): a staff
 * socket when it connects, a woman's once it is bound to her consultation, gone when its own
 * disconnect runs. While this node runs the one-node jobs it sweeps, once a heartbeat, for the
 * sockets of nodes whose heartbeat is gone: those are disconnected now, as if each had dropped —
 * a counselor goes offline and her chats wait for her grace, a woman keeps her place (or her chat)
 * for hers, and comes back through any node. Sweeps claim entries atomically: two never both act.
 */
export class NodeSockets {
  private closing = false;

  constructor(
    private readonly io: TsunagariServer,
    private readonly registry: NodePresence,
    private readonly routing: Services['routing'],
    private readonly log: Logger,
    private readonly failed: (caught: unknown) => void,
  ) {
    registry.onLapse(() => this.recordAgain());
  }

  /** A staff socket connected here. */
  staffOpened(socket: TsunagariSocket): void {
    if (this.closing || socket.data.role === 'client') return;
    this.registry.add(socket.id, staffPerson(socket.data.staffId)).catch(this.failed);
  }

  /** A woman's socket here was bound to her consultation (start, resume, resume by code). */
  clientBound(socketId: string, consultationId: string): void {
    if (this.closing) return;
    this.registry.add(socketId, clientPerson(consultationId)).catch(this.failed);
  }

  /** A socket's own disconnect ran here. */
  closed(socket: TsunagariSocket): void {
    // A woman's socket never bound to a consultation was never recorded.
    if (this.closing || (socket.data.role === 'client' && !socket.data.consultationId)) return;
    this.registry.remove(socket.id).catch(this.failed);
  }

  /**
   * The node is shutting down: routing here has stopped, so its sockets' disconnects tell nobody.
   * Their entries stay, and go with the heartbeat this node removes as it stops: the next sweep
   * treats them as a dead node's (who reconnected elsewhere meanwhile is not taken for gone).
   */
  close(): void {
    this.closing = true;
  }

  /** Sweeps now and once a heartbeat until the returned stop (which waits for a sweep under way). */
  startSweeping(): () => Promise<void> {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let turn: Promise<void> = Promise.resolve();
    const tick = () => {
      turn = this.sweepOnce().catch(this.failed).finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, this.registry.beatMs);
        timer.unref?.();
      });
    };
    tick();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await turn;
    };
  }

  private async sweepOnce(): Promise<void> {
    const { nodes, gone } = await this.registry.sweep();
    if (nodes.length === 0) return;
    this.log.warn({ event: 'node.swept', nodes: nodes.length, people: gone.length }, 'sockets of nodes whose heartbeat is gone taken for disconnected');
    for (const entry of gone) {
      const person = personOf(entry);
      if (person?.kind === 'staff') {
        await this.routing.counselors.offline(person.staffId);
        // Back through another node between the sweep and her slot's change: online again.
        if (await this.registry.anywhere(entry)) await this.routing.counselors.online(person.staffId);
      } else if (person) {
        await this.routing.absence.offline(person.consultationId);
      }
    }
    // The dead node's own timers (for people who had dropped before it died) are taken on here.
    await this.routing.crossNode.adoptTimers();
  }

  /** After a lapse of this node's heartbeat: its sockets recorded again, its staff online again. */
  private recordAgain(): void {
    for (const socket of this.io.sockets.sockets.values()) {
      const d = socket.data;
      if (d.role !== 'client') {
        this.staffOpened(socket);
        this.routing.counselors.online(d.staffId).catch(this.failed);
      } else if (d.consultationId) {
        this.clientBound(socket.id, d.consultationId);
      }
    }
  }
}
