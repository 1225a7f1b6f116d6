/** Detail of {@link StillHereEvent} (none). */
export type StillHereEventDetail = null;

/** The waiting screen: she answered 「まだお待ちですか？」 — she is still waiting. Not `composed`: it stays inside the widget's shadow root. */
export class StillHereEvent extends CustomEvent<StillHereEventDetail> {
  static readonly type = 'tsunagari-still-here';
  constructor() {
    super(StillHereEvent.type, { detail: null, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-still-here': StillHereEvent;
  }
}
