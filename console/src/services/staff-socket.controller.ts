import type { ClientToServerEvents, ServerToClientEvents } from '@tsunagari/shared';
import { type AckData, type ClientEvent, type Payload, request, type RequestResult } from '@tsunagari/shared/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  type StaffSocketEventName,
  type StaffSocketEvents,
  type StaffSocketHandlers,
  SocketSubscriptions,
  type Unsubscribe,
} from './socket-subscriptions.js';

/** The console's one socket, typed by the shared event maps. */
export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the header shows. `idle` is before login and after logout. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

// The console's components and services name these from here; they are the shared client's.
export type { RequestError, RequestResult } from '@tsunagari/shared/client';

/** How long an ack may take before the UI says so. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Owns the Socket.IO connection for a Lit host: connects after login, reports a status the
 * header can show, reconnects on its own, turns every emit into a typed result, and hands each
 * server push to the controllers that subscribed to it ({@link StaffSocketController.on}).
 */
export class StaffSocketController implements ReactiveController {
  /** Current connection state; the host re-renders when it changes. */
  status: ConnectionStatus = 'idle';
  private socket: StaffSocket | null = null;
  private everConnected = false;
  /** Settles when no session-replacing request is in flight ({@link whileSessionChanges}). */
  private sessionChange: Promise<void> = Promise.resolve();
  private readonly subscriptions = new SocketSubscriptions();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Calls `handler` for every `event` (a server push, or `connected` / `authLost`) until unsubscribed. */
  on<E extends StaffSocketEventName>(event: E, handler: StaffSocketEvents[E]): Unsubscribe {
    return this.subscriptions.on(event, handler);
  }

  /** Subscribes `handlers` for as long as `host` is on the page (see {@link SocketSubscriptions.bind}). */
  listen(host: ReactiveControllerHost, handlers: StaffSocketHandlers): void {
    this.subscriptions.bind(host, handlers);
  }

  /** Connects to the relay named in the console's config; it authenticates by the httpOnly session cookie. */
  connect(relayUrl: string): void {
    if (this.socket) return;
    // WebSocket only: the server admits staff sockets only with an Origin header it accepts, and
    // browsers omit Origin on same-origin long-polling GETs, so polling is refused.
    // A short connect timeout: an attempt caught by a restarting server is retried at once
    // rather than hanging for the 20 s default.
    const socket: StaffSocket = io(relayUrl, { auth: { role: 'staff' }, withCredentials: true, transports: ['websocket'], timeout: 5000 });
    this.socket = socket;
    this.everConnected = false;
    this.setStatus('connecting');

    socket.on('connect', () => {
      const first = !this.everConnected;
      this.everConnected = true;
      this.setStatus('connected');
      this.subscriptions.emit('connected', [first]);
    });
    socket.on('disconnect', (reason) => {
      // The server closed it on purpose: logout elsewhere, a password change, or she was
      // disabled. One attempt at once tells which: a live session connects again; an ended one
      // is refused by the server's middleware, and `connect_error` below signs her out.
      if (reason === 'io server disconnect') {
        this.setStatus('connecting');
        // A password change ends her old session while its answer brings the new cookie: the
        // attempt waits for that answer, or it would go with the old cookie and sign her out.
        void this.sessionChange.finally(() => {
          if (this.socket === socket) socket.connect();
        });
        return;
      }
      // `active` is false when this client closed the socket on purpose.
      this.setStatus(socket.active ? 'reconnecting' : 'disconnected');
    });
    socket.on('connect_error', () => {
      if (socket.active) {
        this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
      } else {
        // Refused by the server's middleware: the staff session is no longer valid.
        this.setStatus('disconnected');
        this.subscriptions.emit('authLost', []);
      }
    });
    // Every server push goes to whoever subscribed to it; the socket's own events above do not pass here.
    socket.onAny((event: string, ...args: unknown[]) => this.subscriptions.emit(event, args));
  }

  /**
   * Runs `change` (a request that replaces her session cookie, such as a password change) and
   * holds any reconnect the server's closing of the old session causes until it has settled.
   */
  async whileSessionChanges<T>(change: () => Promise<T>): Promise<T> {
    const running = change();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.sessionChange = settled;
    try {
      return await running;
    } finally {
      if (this.sessionChange === settled) this.sessionChange = Promise.resolve();
    }
  }

  /** Tries again after the server closed the connection. */
  reconnect(): void {
    if (!this.socket || this.socket.connected) return;
    this.setStatus('connecting');
    this.socket.connect();
  }

  /** Closes the socket for good (logout, or the host left the page). */
  disconnect(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.offAny();
    socket?.removeAllListeners();
    socket?.disconnect();
    this.setStatus('idle');
  }

  /**
   * Emits one event and waits for its ack. Never throws: a missing connection, a timeout and a
   * server refusal all come back as `{ok:false, error}` for the caller to explain.
   */
  async request<E extends ClientEvent>(event: E, payload: Payload<E>): Promise<RequestResult<AckData<E>>> {
    const socket = this.socket;
    if (!socket) return { ok: false, error: 'OFFLINE' };
    return request(socket, event, payload, { timeoutMs: ACK_TIMEOUT_MS, failWhenOffline: true });
  }

  hostConnected(): void {
    // Nothing to do: the socket opens after login, not when the element attaches.
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}
