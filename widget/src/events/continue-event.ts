/** Detail of {@link ContinueEvent}: whether she goes on with the chat from before the reload. */
export interface ContinueEventDetail {
  goOn: boolean;
}

/** The 「続けますか？」 screen after a reload: she chose. Not `composed`: it stays inside the widget's shadow root. */
export class ContinueEvent extends CustomEvent<ContinueEventDetail> {
  static readonly type = 'tsunagari-continue';
  constructor(goOn: boolean) {
    super(ContinueEvent.type, { detail: { goOn }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-continue': ContinueEvent;
  }
}
