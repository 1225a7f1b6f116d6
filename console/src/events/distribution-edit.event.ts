/** A supervisor chose to correct a distribution event (the list's 直す). */
export class DistributionEditEvent extends CustomEvent<{ eventId: string }> {
  static readonly eventName = 'tsg-distribution-edit' as const;

  constructor(detail: { eventId: string }) {
    // Bubbles and crosses shadow roots so the workspace hands the event to the form.
    super(DistributionEditEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-distribution-edit': DistributionEditEvent;
  }
}
