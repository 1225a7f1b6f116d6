import type { CounselorIdentity } from '@tsunagari/shared';
import { errors } from '../errors.js';
import type { StaffRepository } from '../repositories/types.js';

/** A counselor as the board shows her: her name (staff only) and her identity (what the widget gets). */
export interface CounselorCard {
  displayName: string;
  identity: CounselorIdentity;
}

/**
 * Counselors' identities: the organisation's signed statement about their keys, which the widget
 * and a transferring console verify before sealing a session key. Kept after the first read;
 * a renewed statement or a disable makes the lifecycle {@link forget} it.
 */
export class CounselorDirectory {
  private readonly cards = new Map<string, CounselorCard>();
  /** Moved by every {@link forget}: a card read before it is not kept (it may be the old statement). */
  private forgotten = 0;

  constructor(private readonly staff: Pick<StaffRepository, 'byId'>) {}

  /** Her name and identity; INVALID_STATE when she has no statement (not enrolled). */
  async card(staffId: string): Promise<CounselorCard> {
    const known = this.cards.get(staffId);
    if (known) return known;
    const asked = this.forgotten;
    const s = await this.staff.byId(staffId);
    if (!s?.statement) throw errors.invalidState('counselor has no statement');
    const card = { displayName: s.displayName, identity: { staffId: s.id, statement: s.statement } };
    if (asked === this.forgotten) this.cards.set(staffId, card);
    return card;
  }

  /** What the widget gets: id and signed statement, no name. */
  async identity(staffId: string): Promise<CounselorIdentity> {
    return (await this.card(staffId)).identity;
  }

  /** Her statement changed (renewed, disabled): read it again next time. No id: forget everyone. */
  forget(staffId: string | null): void {
    this.forgotten++;
    if (staffId === null) this.cards.clear();
    else this.cards.delete(staffId);
  }
}
