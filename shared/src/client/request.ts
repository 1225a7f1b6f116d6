import type { AckResult, ErrorCode } from '../protocol/errors.js';
import type { ClientToServerEvents } from '../protocol/events.js';

/** A client→server event name. */
export type ClientEvent = keyof ClientToServerEvents;

/** The payload an event sends. */
export type Payload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];

/** The data an event's ack carries on success. */
export type AckData<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (result: AckResult<infer T>) => void ? T : never;

/**
 * Why a request failed: a server code, or one of the two a browser adds itself — no answer in
 * time (`TIMEOUT`), or no connection to send it on (`OFFLINE`, only when the caller asked to fail
 * at once rather than wait for a reconnect).
 */
export type RequestError = ErrorCode | 'TIMEOUT' | 'OFFLINE';

/** What every request answers; it never throws. */
export type RequestResult<T> = { ok: true; data: T } | { ok: false; error: RequestError };

/** A typed request function, as each app's socket wrapper offers it. */
export type Request = <E extends ClientEvent>(event: E, payload: Payload<E>) => Promise<RequestResult<AckData<E>>>;

/**
 * The part of a Socket.IO client socket a request uses (a typed `Socket` from socket.io-client
 * fits it as it is). Structural, so this module needs neither socket.io-client nor the DOM.
 */
export interface AckSocket {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

export interface RequestOptions {
  /** How long to wait for the ack before the request counts as failed. */
  timeoutMs: number;
  /**
   * Fail with `OFFLINE` at once when the socket is not connected. Without it Socket.IO buffers
   * the emit and sends it on reconnect, which is what the widget wants for a short drop.
   */
  failWhenOffline?: boolean;
}

/** True for the two shapes a server ack may take (anything else counts as INTERNAL). */
function isAck(value: unknown): value is AckResult<unknown> {
  const v = value as { ok?: unknown; error?: unknown } | null | undefined;
  return v?.ok === true || (v?.ok === false && typeof v.error === 'string');
}

/**
 * Emits one event and waits for its ack. Never throws: no connection (when asked), a timeout,
 * a malformed ack and a server refusal all come back as `{ok:false, error}`.
 */
export async function request<E extends ClientEvent>(
  socket: AckSocket,
  event: E,
  payload: Payload<E>,
  options: RequestOptions,
): Promise<RequestResult<AckData<E>>> {
  if (options.failWhenOffline && !socket.connected) return { ok: false, error: 'OFFLINE' };
  try {
    const ack = await socket.timeout(options.timeoutMs).emitWithAck(event, payload);
    return isAck(ack) ? (ack as RequestResult<AckData<E>>) : { ok: false, error: 'INTERNAL' };
  } catch {
    return { ok: false, error: 'TIMEOUT' };
  }
}

/** A {@link Request} bound to one socket and one set of options. */
export function requester(socket: AckSocket, options: RequestOptions): Request {
  return (event, payload) => request(socket, event, payload, options);
}
