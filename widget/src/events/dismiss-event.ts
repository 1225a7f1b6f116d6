/** Detail of {@link DismissEvent} (none). */
export type DismissEventDetail = null;

/** The ended or unsafe screen: she closes it (back to an empty first screen); the privacy page: back to where she was. Not `composed`: it stays inside the widget's shadow root. */
export class DismissEvent extends CustomEvent<DismissEventDetail> {
  static readonly type = 'tsunagari-dismiss';
  constructor() {
    super(DismissEvent.type, { detail: null, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-dismiss': DismissEvent;
  }
}
