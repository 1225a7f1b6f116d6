/** The admin closed a staff member's sign, renew or disable form without doing it. */
export class StaffActionCancelEvent extends CustomEvent<{ staffId: string }> {
  static readonly eventName = 'tsg-staff-action-cancel' as const;

  constructor(detail: { staffId: string }) {
    super(StaffActionCancelEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-staff-action-cancel': StaffActionCancelEvent;
  }
}
