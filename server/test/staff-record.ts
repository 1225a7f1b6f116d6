import type { StaffRecord } from '../src/domain/types.js';

/**
 * An active counselor's row for unit tests about routing and consultation rows, where keys and
 * signatures are never checked: the values only fill the columns an active account must have.
 */
export function activeStaffRecord(id: string, capacity = 3): StaffRecord {
  return {
    id,
    username: id,
    displayName: id,
    role: 'counselor',
    status: 'active',
    keyVersion: 1,
    credentials: { kdf: { salt: 's', opslimit: 1, memlimit: 1 }, authHash: 'a', wrappedSecretKeys: 'w' },
    publicKeys: { boxPublicKey: 'b', signPublicKey: 'p' },
    statement: {
      statement: { staffId: id, role: 'counselor', boxPublicKey: 'b', signPublicKey: 'p', keyVersion: 1, notBefore: 0, notAfter: 1 },
      signature: 'o',
    },
    invite: null,
    lastSignInDay: null,
    capacity,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}
