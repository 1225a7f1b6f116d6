/** She pressed 「対応する」 on a waiting consultation. */
export class TakeRequestEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-take-request' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(TakeRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-take-request': TakeRequestEvent;
  }
}
