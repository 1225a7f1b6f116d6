import type { Appointment, HandoffKind } from '@tsunagari/shared';

/** How a booking went: the appointment (and whether her message went out), or a kind sentence. */
export type HandoffOutcome = { appointment: Appointment; messageSent: boolean } | { error: string };

/** What the hand-off form hands up: the `handoff:book` payload and a callback with the outcome. */
export interface HandoffRequestDetail {
  consultationId: string;
  kind: HandoffKind;
  /** ISO instant with an explicit +09:00 offset (Tokyo wall time as she entered it). */
  startsAt: string;
  /** Called once the booking and the message to her are done, or the booking failed. */
  done: (outcome: HandoffOutcome) => void;
}

/** She pressed 「予約する」 in a chat's hand-off form. */
export class HandoffRequestEvent extends CustomEvent<HandoffRequestDetail> {
  static readonly eventName = 'tsg-handoff-request' as const;

  constructor(detail: HandoffRequestDetail) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(HandoffRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-handoff-request': HandoffRequestEvent;
  }
}
