import type { CounselorIdentity, EndReason, EnvelopePayload, MessageBody, SealedEpochKey, SenderRole, ServerToClientEvents, StoredMessage } from '@tsunagari/shared';
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
  /** The counselor's keys could not be trusted (see {@link UnsafeReason}): nothing was sent. */
  | 'unsafe'
  /** Over; memory wiped. */
  | 'ended';

/** The socket's state, shown to her whenever it is not `connected`. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** One message as the widget shows it. Plaintext lives only here, in memory. */
/** Why the relay would store no more of her messages (see {@link ChatMessage.failedLimit}). */
export type SendLimit = 'waiting' | 'full' | 'storage';

/** The send limit an error code names, if any (`storage`: the relay's disk is full, STORAGE_FULL). */
export function sendLimitOf(error: string): SendLimit | null {
  return error === 'WAITING_LIMIT' ? 'waiting' : error === 'CONSULTATION_FULL' ? 'full' : error === 'STORAGE_FULL' ? 'storage' : null;
}

export interface ChatMessage {
  /** Stable key for rendering: `s<id>` once stored, `c<epoch>.<seq>` for her own before the ack. */
  key: string;
  /** Server id (orders both senders); null while her message is not yet acknowledged. */
  id: number | null;
  from: SenderRole;
  /** The key epoch it was sealed in. */
  epoch: number;
  /** Per-sender sequence number within the epoch. */
  seq: number;
  /** Null when the message could not be decrypted. */
  text: string | null;
  /**
   * When the sender wrote it, by her device's clock, from inside the ciphertext (the relay keeps
   * no time). Absent when it did not decrypt or was sealed before times moved inside.
   */
  writtenAt?: string;
  state: 'sent' | 'pending' | 'failed';
  /** Failed because she sent too many too fast (RATE_LIMITED): she is asked to wait a moment. */
  failedBusy?: boolean;
  /**
   * Failed because the relay keeps no more of hers: `waiting` while nobody has answered yet
   * (WAITING_LIMIT: she can write again once a counselor replies), `full` when this chat holds
   * as much as it can (CONSULTATION_FULL), `storage` when the relay's disk is full
   * (STORAGE_FULL: she may try again later, or call or mail). The log says so in words.
   */
  failedLimit?: SendLimit;
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

/** Why the widget would not seal her keys to a counselor; the 'unsafe' screen says it plainly. */
export type UnsafeReason =
  /** The counselor's keys are not confirmed by the organisation's pinned key as a counselor's (signature, role, or someone else's statement). */
  | 'unconfirmed'
  /** Her statement is outside its validity (expired, or not valid yet). */
  | 'expired'
  /** The organisation revoked her keys (she has left, or was disabled). */
  | 'revoked'
  /** A chunk of the widget's code was not the build's (its SHA-384 differed): it was not run. */
  | 'code';

/** The check before sealing: the box key to seal to, or why not. */
export type TrustVerdict = { ok: true; boxPublicKey: string } | { ok: false; reason: UnsafeReason };

/** A message as it is opened: who sent it, under which key epoch and seq, and the ciphertext. */
export type SealedMessage = Pick<StoredMessage, 'senderRole' | 'keyEpoch' | 'seq' | 'nonce' | 'ciphertext'>;

/**
 * The crypto a consultation needs, around her session keys in memory: one per key epoch (epoch 0
 * first; a new one whenever someone new holds her chat).
 */
export interface SessionCrypto {
  /**
   * Whether her keys may be sealed to this counselor: the statement verified against the pinned
   * organisation key, role counselor, within its validity, not revoked (the relay's signed list is
   * fetched first and kept if newer), and about the staff member the server named.
   */
  verify(counselor: CounselorIdentity): Promise<TrustVerdict>;
  /** The newest key epoch she holds: her messages are sealed with it. */
  epoch(): number;
  /** Starts the epoch after both her newest and `floor` with a fresh key; false at the last epoch (the key stays). */
  rotate(floor: number): boolean;
  /** Every epoch's key she holds, sealed to a box key that {@link verify} returned. */
  sealKeysFor(boxPublicKey: string): SealedEpochKey[];
  /** Her message (text, or her intake answers) as envelope `seq` of the newest epoch. */
  seal(consultationId: string, seq: number, body: MessageBody): EnvelopePayload;
  /** The decrypted body (with the key of its epoch, as `consultationId`'s), or null when it does not open. */
  open(consultationId: string, message: SealedMessage): MessageBody | null;
  /** Her keys, base64url, by epoch ('' for an epoch this device never held): sessionStorage keeps them for a reload of the tab. */
  exportKeys(): string[];
  /** Replaces her keys (after a reload). */
  importKeys(keys: readonly string[]): void;
  /** A new resume code, its lookup value, and her keys wrapped under it (its code loads on first use). */
  newResumeCode(): Promise<{ code: string; lookup: string; wrappedKey: string }>;
  /** The lookup for a typed code and a way to unwrap the keys the server returns; null if malformed. */
  resumeKeys(code: string): Promise<{ lookup: string; unwrap(wrappedKey: string): boolean } | null>;
  /** Zeroes her keys. */
  wipe(): void;
}

/** What the heavy, lazily loaded half provides. */
export interface SessionDeps {
  socket: RelaySocket;
  crypto: SessionCrypto;
}

export type LoadSession = (server: string, orgKey: string) => Promise<SessionDeps>;

export type { EndReason };
