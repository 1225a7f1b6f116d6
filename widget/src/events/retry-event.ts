/** Detail of {@link RetryEvent}. */
export interface RetryEventDetail {
  /** Her pending message's key (its epoch and seq); resending it as it is is idempotent on the server. */
  key: string;
}

/** The chat log asks to resend one of her failed messages. Stays inside the shadow root. */
export class RetryEvent extends CustomEvent<RetryEventDetail> {
  static readonly type = 'tsunagari-retry';
  constructor(key: string) {
    super(RetryEvent.type, { detail: { key }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-retry': RetryEvent;
  }
}
