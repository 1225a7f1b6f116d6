/** She set her own status: 受付可 (available) or 離席中 (away). */
export class StatusChangeEvent extends CustomEvent<{ status: 'available' | 'away' }> {
  static readonly eventName = 'tsg-status-change' as const;

  constructor(detail: { status: 'available' | 'away' }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(StatusChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-status-change': StatusChangeEvent;
  }
}
