import type { StaffListing } from '@tsunagari/shared';
import type { StaffRecord } from '../types.js';

/** One account as the admins' directory shows it: each field only where its status has one. */
export function listingOf(r: StaffRecord): StaffListing {
  const keys = r.publicKeys;
  return {
    staffId: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    status: r.status,
    keyVersion: r.keyVersion,
    pending: r.status === 'pending' && keys ? { staffId: r.id, role: r.role, ...keys, keyVersion: r.keyVersion } : null,
    statement: r.status === 'active' || r.status === 'disabled' ? r.statement : null,
    lastSignInDay: r.lastSignInDay,
    inviteExpiresAt: r.status === 'invited' ? (r.invite?.expiresAt ?? null) : null,
  };
}
