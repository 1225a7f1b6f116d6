import type { CounselorState } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { findCounselor, replaceCounselor } from './counselors.js';

const counselor = (staffId: string, over: Partial<CounselorState> = {}): CounselorState =>
  ({ staffId, displayName: staffId, status: 'available', capacity: 2, load: 0, identity: {}, ...over }) as CounselorState;

describe('replaceCounselor', () => {
  it('puts the fresh state in her place and leaves the others and the input alone', () => {
    const list = [counselor('a'), counselor('b'), counselor('c')];
    const next = replaceCounselor(list, counselor('b', { capacity: 4 }));
    expect(next.map((c) => [c.staffId, c.capacity])).toEqual([['a', 2], ['b', 4], ['c', 2]]);
    expect(next[0]).toBe(list[0]);
    expect(list[1]?.capacity).toBe(2);
  });

  it('adds no one who was not in the list', () => {
    const list = [counselor('a')];
    expect(replaceCounselor(list, counselor('z'))).toEqual(list);
  });
});

describe('findCounselor', () => {
  it('finds her by staff id, or null', () => {
    const list = [counselor('a'), counselor('b')];
    expect(findCounselor(list, 'b')).toBe(list[1]);
    expect(findCounselor(list, 'x')).toBeNull();
  });
});
