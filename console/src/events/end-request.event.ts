/** She confirmed ending a consultation; `nuisance`: as a prank or nuisance (いたずら・迷惑). */
export class EndRequestEvent extends CustomEvent<{ consultationId: string; nuisance?: boolean }> {
  static readonly eventName = 'tsg-end-request' as const;

  constructor(detail: { consultationId: string; nuisance?: boolean }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(EndRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-end-request': EndRequestEvent;
  }
}
