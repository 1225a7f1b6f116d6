/** Detail of {@link SendEvent}. */
export interface SendEventDetail {
  text: string;
}

/**
 * The composer asks to send a message. Not `composed`: it stays inside the widget's shadow
 * root, so the host page never learns what she types or when.
 */
export class SendEvent extends CustomEvent<SendEventDetail> {
  static readonly type = 'tsunagari-send';
  constructor(text: string) {
    super(SendEvent.type, { detail: { text }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-send': SendEvent;
  }
}
