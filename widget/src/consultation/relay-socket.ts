import type { ClientToServerEvents, ServerToClientEvents } from '@tsunagari/shared';
import { requester } from '@tsunagari/shared/client';
import { io, type Socket } from 'socket.io-client';
import type { RelaySocket, SocketStatusEvent } from './types.js';

/**
 * How long a request waits for its ack before it counts as failed (a failed message can be sent
 * again, and anything unacknowledged is re-sent after a reconnect), and how long one connection
 * attempt may take before Socket.IO tries again (its default is 20 s): a reconnect that reaches
 * a server in the middle of a restart must not leave her hanging.
 */
export const REQUEST_TIMEOUT_MS = 5_000;

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the Socket.IO connection to the relay and adapts it to {@link RelaySocket}.
 * Reached only through a dynamic `import()` once she starts, like libsodium.
 *
 * WebSocket only: no long-polling requests, so no cookies or request lines to other paths.
 */
export function connectRelay(server: string): RelaySocket {
  const socket: TypedSocket = io(server, {
    auth: { role: 'client' },
    transports: ['websocket'],
    withCredentials: false,
    timeout: REQUEST_TIMEOUT_MS,
  });
  let everConnected = false;
  let closedByUs = false;
  const statusHandlers: Array<(e: SocketStatusEvent) => void> = [];
  const emitStatus = (e: SocketStatusEvent): void => {
    for (const h of statusHandlers) h(e);
  };

  socket.on('connect', () => {
    everConnected = true;
    emitStatus({ type: 'connected' });
  });
  socket.on('disconnect', (reason) => {
    if (closedByUs) return emitStatus({ type: 'closed' });
    // The server closing the socket stops Socket.IO's own retries; she is still in the
    // middle of a consultation, so try again (resume tells us if it really is over).
    if (reason === 'io server disconnect') socket.connect();
    emitStatus({ type: 'reconnecting' });
  });
  socket.on('connect_error', () => {
    if (everConnected) emitStatus({ type: 'reconnecting' });
  });

  return {
    // Not failing offline: during a short drop Socket.IO keeps the emit and sends it on reconnect.
    request: requester(socket, { timeoutMs: REQUEST_TIMEOUT_MS }),
    on(event, handler) {
      // Socket.IO's typed `on` cannot take a generic event key; the RelaySocket signature keeps
      // call sites typed, so widen just here.
      (socket.on as unknown as (ev: string, h: unknown) => void).call(socket, event, handler);
    },
    onStatus(handler) {
      statusHandlers.push(handler);
    },
    close() {
      closedByUs = true;
      socket.disconnect();
    },
  };
}
