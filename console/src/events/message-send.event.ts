/** What the composer hands up: the text, and a callback that says whether it was sent. */
export interface MessageSendDetail {
  consultationId: string;
  text: string;
  /** Called once with `true` when the server stored the message; the composer then clears. */
  done: (sent: boolean) => void;
}

/** She pressed 「送信」 (or Ctrl+Enter) in a chat's composer. */
export class MessageSendEvent extends CustomEvent<MessageSendDetail> {
  static readonly eventName = 'tsg-message-send' as const;

  constructor(detail: MessageSendDetail) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(MessageSendEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-message-send': MessageSendEvent;
  }
}
