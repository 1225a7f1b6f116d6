import type { SignedIn } from '../services/login.js';

/** The login form finished: she is signed in, her keys are unlocked in memory and the org key is pinned. */
export class LoginEvent extends CustomEvent<SignedIn> {
  static readonly eventName = 'tsg-login' as const;

  constructor(detail: SignedIn) {
    super(LoginEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-login': LoginEvent;
  }
}
