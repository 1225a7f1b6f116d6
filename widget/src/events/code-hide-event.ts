/** Detail of {@link CodeHideEvent} (none). */
export type CodeHideEventDetail = null;

/** The resume-code box: she has noted the code and closes the box. Not `composed`: it stays inside the widget's shadow root. */
export class CodeHideEvent extends CustomEvent<CodeHideEventDetail> {
  static readonly type = 'tsunagari-code-hide';
  constructor() {
    super(CodeHideEvent.type, { detail: null, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-code-hide': CodeHideEvent;
  }
}
