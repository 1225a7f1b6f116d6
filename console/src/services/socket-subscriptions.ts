import type { ServerToClientEvents } from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the socket itself reports, besides the server's pushes. */
export interface ConnectionEvents {
  /** After every (re)connect; `first` for the first one since login. */
  connected(first: boolean): void;
  /** The server refused the socket's session (expired cookie): she must log in again. */
  authLost(): void;
}

/** Everything the console can subscribe to: the server's pushes, typed by the shared map, and the connection's own news. */
export type StaffSocketEvents = ServerToClientEvents & ConnectionEvents;
export type StaffSocketEventName = keyof StaffSocketEvents;
/** Handlers for some of the events, as one controller subscribes to them. */
export type StaffSocketHandlers = { [E in StaffSocketEventName]?: StaffSocketEvents[E] };
/** Undoes one subscription. */
export type Unsubscribe = () => void;

type AnyHandler = (...args: never[]) => void;

/**
 * The handlers subscribed to each event. Kept apart from any one socket: controllers subscribe when
 * the workspace attaches, before login opens the socket, and stay subscribed across reconnects.
 */
export class SocketSubscriptions {
  private readonly handlers = new Map<string, Set<AnyHandler>>();

  /** Calls `handler` for every `event` until the returned function is called. */
  on<E extends StaffSocketEventName>(event: E, handler: StaffSocketEvents[E]): Unsubscribe {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    const h = handler as AnyHandler;
    set.add(h);
    return () => void set.delete(h);
  }

  /** Hands one event to its subscribers, in the order they subscribed. */
  emit(event: string, args: readonly unknown[]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    // A copy: a handler may unsubscribe (or subscribe) while the event is handed out.
    for (const h of [...set]) (h as (...a: unknown[]) => void)(...args);
  }

  /**
   * Subscribes `handlers` while `host` is connected to the page (from its connectedCallback to its
   * disconnectedCallback), so a controller's subscriptions live exactly as long as its element.
   */
  bind(host: ReactiveControllerHost, handlers: StaffSocketHandlers): void {
    host.addController(new HostSubscription(this, handlers));
  }
}

/** One controller's handlers, subscribed while its host is on the page. */
class HostSubscription implements ReactiveController {
  private offs: Unsubscribe[] = [];

  constructor(
    private readonly subscriptions: SocketSubscriptions,
    private readonly handlers: StaffSocketHandlers,
  ) {}

  hostConnected(): void {
    const entries = Object.entries(this.handlers) as [StaffSocketEventName, AnyHandler][];
    this.offs = entries.map(([event, handler]) => this.subscriptions.on(event, handler as StaffSocketEvents[typeof event]));
  }

  hostDisconnected(): void {
    for (const off of this.offs) off();
    this.offs = [];
  }
}
