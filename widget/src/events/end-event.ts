/** Detail of {@link EndEvent} (none). */
export type EndEventDetail = null;

/** The chat screen: she confirmed that she wants to end the consultation. Not `composed`: it stays inside the widget's shadow root. */
export class EndEvent extends CustomEvent<EndEventDetail> {
  static readonly type = 'tsunagari-end';
  constructor() {
    super(EndEvent.type, { detail: null, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-end': EndEvent;
  }
}
