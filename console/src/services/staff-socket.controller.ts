import type {
  Ack,
  AckResult,
  Appointment,
  ClientToServerEvents,
  ConsultationEnded,
  CounselorState,
  ErrorCode,
  KeyGranted,
  QueueEntry,
  QueueOffer,
  ServerToClientEvents,
  StaffConsultation,
  StoredMessage,
  TodayFigures,
  TypingChanged,
} from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';

/** The console's one socket, typed by the shared event maps. */
export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the header shows. `idle` is before login and after logout. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

type EventName = keyof ClientToServerEvents;
/** The payload an event takes. */
export type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
/** The data its successful ack carries. */
export type AckDataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;
/** Server codes plus the two the browser adds: no answer in time, or no connection at all. */
export type RequestError = ErrorCode | 'TIMEOUT' | 'OFFLINE';
export type RequestResult<T> = { ok: true; data: T } | { ok: false; error: RequestError };

/** What the workspace does with server pushes and connection changes. */
export interface StaffSocketHandlers {
  /** After every (re)connect: refresh the queue and her chats, which may have moved meanwhile. */
  connected(first: boolean): void;
  queueChanged(entries: QueueEntry[]): void;
  keyGranted(payload: KeyGranted): void;
  message(message: StoredMessage): void;
  ended(payload: ConsultationEnded): void;
  offer(offer: QueueOffer): void;
  offerWithdrawn(consultationId: string): void;
  counselors(counselors: CounselorState[]): void;
  /** Today's figures for the supervisors' board changed. */
  today(figures: TodayFigures): void;
  typing(payload: TypingChanged): void;
  incoming(consultation: StaffConsultation, fromStaffId: string | null): void;
  released(consultationId: string): void;
  /** An appointment was booked or its status changed (by anyone on staff). */
  appointmentChanged(appointment: Appointment): void;
  /** The server refused the socket's session (expired cookie): she must log in again. */
  authLost(): void;
}

/** How long an ack may take before the UI says so. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * Owns the Socket.IO connection for a Lit host: connects after login, reports a status the
 * header can show, reconnects on its own, and turns every emit into a typed result.
 */
export class StaffSocketController implements ReactiveController {
  /** Current connection state; the host re-renders when it changes. */
  status: ConnectionStatus = 'idle';
  private socket: StaffSocket | null = null;
  private everConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: StaffSocketHandlers,
  ) {
    host.addController(this);
  }

  /** Connects same-origin; the server authenticates by the httpOnly session cookie. */
  connect(): void {
    if (this.socket) return;
    // WebSocket only: the server admits staff sockets only with an Origin header matching its
    // host, and browsers omit Origin on same-origin long-polling GETs, so polling is refused.
    // A short connect timeout: an attempt caught by a restarting server is retried at once
    // rather than hanging for the 20 s default.
    const socket: StaffSocket = io({ auth: { role: 'staff' }, withCredentials: true, transports: ['websocket'], timeout: 5000 });
    this.socket = socket;
    this.everConnected = false;
    this.setStatus('connecting');

    socket.on('connect', () => {
      const first = !this.everConnected;
      this.everConnected = true;
      this.setStatus('connected');
      this.handlers.connected(first);
    });
    socket.on('disconnect', () => {
      // `active` is false when the server or this client closed the socket on purpose.
      this.setStatus(socket.active ? 'reconnecting' : 'disconnected');
    });
    socket.on('connect_error', () => {
      if (socket.active) {
        this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
      } else {
        // Refused by the server's middleware: the staff session is no longer valid.
        this.setStatus('disconnected');
        this.handlers.authLost();
      }
    });
    socket.on('queue:changed', ({ entries }) => this.handlers.queueChanged(entries));
    socket.on('key:granted', (p) => this.handlers.keyGranted(p));
    socket.on('message:new', (m) => this.handlers.message(m));
    socket.on('consultation:ended', (p) => this.handlers.ended(p));
    socket.on('queue:offer', (p) => this.handlers.offer(p));
    socket.on('queue:offer-withdrawn', (p) => this.handlers.offerWithdrawn(p.consultationId));
    socket.on('staff:changed', (p) => this.handlers.counselors(p.counselors));
    socket.on('stats:changed', (p) => this.handlers.today(p));
    socket.on('typing:changed', (p) => this.handlers.typing(p));
    socket.on('consultation:incoming', (p) => this.handlers.incoming(p.consultation, p.fromStaffId));
    socket.on('consultation:released', (p) => this.handlers.released(p.consultationId));
    socket.on('appointment:changed', (p) => this.handlers.appointmentChanged(p.appointment));
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
    socket?.removeAllListeners();
    socket?.disconnect();
    this.setStatus('idle');
  }

  /**
   * Emits one event and waits for its ack. Never throws: a missing connection, a timeout and a
   * server refusal all come back as `{ok:false, error}` for the caller to explain.
   */
  async request<E extends EventName>(event: E, payload: PayloadOf<E>): Promise<RequestResult<AckDataOf<E>>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: 'OFFLINE' };
    // Socket.IO's variadic typing cannot follow a generic event name; the maps still bind E to
    // its payload and ack at the call site through this method's signature.
    const timed = socket.timeout(ACK_TIMEOUT_MS);
    const emit = timed.emitWithAck.bind(timed) as unknown as (
      ev: E,
      p: PayloadOf<E>,
    ) => Promise<AckResult<AckDataOf<E>>>;
    try {
      return await emit(event, payload);
    } catch {
      return { ok: false, error: 'TIMEOUT' };
    }
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
