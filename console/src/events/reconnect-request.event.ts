/** She asked to reconnect after the server closed the socket. */
export class ReconnectRequestEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'tsg-reconnect-request' as const;

  constructor(detail: Record<string, never>) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(ReconnectRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-reconnect-request': ReconnectRequestEvent;
  }
}
