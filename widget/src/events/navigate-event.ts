/** Detail of {@link NavigateEvent}. */
export interface NavigateEventDetail {
  /** The idle screen to show next. */
  to: 'intro' | 'intake' | 'resume' | 'privacy';
}

/** A screen asks for another idle screen (first screen, intake, resume entry). Not `composed`: it stays inside the widget's shadow root. */
export class NavigateEvent extends CustomEvent<NavigateEventDetail> {
  static readonly type = 'tsunagari-navigate';
  constructor(to: NavigateEventDetail['to']) {
    super(NavigateEvent.type, { detail: { to }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-navigate': NavigateEvent;
  }
}
