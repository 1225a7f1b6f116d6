/** Detail of {@link RetryEvent}. */
export interface RetryEventDetail {
  /** Her message's seq; resending it with the same seq is idempotent on the server. */
  seq: number;
}

/** The chat log asks to resend one of her failed messages. Stays inside the shadow root. */
export class RetryEvent extends CustomEvent<RetryEventDetail> {
  static readonly type = 'tsunagari-retry';
  constructor(seq: number) {
    super(RetryEvent.type, { detail: { seq }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-retry': RetryEvent;
  }
}
