/** She confirmed ending a consultation. */
export class EndRequestEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-end-request' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(EndRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-end-request': EndRequestEvent;
  }
}
