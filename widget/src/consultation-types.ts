import type {
  AckResult,
  ClientToServerEvents,
  CounselorIdentity,
  EndReason,
  EnvelopePayload,
  ErrorCode,
  SenderRole,
  ServerToClientEvents,
  StoredMessage,
} from '@tsunagari/shared';

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

/** A failed request: a server error code, or no answer in time. */
export type RequestError = ErrorCode | 'TIMEOUT';

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
  /** Her own unacknowledged envelope, kept so a retry sends the very same seq. */
  envelope?: EnvelopePayload;
}

/** The data an event's ack carries on success. */
export type AckData<E extends keyof ClientToServerEvents> = ClientToServerEvents[E] extends (
  payload: never,
  ack: (result: AckResult<infer T>) => void,
) => void
  ? T
  : never;

/** The payload an event sends. */
export type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/** Socket lifecycle as the controller needs it. */
export type SocketStatusEvent =
  | { type: 'connected'; first: boolean }
  | { type: 'reconnecting' }
  | { type: 'closed' };

/**
 * The narrow socket surface the controller uses. `transport.ts` adapts a real Socket.IO client
 * to it; unit tests use a fake. Keeping it narrow keeps the controller testable in Node.
 */
export interface RelaySocket {
  /** Emits with an ack and a timeout; never rejects. */
  request<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Payload<E>,
  ): Promise<{ ok: true; data: AckData<E> } | { ok: false; error: RequestError }>;
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
  sealText(consultationId: string, seq: number, text: string): EnvelopePayload;
  /** Plaintext, or null when the message does not decrypt or has the wrong shape. */
  open(message: StoredMessage): string | null;
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
