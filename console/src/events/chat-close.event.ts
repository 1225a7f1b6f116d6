/** She closed an ended chat, removing it from her list. */
export class ChatCloseEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-chat-close' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(ChatCloseEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-chat-close': ChatCloseEvent;
  }
}
