import type { IntakeAnswers } from '../consultation/types.js';

/** Detail of {@link IntakeSubmitEvent}. */
export interface IntakeSubmitEventDetail {
  /** Her answers; null when she skipped (nothing is sent for them). */
  intake: IntakeAnswers | null;
  /** She said she is in danger now: the urgent flag for routing. */
  urgent: boolean;
}

/** The intake screen: answered or skipped, start the consultation. Not `composed`: it stays inside the widget's shadow root. */
export class IntakeSubmitEvent extends CustomEvent<IntakeSubmitEventDetail> {
  static readonly type = 'tsunagari-intake-submit';
  constructor(intake: IntakeAnswers | null, urgent: boolean) {
    super(IntakeSubmitEvent.type, { detail: { intake, urgent }, bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsunagari-intake-submit': IntakeSubmitEvent;
  }
}
