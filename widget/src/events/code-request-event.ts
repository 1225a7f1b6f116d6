/** Detail of {@link CodeRequestEvent} (none). */
export type CodeRequestEventDetail = null;

/** The resume-code box: she asks for a code to continue later. Not `composed`: it stays inside the widget's shadow root. */
export class CodeRequestEvent extends CustomEvent<CodeRequestEventDetail> {
  static readonly type = 'tsunagari-code-request';
  constructor() {
    super(CodeRequestEvent.type, { detail: null, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-code-request': CodeRequestEvent;
  }
}
