/** Detail of {@link ResumeSubmitEvent}. */
export interface ResumeSubmitEventDetail {
  /** The code as she typed it (its shape already checked). */
  code: string;
}

/** The resume entry screen: continue with this code. Not `composed`: it stays inside the widget's shadow root. */
export class ResumeSubmitEvent extends CustomEvent<ResumeSubmitEventDetail> {
  static readonly type = 'tsunagari-resume-submit';
  constructor(code: string) {
    super(ResumeSubmitEvent.type, { detail: { code }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-resume-submit': ResumeSubmitEvent;
  }
}
