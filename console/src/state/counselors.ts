import type { CounselorState } from '@tsunagari/shared';

/** The list with one counselor's fresh state (her status or capacity changed) in her place. */
export function replaceCounselor(list: readonly CounselorState[], updated: CounselorState): CounselorState[] {
  return list.map((c) => (c.staffId === updated.staffId ? updated : c));
}

/** The signed-in staff member's own entry, or null when the list does not hold her. */
export function findCounselor(list: readonly CounselorState[], staffId: string): CounselorState | null {
  return list.find((c) => c.staffId === staffId) ?? null;
}
