/** The admin asked for the staff directory again (someone may have enrolled since it was loaded). */
export class StaffReloadEvent extends CustomEvent<Record<string, never>> {
  static readonly eventName = 'tsg-staff-reload' as const;

  constructor() {
    super(StaffReloadEvent.eventName, { detail: {}, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-staff-reload': StaffReloadEvent;
  }
}
