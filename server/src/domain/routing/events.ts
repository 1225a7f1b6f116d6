import type { QueueOffer } from '@tsunagari/shared';
import type { RouterListener } from './router.js';
import type { WithdrawReason } from './types.js';

/** What changed, for the pushes that show it. */
export interface RoutingChange {
  /** Queue order, positions, estimates, or today's figures. */
  queue?: true;
  /** Counselors' status, capacity or load. */
  counselors?: true;
}

/** What routing tells the socket layer; each becomes pushes to the people concerned. */
export interface RoutingEvents {
  offered(staffId: string, offer: QueueOffer): void;
  /** `at`: when the offer still stood, just before it was withdrawn (see RouterListener). */
  offerWithdrawn(staffId: string, consultationId: string, reason: WithdrawReason, at: number): void;
  /**
   * The queue, the counselors, or both changed. Called as often as things change; whoever
   * listens coalesces, so one turn's changes make one push (see QueuePusher).
   */
  changed(what: RoutingChange): void;
  /**
   * A waiting client was assigned (accepted offer or take) at `assignedAt` (ISO). Awaited before
   * the take answers, so she is told before her counselor can write.
   */
  assigned(consultationId: string, staffId: string, assignedAt: string): Promise<void>;
  /** A chat moved from one counselor to another at `assignedAt` (ISO); awaited like {@link assigned}. */
  transferred(consultationId: string, fromStaffId: string, toStaffId: string, assignedAt: string): Promise<void>;
  /** A chat went back to the queue (transfer to the queue, or her counselor's grace ran out). */
  requeued(consultationId: string, fromStaffId: string): void;
  /** A waiting client silent for the silence period is asked whether she still waits, until `answerBy` (ISO). */
  stillWaiting(consultationId: string, answerBy: string): void;
  /** A waiting client did not come back within her grace period. */
  abandoned(consultationId: string): void;
  /**
   * Her active chat's client has been gone for the away period (parked, `away` true, ending at
   * `endsAt` unless she comes back), or came back to a parked chat (`away` false).
   */
  clientAway(consultationId: string, staffId: string, away: boolean, endsAt: string | null): void;
  /** A parked chat ended: she did not come back ('client_gone'). */
  clientGone(consultationId: string): void;
  /**
   * Several nodes (issue 17): a waiting woman spoke (a message, or her answer to 「まだお待ちですか？」)
   * through this node. Her silence timer runs on the node where she started, which did not see it:
   * the other nodes are told, and count it if they time her (see `WaitingSilence.spokeElsewhere`).
   * Absent with one node.
   */
  clientSpokeHere?(consultationId: string, answered: boolean): void;
  /**
   * Several nodes (issue 17): a woman's socket was bound to her consultation through this node.
   * Her chat may be parked on the node that timed her absence: the other nodes are told, and the
   * one that parked it tells her counselor she is back (see `ClientAbsence.backElsewhere`).
   * Absent with one node.
   */
  clientBackHere?(consultationId: string): void;
  /** Work started by a timer failed; nobody else would hear of it. */
  failed(caught: unknown): void;
}

/** The router's offers told through routing's events (to whoever is attached: nothing before boot). */
export function offerEvents(events: () => RoutingEvents | null): RouterListener {
  return {
    offered: (offer, item) =>
      events()?.offered(offer.staffId, {
        consultationId: offer.consultationId,
        urgent: item.urgent,
        requeued: item.requeued,
        queuedAt: item.queuedAt,
        expiresAt: new Date(offer.expiresAt).toISOString(),
      }),
    offerWithdrawn: (offer, reason, at) => events()?.offerWithdrawn(offer.staffId, offer.consultationId, reason, at),
    failed: (caught) => events()?.failed(caught),
  };
}
