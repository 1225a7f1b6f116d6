/** She started or stopped typing in a chat's composer (throttled there), for the client's widget. */
export class TypingEvent extends CustomEvent<{ consultationId: string; typing: boolean }> {
  static readonly eventName = 'tsg-typing' as const;

  constructor(detail: { consultationId: string; typing: boolean }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(TypingEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-typing': TypingEvent;
  }
}
