/** She pressed 「引き受ける」 on a client offered to her. */
export class OfferAcceptEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-offer-accept' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(OfferAcceptEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-offer-accept': OfferAcceptEvent;
  }
}
