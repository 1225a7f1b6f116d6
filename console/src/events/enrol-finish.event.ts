/** She finished her enrolment and wants the login screen. */
export class EnrolFinishEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'tsg-enrol-finish' as const;

  constructor() {
    super(EnrolFinishEvent.eventName, { detail: {}, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-enrol-finish': EnrolFinishEvent;
  }
}
