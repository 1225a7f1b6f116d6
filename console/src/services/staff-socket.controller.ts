import type {
  Appointment,
  ClientToServerEvents,
  ConsultationEnded,
  CounselorState,
  KeyGranted,
  QueueEntry,
  QueueOffer,
  ServerToClientEvents,
  StaffConsultation,
  StoredMessage,
  TodayFigures,
  TypingChanged,
} from '@tsunagari/shared';
import { type AckData, type ClientEvent, type Payload, request, type RequestResult } from '@tsunagari/shared/client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';

/** The console's one socket, typed by the shared event maps. */
export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the header shows. `idle` is before login and after logout. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

// The console's components and services name these from here; they are the shared client's.
export type { RequestError, RequestResult } from '@tsunagari/shared/client';

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
