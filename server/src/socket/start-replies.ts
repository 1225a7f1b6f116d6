import type { ConsultationStartPayload } from '@tsunagari/shared';
import type { ClientSocket } from './types.js';

/** What a start told her widget, kept with the request that asked it. */
interface StartReply {
  request: string;
  consultationId: string;
  clientToken: string;
}

/**
 * The start each client socket made, so that the same start sent again on the same socket (its
 * ack was lost: a drop in the mobile network, a timeout) is answered with the same consultation
 * rather than INVALID_STATE, which sent her widget to start a second consultation at the back of
 * the queue. Only the very same request matches (campaign, urgent flag and proof of work): the
 * proof cannot be spent twice, so a retry carries the one that was spent. Held in a WeakMap with
 * the socket (her client token, which storage keeps only as a hash, lives in memory as long as
 * the socket that was told it, and goes with it).
 */
export class StartReplies {
  private readonly bySocket = new WeakMap<ClientSocket, StartReply>();

  /** Remembers what this socket's start answered. */
  started(socket: ClientSocket, payload: ConsultationStartPayload, consultationId: string, clientToken: string): void {
    this.bySocket.set(socket, { request: JSON.stringify(payload), consultationId, clientToken });
  }

  /** The earlier answer's consultation and token when this is the same start again on the same socket; otherwise null. */
  again(socket: ClientSocket, payload: ConsultationStartPayload): { consultationId: string; clientToken: string } | null {
    const earlier = this.bySocket.get(socket);
    if (!earlier || earlier.consultationId !== socket.data.consultationId || earlier.request !== JSON.stringify(payload)) return null;
    return { consultationId: earlier.consultationId, clientToken: earlier.clientToken };
  }
}
