import type { StaffAction } from '../state/staff-directory.js';

/** The admin chose an action for one staff member in the directory (its form opens). */
export class StaffActionEvent extends CustomEvent<{ staffId: string; action: StaffAction }> {
  static readonly eventName = 'tsg-staff-action' as const;

  constructor(detail: { staffId: string; action: StaffAction }) {
    super(StaffActionEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-staff-action': StaffActionEvent;
  }
}
