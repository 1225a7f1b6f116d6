import type { CounselorIdentity, EndReason, EnvelopePayload, MessageBody, SenderRole, ServerToClientEvents, StoredMessage } from '@tsunagari/shared';
import type { IntakeAnswers, Request, RequestError } from '@tsunagari/shared/client';

export type { IntakeAnswers, RequestError };

/** Where she is in the consultation. The launcher/panel open state is UI state, not here. */
export type Phase =
  /** Nothing started yet (launcher and first screen). */
  | 'idle'
  /** Loading the crypto and socket code, connecting, asking for a place in line. */
  | 'connecting'
  /** In the queue. */
  | 'waiting'
  /** A verified counselor holds the session key; messages flow. */
  | 'chat'
  /** The counselor's keys were not signed by the pinned organisation key: nothing was sent. */
  | 'unsafe'
  /** Over; memory wiped. */
  | 'ended';

/** The socket's state, shown to her whenever it is not `connected`. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** One message as the widget shows it. Plaintext lives only here, in memory. */
export interface ChatMessage {
  /** Stable key for rendering: `s<id>` once stored, `c<seq>` for her own before the ack. */
  key: string;
  /** Server id (orders both senders); null while her message is not yet acknowledged. */
  id: number | null;
  from: SenderRole;
  /** Per-sender sequence number. */
  seq: number;
  /** Null when the message could not be decrypted. */
  text: string | null;
  state: 'sent' | 'pending' | 'failed';
  /** Failed because she sent too many too fast (RATE_LIMITED): she is asked to wait a moment. */
  failedBusy?: boolean;
  /** Set on her intake answers (seq 1): sent like a message, never shown in the log. */
  intake?: IntakeAnswers;
}

/** Socket lifecycle as the session needs it. */
export type SocketStatusEvent =
  | { type: 'connected' }
  | { type: 'reconnecting' }
  | { type: 'closed' };

/**
 * The narrow socket surface the session uses. `relay-socket.ts` adapts a real Socket.IO client
 * to it; unit tests use a fake. Keeping it narrow keeps the session testable in Node.
 */
export interface RelaySocket {
  /** Emits with an ack and a timeout; never rejects. */
  request: Request;
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void;
  onStatus(handler: (event: SocketStatusEvent) => void): void;
  /** Closes for good (no reconnection). */
  close(): void;
}

/** The crypto a consultation needs, around one in-memory session key. */
export interface SessionCrypto {
  /** True only if the pinned organisation key signed this counselor's keys. */
  verify(counselor: CounselorIdentity): boolean;
  /** The session key sealed to the counselor's box key. Call only after {@link verify}. */
  sealKeyFor(counselor: CounselorIdentity): string;
  /** Her message (text, or her intake answers as an `intake` message) as envelope number `seq`. */
  seal(consultationId: string, seq: number, body: MessageBody): EnvelopePayload;
  /** The decrypted body, or null when the message does not decrypt or has the wrong shape. */
  open(message: StoredMessage): MessageBody | null;
  /** The session key, base64url (kept in sessionStorage so a reload of the tab can go on). */
  exportKey(): string;
  /** Replaces the session key (after a reload, or one unwrapped with a resume code). */
  importKey(key: string | Uint8Array): void;
  /** A new resume code, its lookup value, and the session key wrapped under it. */
  newResumeCode(): { code: string; lookup: string; wrappedKey: string };
  /** The lookup for a typed code and a way to unwrap the key the server returns; null if malformed. */
  resumeKeys(code: string): { lookup: string; unwrap(wrappedKey: string): boolean } | null;
  /** Zeroes the session key. */
  wipe(): void;
}

/** What the heavy, lazily loaded half provides. */
export interface SessionDeps {
  socket: RelaySocket;
  crypto: SessionCrypto;
}

export type LoadSession = (server: string, orgKey: string) => Promise<SessionDeps>;

export type { EndReason };
