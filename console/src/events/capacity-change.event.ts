/** A supervisor saved a counselor's capacity (how many chats she takes at once). */
export class CapacityChangeEvent extends CustomEvent<{ staffId: string; capacity: number }> {
  static readonly eventName = 'tsg-capacity-change' as const;

  constructor(detail: { staffId: string; capacity: number }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(CapacityChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-capacity-change': CapacityChangeEvent;
  }
}
