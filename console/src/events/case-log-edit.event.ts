/** She chose to correct one of her case-log entries (the list's 直す). */
export class CaseLogEditEvent extends CustomEvent<{ entryId: string }> {
  static readonly eventName = 'tsg-case-log-edit' as const;

  constructor(detail: { entryId: string }) {
    // Bubbles and crosses shadow roots so the workspace hands the entry to the form.
    super(CaseLogEditEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-case-log-edit': CaseLogEditEvent;
  }
}
