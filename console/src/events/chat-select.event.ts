/** She chose one of her chats to read. */
export class ChatSelectEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-chat-select' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(ChatSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-chat-select': ChatSelectEvent;
  }
}
