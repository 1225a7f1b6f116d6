import type { StaffSession } from '@tsunagari/shared';
import type { StaffCrypto } from '../services/staff-crypto.js';

/** The login form finished: she is signed in and her keys are unlocked in memory. */
export class LoginEvent extends CustomEvent<{ session: StaffSession; crypto: StaffCrypto }> {
  static readonly eventName = 'tsg-login' as const;

  constructor(detail: { session: StaffSession; crypto: StaffCrypto }) {
    super(LoginEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-login': LoginEvent;
  }
}
