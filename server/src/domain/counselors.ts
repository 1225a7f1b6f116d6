import type { CounselorIdentity } from '@tsunagari/shared';
import { errors } from '../errors.js';
import type { StaffRepository } from '../repositories/types.js';

/** Counselors' signed public identities, as the widget checks them before sealing her key. */
export class CounselorDirectory {
  private readonly identities = new Map<string, CounselorIdentity>();

  constructor(private readonly staff: Pick<StaffRepository, 'byId'>) {}

  /** Her identity. It never changes once made, so it is kept after the first read. */
  identity(staffId: string): CounselorIdentity {
    const known = this.identities.get(staffId);
    if (known) return known;
    const s = this.staff.byId(staffId);
    if (!s) throw errors.invalidState('counselor missing');
    const identity: CounselorIdentity = {
      staffId: s.id,
      displayName: s.displayName,
      boxPublicKey: s.boxPublicKey,
      signPublicKey: s.signPublicKey,
      orgSignature: s.orgSignature,
    };
    this.identities.set(staffId, identity);
    return identity;
  }
}
