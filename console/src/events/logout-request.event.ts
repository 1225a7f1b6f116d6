/** She pressed 「ログアウト」, or the server no longer accepts her session (`expired`). */
export class LogoutRequestEvent extends CustomEvent<{ expired: boolean }> {
  static readonly eventName = 'tsg-logout-request' as const;

  constructor(detail: { expired: boolean }) {
    // Bubbles and crosses shadow roots so the app shell can listen once, high up.
    super(LogoutRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-logout-request': LogoutRequestEvent;
  }
}
