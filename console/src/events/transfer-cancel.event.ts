/** She pressed 「キャンセル」 in a chat's transfer form: close it without handing the chat on. */
export class TransferCancelEvent extends CustomEvent<{ consultationId: string }> {
  static readonly eventName = 'tsg-transfer-cancel' as const;

  constructor(detail: { consultationId: string }) {
    // Bubbles and crosses shadow roots so the chat panel hears it from the form inside it.
    super(TransferCancelEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-transfer-cancel': TransferCancelEvent;
  }
}
