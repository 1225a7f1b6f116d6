/**
 * Which screen the main area shows: her chats (or the year report), the appointments, the
 * calendar's week by counselor (issue 16), the case
 * log of the other channels (counselors and supervisors), the staff
 * administration (admins), or her password change (from the header menu).
 */
export type WorkspaceView = 'main' | 'appointments' | 'calendar' | 'caselog' | 'staff' | 'password';

/** She picked another screen in the view switch. */
export class ViewChangeEvent extends CustomEvent<{ view: WorkspaceView }> {
  static readonly eventName = 'tsg-view-change' as const;

  constructor(view: WorkspaceView) {
    super(ViewChangeEvent.eventName, { detail: { view }, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-view-change': ViewChangeEvent;
  }
}
